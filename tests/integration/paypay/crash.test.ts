import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestCore } from '../../helpers/core';
import { tempDir } from '../../helpers/tmp';
import { configure, control, ftDraft, startSim } from './helpers';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const BIN = path.join(ROOT, 'electron/cli/balcao.mjs');
const CHILD = path.resolve(import.meta.dirname, 'crash-child.mjs');

function runChild(
  dataDir: string,
  point: 'seen' | 'issued',
): Promise<{ signal: NodeJS.Signals | null; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CHILD, dataDir, point], { stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('exit', (_code, signal) => resolve({ signal, err }));
  });
}

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe('paid reference → exactly one RG across SIGKILL', () => {
  for (const point of ['seen', 'issued'] as const) {
    it(`killed ${point === 'seen' ? 'after seeing the payment, before the RG' : 'after the RG committed, before the job settled'}: restarted, one RG, verify accepts`, async () => {
      const tmp = tempDir();
      cleanups.push(() => tmp.cleanup());
      const sim = await startSim();
      cleanups.push(() => sim.close());

      const t = await createTestCore({ dataDir: tmp.dir });
      configure(t.core, sim);
      const { doc, reference } = await t.core.paypay.issueWithReference(ftDraft(t.core), 1, 30_000);
      expect(reference.state).toBe('pending');
      await control(sim, 'pay', { reference: reference.reference });
      await t.core.stop('before crash');

      const r = await runChild(tmp.dir, point);
      expect(r.err).toBe('');
      expect(r.signal).toBe('SIGKILL');

      const t2 = await createTestCore({ dataDir: tmp.dir });
      cleanups.push(() => t2.core.stop('test'));
      const db = t2.core.ctx.db;
      const rgs = () =>
        db.all(db.k.selectFrom('fiscal_document').select(['id', 'doc_no']).where('doc_type', '=', 'RG'));
      expect(rgs()).toHaveLength(point === 'seen' ? 0 : 1);
      await t2.core.paypay.pollOnce();
      await t2.core.paypay.pollOnce();
      expect(rgs()).toHaveLength(1);
      const row = t2.core.paypay.store.get(reference.id)!;
      expect(row).toMatchObject({ state: 'paid', receipt_document_id: rgs()[0].id });
      expect(t2.core.fiscal.get(doc.id).references.outstanding).toBe('0.00');
      await t2.core.stop('verify');

      const v = spawnSync(process.execPath, [BIN, 'verify', '--data-dir', tmp.dir], {
        cwd: ROOT,
        encoding: 'utf8',
        timeout: 120_000,
      });
      expect(v.status, v.stdout + v.stderr).toBe(0);
    }, 120_000);
  }
});
