import { describe, expect, it } from 'vitest';
import { computeAmounts, taxGroupKey, type AmountLineInput } from '../../../shared/fiscal/amounts';
import {
  canonicalDecimal,
  computeAmountsExact,
  computeAmountsFast,
} from '../../../shared/fiscal/amounts-exact';
import { prng as rng } from '../../../shared/random';

const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
/** A plain decimal with up to `maxInt` integer digits and up to `maxDec` decimals, sometimes with trailing zeros. */
function decimal(r: () => number, maxInt: number, maxDec: number): string {
  const int = String(Math.floor(r() * 10 ** Math.ceil(r() * maxInt)));
  const places = Math.floor(r() * (maxDec + 1));
  if (!places) return int;
  let frac = '';
  for (let i = 0; i < places; i++) frac += String(Math.floor(r() * 10));
  return `${int}.${frac}`;
}

const RATES = [
  '23',
  '13',
  '6',
  '0',
  '22',
  '16',
  '4',
  '18',
  '9',
  '12',
  '5',
  '23.00',
  '6.0',
  '3.5',
  '0.00000001',
];

function randomDoc(r: () => number): { lines: AmountLineInput[]; global: string } {
  const n = 1 + Math.floor(r() * 8);
  const lines: AmountLineInput[] = [];
  for (let i = 0; i < n; i++) {
    const pct = pick(r, RATES);
    const code = pick(r, ['NOR', 'INT', 'RED', 'ISE']);
    lines.push({
      quantity: r() < 0.5 ? String(1 + Math.floor(r() * 5)) : decimal(r, 4, 8),
      unitPriceGross: r() < 0.8 ? decimal(r, 4, 2) : decimal(r, 13, 8),
      discountPct: r() < 0.6 ? '0' : r() < 0.1 ? '100' : decimal(r, 2, 4),
      taxPct: pct,
      taxKey: taxGroupKey('IVA', pick(r, ['PT', 'PT-MA']), code, pct, code === 'ISE' ? 'M07' : null),
    });
  }
  return { lines, global: r() < 0.7 ? '0' : decimal(r, 2, 3) };
}

describe('exact integer amounts (verification fast path)', () => {
  it('agree with computeAmounts (decimal.js) on every figure of 5 000 random documents', () => {
    const r = rng(20250615);
    let compared = 0;
    let exact = 0;
    for (let k = 0; k < 5_000; k++) {
      const { lines, global } = randomDoc(r);
      const ref = computeAmounts(lines, global);
      const fast = computeAmountsExact(lines, global);
      // Every field and every text, not just the money: unit prices (6 decimals), discounts, rates.
      expect(fast ?? computeAmounts(lines, global)).toEqual(ref);
      if (fast) exact++;
      compared++;
    }
    expect(compared).toBe(5_000);
    // Only documents with a rate like 0.00000001 (decimal.js writes it "1e-8"; 1 rate in 15 here) are left to
    // decimal.js; everything else went through the exact path.
    expect(exact).toBeGreaterThan(3_500);
  });

  it('reproduces the worked FS example and a largest-remainder split', () => {
    const key = taxGroupKey('IVA', 'PT', 'NOR', '23', null);
    const one = computeAmountsExact([
      { quantity: '1', unitPriceGross: '12.30', discountPct: '0', taxPct: '23', taxKey: key },
    ]);
    expect(one).toMatchObject({ netTotal: '10.00', taxPayable: '2.30', grossTotal: '12.30' });
    // 3 × 0.99 at 23 %: group net 2.41 (2.97 / 1.23 = 2.4146…) split 0.81 + 0.80 + 0.80.
    const three = computeAmountsExact(
      Array.from({ length: 3 }, () => ({
        quantity: '1',
        unitPriceGross: '0.99',
        discountPct: '0',
        taxPct: '23',
        taxKey: key,
      })),
    );
    expect(three?.lines.map((l) => l.net)).toEqual(['0.81', '0.80', '0.80']);
    expect(three?.groups).toEqual([{ taxKey: key, taxPct: '23', base: '2.41', tax: '0.56', gross: '2.97' }]);
  });

  it('declines what is not a plain non-negative decimal, so the caller falls back to decimal.js', () => {
    const tiny = {
      quantity: '1',
      unitPriceGross: '1.00',
      discountPct: '0',
      taxPct: '0.00000001',
      taxKey: 't',
    };
    expect(computeAmountsExact([tiny])).toBeNull();
    expect(computeAmountsFast([tiny])).toEqual(computeAmounts([tiny]));
    const key = 'k';
    const line = { quantity: '1', unitPriceGross: '1.00', discountPct: '0', taxPct: '23', taxKey: key };
    expect(computeAmountsExact([{ ...line, quantity: '-1' }])).toBeNull();
    expect(computeAmountsExact([{ ...line, unitPriceGross: '1e2' }])).toBeNull();
    expect(computeAmountsExact([{ ...line, discountPct: '100.5' }])).toBeNull();
    expect(computeAmountsExact([line], '101')).toBeNull();
    expect(canonicalDecimal('23.50')).toBe(canonicalDecimal('023.5'));
    expect(canonicalDecimal('6.00')).toBe('6');
    expect(canonicalDecimal('abc')).toBeNull();
  });
});
