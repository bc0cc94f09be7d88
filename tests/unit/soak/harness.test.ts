import { describe, expect, it } from 'vitest';
import { Rng, type SoakConfig } from '../../soak/config';
import { planSale } from '../../soak/driver';
import { failing, type Figures } from '../../soak/figures';
import { cents, euros, exactPieces, roundedUpPieces } from '../../soak/money';

/** The soak's own arithmetic and determinism (the soak itself runs with `npm run soak`, not here). */
describe('soak harness', () => {
  it('reads money strings as exact cents and refuses sub-cent values', () => {
    expect(cents('3.49')).toBe(349);
    expect(cents('10')).toBe(1000);
    expect(cents('0.5')).toBe(50);
    expect(cents('-2.00')).toBe(-200);
    expect(cents('1.2300')).toBe(123);
    expect(() => cents('0.001')).toThrow(/sub-cent/);
    expect(euros(1057)).toBe('10.57');
    expect(euros(5)).toBe('0.05');
  });

  it('pays the exact amount or rounds up to 5 € with real euro pieces', () => {
    for (const due of [1, 99, 349, 1057, 2000, 18888]) {
      expect(exactPieces(due).reduce((a, b) => a + b, 0)).toBe(due);
      const up = roundedUpPieces(due).reduce((a, b) => a + b, 0);
      expect(up).toBeGreaterThan(due);
      expect(up % 500).toBe(0);
    }
  });

  it('makes the same choices for the same seed, and different ones for another seed', () => {
    const cfg = { killRate: 0.3, faultRate: 0.5 } as SoakConfig;
    const plans = (seed: number) => {
      const rng = new Rng(seed);
      return Array.from({ length: 50 }, () => planSale(rng, ['5601234100211', '5601234100228'], cfg));
    };
    expect(plans(7)).toEqual(plans(7));
    expect(plans(7)).not.toEqual(plans(8));
    const all = plans(7);
    expect(all.some((p) => p.killAfterMs !== null)).toBe(true);
    expect(all.every((p) => p.fault === null || p.method === 'ci5')).toBe(true);
  });

  it('gates on every must-be-zero figure and on verify', () => {
    const zero: Figures = {
      sales_acknowledged: 10,
      documents: 10,
      kills: 3,
      lost: 0,
      duplicated: 0,
      overcharged: 0,
      paid_without_document: 0,
      numbering_gaps: 0,
      verify_ok: true,
      cash_journal_vs_machine_cents: 0,
      faults_injected: 2,
      faults_incoherent: 0,
      http_500: 0,
      ci5_unusable_after_restart: 0,
    };
    expect(failing(zero)).toEqual([]);
    expect(failing({ ...zero, overcharged: 1, verify_ok: false })).toEqual(['overcharged', 'verify_ok']);
    expect(failing({ ...zero, cash_journal_vs_machine_cents: null })).toEqual([
      'cash_journal_vs_machine_cents',
    ]);
    expect(failing({ ...zero, cash_journal_vs_machine_cents: -5 })).toEqual([
      'cash_journal_vs_machine_cents',
    ]);
  });
});
