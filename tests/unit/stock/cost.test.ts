import { describe, expect, it } from 'vitest';
import { Dec } from '../../../shared/money';
import { averageAfter, valueOf } from '../../../electron/core/stock/cost';

/** Weighted average cost, worked by hand. */
describe('weighted average cost', () => {
  it('follows purchases, ignores exits, restarts from the incoming cost when nothing was on hand', () => {
    let state = { quantity: '0', avgCost: null as string | null };
    const move = (delta: string, cost: string | null): string | null => {
      const avg = averageAfter(state, delta, cost);
      state = { quantity: new Dec(state.quantity).plus(delta).toFixed(), avgCost: avg };
      return avg;
    };
    expect(move('10', '2.00')).toBe('2'); // 10 @ 2,00
    expect(move('-4', '2')).toBe('2'); // a sale leaves the average alone
    expect(move('6', '3.00')).toBe('2.5'); // (6×2 + 6×3) / 12
    expect(move('3', '2.90')).toBe('2.58'); // (12×2,5 + 3×2,9) / 15 = 38,7 / 15
    expect(move('-20', null)).toBe('2.58'); // sold below zero: −5 on hand
    expect(move('5', '4.00')).toBe('4'); // nothing was on hand: the new goods set the cost
  });

  it('weighed goods: decimals kept exact, rounded to 6 places', () => {
    // (2,5 kg × 7,99 + 1,25 kg × 8,49) / 3,75 kg = 30,5875 / 3,75 = 8,156666…
    expect(averageAfter({ quantity: '2.5', avgCost: '7.99' }, '1.25', '8.49')).toBe('8.156667');
  });

  it('an incoming movement without a cost, or onto goods without a cost', () => {
    expect(averageAfter({ quantity: '3', avgCost: '1.5' }, '2', null)).toBe('1.5');
    expect(averageAfter({ quantity: '3', avgCost: null }, '2', '1.2')).toBe('1.2');
  });

  it('values a balance to the cent', () => {
    expect(valueOf('9.495', '3.2')).toBe('30.38');
    expect(valueOf('-2', '1.005')).toBe('-2.01');
    expect(valueOf('5', null)).toBe('0.00');
    // Half away from zero, as Dec's ROUND_HALF_UP: 3 × 0,335 = 1,005.
    expect(valueOf('3', '0.335')).toBe('1.01');
    expect(valueOf('-3', '0.335')).toBe('-1.01');
    expect(valueOf('0.001', '0.004999')).toBe('0.00');
    // 12 345 612 345,6 − 123,456123456
    expect(valueOf('99999.999', '123456.123456')).toBe('12345612222.14');
  });

  it('the integer path agrees with Dec on many values', () => {
    for (let i = 0; i < 2000; i++) {
      const q = (((i * 7919) % 200000) / 1000 - 100).toFixed(3);
      const c = (((i * 104729) % 9999999) / 1e6).toFixed(6);
      expect(valueOf(q, c), `${q} × ${c}`).toBe(new Dec(q).times(c).toFixed(2));
    }
  });
});
