import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestCore } from '../../helpers/core';
import { tempDir } from '../../helpers/tmp';
import { until } from '../printing/context';
import { TEST_KIND, registerTestPartner, startReceiver } from './test-partner';

const CHILD = path.resolve(import.meta.dirname, 'outbox-child.mjs');

function runChild(
  dataDir: string,
  url: string,
  point: 'queued' | 'committed' | 'delivered',
): Promise<{ signal: NodeJS.Signals | null; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CHILD, dataDir, url, point], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('exit', (_code, signal) => resolve({ signal, err }));
  });
}

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe('the outbox survives SIGKILL between commit and delivery', () => {
  const name = {
    queued: 'before the runner took the job',
    committed: 'before the delivery',
    delivered: 'after the partner received it',
  } as const;
  for (const point of ['queued', 'committed', 'delivered'] as const) {
    const sent = point === 'delivered' ? 1 : 0;
    it(`killed ${name[point]}: restarted, the receiver holds exactly one document`, async () => {
      const tmp = tempDir();
      cleanups.push(() => tmp.cleanup());
      const receiver = await startReceiver();
      cleanups.push(() => receiver.close());

      const r = await runChild(tmp.dir, receiver.url, point);
      expect(r.err).toBe('');
      expect(r.signal).toBe('SIGKILL');
      expect(receiver.requests).toHaveLength(sent);

      // Restart on the same data folder: the job the dead process held is taken back and delivered again,
      // with the same idempotency key.
      const t = await createTestCore({ dataDir: tmp.dir });
      cleanups.push(() => t.core.stop('test'));
      registerTestPartner(t.core, receiver.url);
      await t.core.jobs.drain();
      const db = t.core.ctx.db;
      const jobs = db.all(db.k.selectFrom('job').selectAll().where('kind', '=', TEST_KIND));
      expect(jobs).toHaveLength(1);
      await until(() => t.core.jobs.get(jobs[0].id)?.state === 'succeeded', 15_000, 'delivery');
      const docs = db.all(db.k.selectFrom('fiscal_document').select('doc_no'));
      expect(docs).toHaveLength(1);
      expect([...receiver.documents.values()]).toEqual([{ id: 'R1', docNo: docs[0].doc_no }]);
      expect(new Set(receiver.requests.map((q) => q.key))).toEqual(new Set([`test:${docs[0].doc_no}`]));
      expect(receiver.requests).toHaveLength(sent + 1);
      const attempts = t.core.jobs.attempts(jobs[0].id).map((a) => a.outcome);
      // A job the dead process had taken is an attempt of unknown outcome; one it never took was never tried.
      expect(attempts).toEqual(point === 'queued' ? ['succeeded'] : ['unknown', 'succeeded']);
      expect(t.core.jobs.get(jobs[0].id)?.result).toBe('{"remoteId":"R1"}');

      // Status for the status bar: nothing waits, the partner answered.
      expect(t.core.sync.status()).toMatchObject([
        { partner: 'test-receiver', state: 'online', label: 'ligado', pending: 0, failed: 0 },
      ]);
      const caixa = await t.login('caixa');
      expect(await t.call('sync/status', {}, caixa)).toHaveLength(1);

      // Another restart delivers nothing more.
      await t.core.stop('restart');
      const t2 = await createTestCore({ dataDir: tmp.dir });
      cleanups.push(() => t2.core.stop('test'));
      registerTestPartner(t2.core, receiver.url);
      await t2.core.jobs.drain();
      expect(receiver.requests).toHaveLength(sent + 1);
      expect(receiver.documents.size).toBe(1);
    }, 60_000);
  }
});
