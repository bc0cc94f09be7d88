import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/core/db/open';
import { exportSaft, type SaftOptions } from '../../../electron/core/fiscal/saft/export';
import { generateDocuments } from '../../bench/fiscal/generate';
import { createTestCore, type TestCore } from '../../helpers/core';
import { tempDir } from '../../helpers/tmp';

/**
 * SAF-T SalesInvoices on two threads (fiscal/saft/parallel.ts): the file is byte for byte the one-thread file,
 * from the three kinds of read-only connection (a live database in place, an in-memory copy), the helper thread
 * really renders part of it, and when a terminal commits while the export starts (the helper could see other
 * data) its pages are dropped and the file is still the one-thread file. 9 000 documents: 9 pages of 1000.
 */
describe('SAF-T export on two threads', () => {
  const tmp = tempDir('balcao-saft-par-');
  let t: TestCore;
  let file: string;
  const opts = (name: string, parallel: SaftOptions['parallel']): SaftOptions => ({
    from: '2025-01-01',
    to: '2025-12-31',
    out: path.join(tmp.dir, name),
    training: true,
    productVersion: 'test',
    today: '2026-01-01',
    parallel,
  });

  beforeAll(async () => {
    t = await createTestCore({ dataDir: path.join(tmp.dir, 'data') });
    file = t.core.ctx.db.file;
    await generateDocuments(t.core, 9000);
  }, 180_000);
  afterAll(async () => {
    await t?.close().catch(() => undefined);
    tmp.cleanup();
  });

  const exportBoth = (tag: string) => {
    const ro = openDatabase(file, { readonly: true });
    try {
      const one = exportSaft(ro, opts(`${tag}-1.xml`, 'off'));
      const two = exportSaft(ro, opts(`${tag}-2.xml`, 'wait'));
      return { ro: ro.readOnlySource, one, two };
    } finally {
      ro.close();
    }
  };
  const same = (a: string, b: string) =>
    expect(fs.readFileSync(a).equals(fs.readFileSync(b)), `${a} ≠ ${b}`).toBe(true);

  it('a live database (WAL in place): the same bytes, part of them from the helper', () => {
    const { ro, one, two } = exportBoth('live');
    expect(ro).toMatchObject({ kind: 'file', live: true });
    expect(one.invoices).toBe(9000);
    expect(one.helperInvoices).toBe(0);
    expect(two.helperInvoices).toBeGreaterThan(0);
    same(one.file, two.file);
  }, 120_000);

  it('a commit between the two snapshots: the helper’s pages are dropped, the bytes still the same', async () => {
    // Another connection commits without pause while the export starts (a terminal at work); what it writes
    // is outside the export, so the one-thread file stays the reference.
    const stop = new Int32Array(new SharedArrayBuffer(4));
    const writer = new Worker(
      `const { workerData } = require('node:worker_threads');
       const Db = require(workerData.sqlite);
       const db = new Db(workerData.file);
       db.pragma('busy_timeout = 5000');
       db.exec('create table if not exists scratch (n integer)');
       const st = new Int32Array(workerData.stop);
       const ins = db.prepare('insert into scratch (n) values (?)');
       for (let n = 0; !Atomics.load(st, 0); n++) ins.run(n);
       db.close();`,
      { eval: true, workerData: { file, stop: stop.buffer, sqlite: require.resolve('better-sqlite3') } },
    );
    const exited = new Promise((resolve) => writer.once('exit', resolve));
    try {
      await new Promise((r) => setTimeout(r, 200));
      const ro = openDatabase(file, { readonly: true });
      try {
        const two = exportSaft(ro, opts('busy-2.xml', 'wait'));
        expect(two.helperInvoices).toBe(0);
        expect(two.invoices).toBe(9000);
      } finally {
        ro.close();
      }
    } finally {
      Atomics.store(stop, 0, 1);
      await exited;
    }
    const ro = openDatabase(file, { readonly: true });
    try {
      same(exportSaft(ro, opts('busy-1.xml', 'off')).file, path.join(tmp.dir, 'busy-2.xml'));
    } finally {
      ro.close();
    }
  }, 120_000);

  it('an in-memory copy (no pending WAL): the same bytes, part of them from the helper', async () => {
    await t.close();
    const { ro, one, two } = exportBoth('memory');
    expect(ro?.kind).toBe('memory');
    expect(two.helperInvoices).toBeGreaterThan(0);
    same(one.file, two.file);
  }, 120_000);
});
