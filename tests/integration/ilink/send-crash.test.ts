import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestCore } from '../../helpers/core';
import { tempDir } from '../../helpers/tmp';
import { control, documents, simulator } from './ilink-helpers';

async function until(cond: () => boolean | Promise<boolean>, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const CHILD = path.resolve(import.meta.dirname, 'send-child.mjs');

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe('iLink outbox survives SIGKILL between commit and delivery', () => {
  const name = {
    queued: 'before the runner took the job',
    committed: 'before sending',
    waiting: 'after iLink created the document, before its answer',
  } as const;
  for (const point of ['queued', 'committed', 'waiting'] as const) {
    it(`killed ${name[point]}: exactly one remote document after restart`, async () => {
      const tmp = tempDir();
      cleanups.push(() => tmp.cleanup());
      const sim = await simulator();
      cleanups.push(() => sim.close());
      // 'waiting': the first send is processed but never answered; the child is killed while it waits.
      if (point === 'waiting') await control(sim, '/control/fault', { kind: 'timeout', count: 1 });
      const child = spawn(process.execPath, [CHILD, tmp.dir, sim.baseUrl, point], {
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let err = '';
      child.stderr.on('data', (d: Buffer) => (err += d.toString()));
      const exited = new Promise<NodeJS.Signals | null>((r) => child.on('exit', (_c, s) => r(s)));
      if (point === 'waiting') {
        await until(async () => (await documents(sim)).issued.length === 1, 90_000, 'remote document');
        child.kill('SIGKILL');
      }
      expect(await exited).toBe('SIGKILL');
      expect(err).toBe('');
      expect((await documents(sim)).issued).toHaveLength(point === 'waiting' ? 1 : 0);

      const t = await createTestCore({ dataDir: tmp.dir });
      cleanups.push(() => t.core.stop('test'));
      await t.core.jobs.drain();
      const rows = t.core.ilink.history();
      expect(rows).toHaveLength(1);
      await until(() => t.core.ilink.store.get(rows[0]!.document_id)?.state === 'sent', 60_000, 'delivered');
      const remote = (await documents(sim)).issued;
      expect(remote).toHaveLength(1);
      expect(remote[0]!.number).toBe(rows[0]!.doc_no);
      expect(t.core.ilink.store.get(rows[0]!.document_id)?.ilink_id).toBe(remote[0]!.id);
      const outcomes = t.core.ilink.attempts(rows[0]!.document_id).map((a) => [a.outcome, a.error_code]);
      // A job the dead process had taken is an attempt of unknown outcome; one it never took was never tried.
      expect(outcomes).toEqual(
        {
          queued: [['succeeded', 's011']],
          committed: [
            ['unknown', null],
            ['succeeded', 's011'],
          ],
          waiting: [
            ['unknown', null],
            ['succeeded', 'e200'],
          ],
        }[point],
      );
    }, 240_000);
  }
});
