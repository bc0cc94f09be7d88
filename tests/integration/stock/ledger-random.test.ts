import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prng } from '../../../electron/core/fiscal/demo';
import { fiscalTestCore, type FiscalTestCore } from '../fiscal/fiscal-helpers';
import { documentProblems, prepare, randomOp, runningSumProblems } from './random-ops';

const OPS = 1500;

/** The maintained balance equals the ledger after thousands of random operations (seeded, reproducible). */
describe('ledger = balance after random operations', () => {
  let f: FiscalTestCore;
  beforeAll(async () => {
    f = await fiscalTestCore();
  });
  afterAll(async () => {
    await f.close();
  });

  for (const seed of [13, 2026]) {
    it(`seed ${seed}: ${OPS} operations, balance policy changing on the way`, () => {
      const { core } = f;
      const s = prepare(core);
      const rng = prng(seed);
      const seen = new Map<string, number>();
      for (let i = 0; i < OPS; i++) {
        if (i % 500 === 0) core.stock.setBelowZero((['allow', 'warn', 'refuse'] as const)[(i / 500) % 3]);
        f.clock.advance(1000);
        const kind = randomOp(core, s, rng, i);
        seen.set(kind, (seen.get(kind) ?? 0) + 1);
      }
      // Every kind of operation happened, refusals included.
      for (const k of [
        'purchase',
        'sale',
        'return',
        'cancel',
        'transfer',
        'adjustment',
        'breakage',
        'count',
        'refused',
      ]) {
        expect(seen.get(k) ?? 0, k).toBeGreaterThan(0);
      }
      expect(core.stock.mismatches()).toEqual([]);
      expect(runningSumProblems(core)).toEqual([]);
      expect(documentProblems(core)).toEqual([]);
    }, 300_000);
  }
});
