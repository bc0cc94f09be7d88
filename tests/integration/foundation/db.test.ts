import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore, DB_FILE } from '../../../electron/core/core';
import { silentLogger } from '../../../electron/core/log/logger';
import { openDatabase } from '../../../electron/core/db/open';
import { migrations } from '../../../electron/core/db/migrations';
import { tempDir } from '../../helpers/tmp';

const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));
const tmp = (): string => {
  const t = tempDir();
  cleanups.push(t.cleanup);
  return t.dir;
};

describe('SQLite', () => {
  it('opens with WAL, foreign keys, synchronous=FULL and a busy timeout', () => {
    const db = openDatabase(path.join(tmp(), 'x.sqlite'));
    expect(db.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.sqlite.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.sqlite.pragma('busy_timeout', { simple: true })).toBe(5000);
    db.close();
  });

  it('runs every migration at start-up and records them', async () => {
    const dir = tmp();
    const core = await createCore({ dataDir: dir, log: silentLogger });
    const names = core.ctx.db.sqlite.prepare('select name from kysely_migration order by name').all();
    expect(names.map((r) => (r as { name: string }).name)).toEqual(Object.keys(migrations).sort());
    await core.stop();
  });

  it('refuses a corrupt file with a clear error and leaves it untouched', async () => {
    const dir = tmp();
    const file = path.join(dir, DB_FILE);
    const garbage = Buffer.from('isto não é uma base de dados SQLite '.repeat(200));
    fs.writeFileSync(file, garbage);
    await expect(createCore({ dataDir: dir, log: silentLogger })).rejects.toMatchObject({
      code: 'DATABASE_CORRUPT',
      message: expect.stringMatching(/danificad/),
    });
    expect(fs.readFileSync(file).equals(garbage)).toBe(true);
  });

  it('refuses a file whose pages are damaged, never replacing it with an empty database', async () => {
    const dir = tmp();
    const core = await createCore({ dataDir: dir, log: silentLogger });
    await core.stop();
    const file = path.join(dir, DB_FILE);
    const bytes = fs.readFileSync(file);
    bytes.fill(0xa5, 100, 4096); // keep the 16-byte header, wreck the schema page
    fs.writeFileSync(file, bytes);
    await expect(createCore({ dataDir: dir, log: silentLogger })).rejects.toMatchObject({
      code: 'DATABASE_CORRUPT',
    });
    expect(fs.readFileSync(file).equals(bytes)).toBe(true);
  });

  it('says so when the data folder is not writable', async () => {
    const parent = tmp();
    const blocker = path.join(parent, 'ficheiro');
    fs.writeFileSync(blocker, 'x'); // a file where a folder should be: mkdir fails for root too
    await expect(
      createCore({ dataDir: path.join(blocker, 'dados'), log: silentLogger }),
    ).rejects.toMatchObject({
      code: 'DATA_DIR_UNWRITABLE',
      message: expect.stringMatching(/Não é possível escrever/),
    });
  });

  it('audit log is append-only', async () => {
    const core = await createCore({ dataDir: tmp(), log: silentLogger });
    core.ctx.audit('test.action', null, { a: 1 });
    expect(() => core.ctx.db.sqlite.prepare('update audit_log set action = ?').run('x')).toThrow(
      /append-only/,
    );
    expect(() => core.ctx.db.sqlite.prepare('delete from audit_log').run()).toThrow(/append-only/);
    await core.stop();
  });
});
