import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestCore } from '../../helpers/core';
import { tempDir } from '../../helpers/tmp';
import { PAO } from '../sales/sales-helpers';
import { configure, startSim } from './helpers';

/**
 * Issue 11 item 4 across a real crash: a process sells on the PayPay Cloud terminal (simulator in this test
 * process, over HTTP), the card is approved, and the process is SIGKILLed between the approval and the document
 * (before it is issued, or right after it committed). The restart leaves exactly one document for the one
 * approved payment, and `balcao verify` accepts the data folder.
 */
const ROOT = path.resolve(import.meta.dirname, '../../..');
const BIN = path.join(ROOT, 'electron/cli/balcao.mjs');
const CHILD = path.resolve(import.meta.dirname, 'terminal-crash-child.mjs');
const CLOUD = 'b1f0c7a2-3d4e-4f50-9a61-7b8c9d0e1f20';

function runChild(
  dataDir: string,
  controlUrl: string,
  point: 'before-issue' | 'after-issue',
): Promise<{ signal: NodeJS.Signals | null; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CHILD, dataDir, controlUrl, point], {
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

describe('PayPay terminal: an approved card → exactly one document across SIGKILL', () => {
  for (const point of ['before-issue', 'after-issue'] as const) {
    it(`killed ${point === 'before-issue' ? 'after the approval was recorded, before the document' : 'right after the document committed'}: one document after the restart`, async () => {
      const tmp = tempDir();
      cleanups.push(() => tmp.cleanup());
      const sim = await startSim();
      cleanups.push(() => sim.close());
      const t = await createTestCore({ dataDir: tmp.dir, cash: { settings: { kind: 'none' } } });
      configure(t.core, sim, { terminalUuid: CLOUD });
      await t.core.stop('configured');

      const r = await runChild(tmp.dir, sim.controlUrl, point);
      expect(r.err).toBe('');
      expect(r.signal).toBe('SIGKILL');
      const tpa = [...sim.account.payments.values()].filter((p) => p.method === 'CC');
      expect(tpa).toEqual([expect.objectContaining({ state: 'authorised', amount: 189 })]);

      const t2 = await createTestCore({ dataDir: tmp.dir, cash: { settings: { kind: 'none' } } });
      cleanups.push(() => t2.core.stop('test'));
      await t2.core.sales.whenRecovered();
      const db = t2.core.ctx.db;
      const docs = () => db.all(db.k.selectFrom('fiscal_document').select(['doc_type', 'gross_total']));
      expect(docs()).toEqual([{ doc_type: 'FS', gross_total: PAO.price }]);
      // More polling and a second recovery add nothing.
      await t2.core.paypay.pollOnce();
      await t2.core.sales.startRecovery();
      expect(docs()).toHaveLength(1);
      expect(db.all(db.k.selectFrom('sale_payment').select(['method', 'status', 'amount']))).toEqual([
        { method: 'paypay-terminal', status: 'settled', amount: PAO.price },
      ]);
      expect(db.all(db.k.selectFrom('sale').select(['status']))).toEqual([{ status: 'completed' }]);
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
