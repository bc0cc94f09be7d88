import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createCore, DB_FILE } from '../../../electron/core/core';
import { silentLogger } from '../../../electron/core/log/logger';
import { openDatabase } from '../../../electron/core/db/open';
import { tempDir } from '../../helpers/tmp';

/** Issue 9, D.10: a zero-length balcao.sqlite is a damaged file, not an empty folder. */
describe('a zero-length database file', () => {
  const tmp = tempDir('balcao-zero-');
  afterAll(() => tmp.cleanup());

  it('is refused at start-up: no training terminal is created over it, nothing is written', async () => {
    const file = path.join(tmp.dir, DB_FILE);
    fs.writeFileSync(file, '');
    await expect(createCore({ dataDir: tmp.dir, log: silentLogger })).rejects.toMatchObject({
      code: 'DATABASE_CORRUPT',
      message: expect.stringMatching(/está vazio \(0 bytes\)/),
    });
    expect(fs.statSync(file).size).toBe(0);
    expect(fs.readdirSync(tmp.dir)).toEqual([DB_FILE]);
  });

  it('is refused read-only too (verify, saft)', () => {
    const file = path.join(tmp.dir, DB_FILE);
    expect(() => openDatabase(file, { readonly: true })).toThrow(/está vazio/);
    expect(fs.readdirSync(tmp.dir)).toEqual([DB_FILE]);
  });
});
