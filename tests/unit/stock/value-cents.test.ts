import { describe, expect, it } from 'vitest';
import { prng } from '../../../electron/core/fiscal/demo';
import { formatCents, valueCents, valueOf } from '../../../electron/core/stock/cost';
import { Dec } from '../../../shared/money';

const naive = (q: string, c: string | null): string =>
  c === null
    ? '0.00'
    : new Dec(q).times(c).toDecimalPlaces(2).abs().isZero()
      ? '0.00'
      : new Dec(q).times(c).toDecimalPlaces(2).toFixed(2);

/** The value kept on each balance (integer cents) is exactly Dec's quantity × cost, rounded half-up. */
describe('value of a balance in cents', () => {
  it('worked examples: half away from zero, no cost is 0, huge figures through BigInt', () => {
    expect(valueCents('9.495', '3.2')).toBe(3038);
    expect(valueCents('-2', '1.005')).toBe(-201);
    expect(valueCents('3', '0.335')).toBe(101);
    expect(valueCents('5', null)).toBe(0);
    expect(valueCents('0', '2.5')).toBe(0);
    expect(valueCents('-0.001', '0.004')).toBe(0);
    expect(valueOf('99999.999', '987654.123456')).toBe(naive('99999.999', '987654.123456'));
    expect(formatCents(-5)).toBe('-0.05');
    expect(formatCents(123456789n)).toBe('1234567.89');
  });

  it('equals the Dec computation on random quantities and costs', () => {
    const rng = prng(760);
    const dec = (maxInt: number, places: number, signed: boolean): string => {
      const int = Math.floor(rng() * maxInt);
      const p = Math.floor(rng() * (places + 1));
      const frac = p ? '.' + String(Math.floor(rng() * 10 ** p)).padStart(p, '0') : '';
      return `${signed && rng() < 0.3 ? '-' : ''}${int}${frac}`;
    };
    for (let i = 0; i < 20_000; i++) {
      const q = dec(i % 3 ? 200 : 99_999, 3, true);
      const c = dec(i % 5 ? 50 : 999_999, 6, false);
      expect(valueOf(q, c), `${q} × ${c}`).toBe(naive(q, c));
    }
  });
});
