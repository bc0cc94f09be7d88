import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { prng } from '../../../electron/core/fiscal/demo';
import { createTestCore } from '../../helpers/core';
import { tempDir } from '../../helpers/tmp';
import { documentProblems, runningSumProblems } from './random-ops';

const CHILD = path.resolve(import.meta.dirname, 'stock-child.mjs');

/**
 * Runs the random operations in a child process and SIGKILLs it: at random moments chosen here (between or
 * inside transactions, wherever it is), or from inside a fiscal transaction after its stock movements were
 * written. After each kill the data folder is opened again: the balance equals the ledger, the ledger has no
 * gap, and a document and its movements are either both there or both gone.
 */
function runChild(
  dataDir: string,
  seed: number,
  killInTxAt: number,
  killAfterMs: number | null,
): Promise<{ signal: NodeJS.Signals | null; err: string; progress: number }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CHILD, dataDir, String(seed), String(killInTxAt)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let err = '';
    let progress = -1;
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      for (const line of d.toString().split('\n')) {
        if (line === 'ready' && killAfterMs !== null) setTimeout(() => child.kill('SIGKILL'), killAfterMs);
        else if (/^\d+$/.test(line)) progress = Number(line);
      }
    });
    child.on('exit', (_code, signal) => resolve({ signal, err, progress }));
  });
}

describe('ledger = balance after SIGKILL at random points', () => {
  const tmp = tempDir('balcao-stock-crash-');
  afterAll(() => tmp.cleanup());
  const rng = prng(660);

  const rounds: Array<{ inTx: number; afterMs: number | null }> = [
    { inTx: 0, afterMs: 1500 + Math.floor(rng() * 2500) },
    { inTx: 20 + Math.floor(rng() * 60), afterMs: null },
    { inTx: 0, afterMs: 1000 + Math.floor(rng() * 3000) },
    { inTx: 5 + Math.floor(rng() * 40), afterMs: null },
  ];
  rounds.forEach((round, n) => {
    it(`round ${n + 1}: killed ${round.afterMs === null ? `inside a fiscal transaction at operation ${round.inTx}` : `after ${round.afterMs} ms`}`, async () => {
      const before = await createTestCore({ dataDir: tmp.dir });
      const db0 = before.core.ctx.db;
      const movements0 = db0.all(db0.k.selectFrom('stock_movement').select('id')).length;
      await before.core.stop('test');

      const r = await runChild(tmp.dir, 100 + n, round.inTx, round.afterMs);
      expect(r.err).toBe('');
      expect(r.signal).toBe('SIGKILL');

      const t = await createTestCore({ dataDir: tmp.dir });
      try {
        const db = t.core.ctx.db;
        expect(db.all(db.k.selectFrom('stock_movement').select('id')).length).toBeGreaterThan(movements0);
        expect(t.core.stock.mismatches()).toEqual([]);
        expect(runningSumProblems(t.core)).toEqual([]);
        expect(documentProblems(t.core)).toEqual([]);
      } finally {
        await t.core.stop('test');
      }
    }, 120_000);
  });
});
