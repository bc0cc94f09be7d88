import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestCore, type TestCore } from '../../helpers/core';
import { tempDir } from '../../helpers/tmp';
import { httpApi } from './http';

/**
 * Issue 9 §C.8: printer output files configured through the API stay inside the data folder; the CLI may write
 * where its user asks and reports a path it cannot write in pt-PT.
 */
let tc: TestCore;
let api: Awaited<ReturnType<typeof httpApi>>;
let gerente: string;
const outside = tempDir();
let docId: number;

beforeAll(async () => {
  tc = await createTestCore();
  api = await httpApi(tc);
  gerente = await api.login(2, '9999');
  const doc = await api.call(
    'fiscal/issue-document',
    {
      type: 'FS',
      lines: [{ description: 'Bica', quantity: '1', unitPrice: '0.80', taxCode: 'NOR' }],
      payments: [{ method: 'cash', amount: '0.80' }],
    },
    gerente,
  );
  docId = (doc.value as { id: number }).id;
});
afterAll(async () => {
  await api.srv.close();
  await tc.close();
  outside.cleanup();
});

const configure = (uri: string) =>
  api.call('printing/configure-printer', { id: 'extra', name: 'Extra', uri }, gerente);

describe('printing/configure-printer output paths', () => {
  it('refuses files outside the data folder, `..`, control characters and symbolic links leading out', async () => {
    fs.symlinkSync(outside.dir, path.join(tc.dataDir, 'fuga'));
    const bad = [
      `pdf:${path.join(outside.dir, 'x.pdf')}`,
      `virtual:${path.join(outside.dir, 'x.png')}`,
      'virtual:../x.png',
      'virtual:talões/../../x.png',
      'pdf:..\\x.pdf',
      'virtual:\u0000x',
      'pdf:fuga/x.pdf',
    ];
    for (const uri of bad) {
      const r = await configure(uri);
      expect(r, uri).toMatchObject({ status: 400, error: { code: 'VALIDATION' } });
      expect(r.error?.message, uri).toMatch(/pasta de dados|caracteres inválidos/);
    }
    expect(fs.readdirSync(outside.dir)).toEqual([]);
    // Nor a "serial port" that is a regular file.
    for (const uri of [`serial:${path.join(outside.dir, 'porta')}`, 'serial:/dev/../tmp/x'])
      expect(await configure(uri), uri).toMatchObject({
        status: 400,
        error: { message: expect.stringContaining('não é um dispositivo') },
      });
    expect((await api.call('printing/list-printers', {}, gerente)).value).toHaveLength(1);
    expect((await configure('serial:/dev/ttyUSB0?baud=19200')).ok).toBe(true);
  });

  it('takes a relative path from the data folder (not the working directory) and prints there', async () => {
    const cwdBefore = fs.readdirSync(process.cwd());
    const r = await configure('virtual:talões/ultimo.png');
    expect(r.ok).toBe(true);
    expect((await api.call('printing/reprint', { documentId: docId, printerId: 'extra' }, gerente)).ok).toBe(
      true,
    );
    await tc.core.printing.processNow(true);
    expect(fs.existsSync(path.join(tc.dataDir, 'talões', 'ultimo.png'))).toBe(true);
    expect(fs.readdirSync(process.cwd())).toEqual(cwdBefore);
    const inside = path.join(tc.dataDir, 'pdf', '{doc}.pdf');
    expect((await configure(`pdf:${inside}`)).ok).toBe(true);
  });

  it('a row written before the rule (or edited in the file) prints nothing outside and says why', async () => {
    const db = tc.core.ctx.db;
    const target = path.join(outside.dir, 'antigo.pdf');
    db.run(
      db.k
        .updateTable('printer')
        .set({ uri: `pdf:${target}` })
        .where('id', '=', 'extra'),
    );
    const job = await api.call('printing/reprint', { documentId: docId, printerId: 'extra' }, gerente);
    expect(job.ok).toBe(true);
    await tc.core.printing.processNow(true);
    const jobs = (await api.call('printing/list-jobs', {}, gerente)).value as Array<{
      id: number;
      state: string;
      lastError: string | null;
    }>;
    const mine = jobs.find((j) => j.id === (job.value as { jobId: number }).jobId)!;
    expect(mine.state).not.toBe('done');
    expect(mine.lastError).toMatch(/pasta de dados/);
    expect(fs.existsSync(target)).toBe(false);
  });
});

const run = promisify(execFile);
const BIN = path.resolve(import.meta.dirname, '../../../electron/cli/balcao.mjs');

describe('balcao print --printer pdf:FILE (CLI)', () => {
  it('writes where the user asks, and reports a parent that is a regular file in pt-PT (no stack)', async () => {
    await tc.core.stop('cli');
    const blocker = path.join(outside.dir, 'ficheiro');
    fs.writeFileSync(blocker, 'x');
    const args = ['print', '--doc', String(docId), '--data-dir', tc.dataDir, '--printer'];
    const err = (await run(process.execPath, [BIN, ...args, `pdf:${path.join(blocker, 'sub', 'x.pdf')}`], {
      timeout: 60_000,
    }).then(
      () => null,
      (e: { code: number; stderr: string }) => e,
    ))!;
    expect(err).not.toBeNull();
    expect(err.code).not.toBe(0);
    expect(err.stderr).toContain('já existe um ficheiro com esse nome');
    expect(err.stderr).not.toMatch(/EEXIST|ENOTDIR|at .*\.ts:\d+/);

    const out = path.join(outside.dir, 'cli', 'fs.pdf');
    await run(process.execPath, [BIN, ...args, `pdf:${out}`], { timeout: 60_000 });
    expect(fs.readFileSync(out).subarray(0, 5).toString()).toBe('%PDF-');
  }, 120_000);
});
