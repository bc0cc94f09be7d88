import { describe, expect, it } from 'vitest';
import { DecimalString, dec, fixed, formatEuro, formatQty, fromCents, toCents } from '../../../shared/money';

describe('money', () => {
  it('rounds half-up to two decimals without float error', () => {
    expect(fixed('1.005')).toBe('1.01');
    expect(fixed('2.675')).toBe('2.68');
    expect(fixed(dec('0.1').plus('0.2'))).toBe('0.30');
    expect(fixed('-1.005')).toBe('-1.01');
  });

  it('converts to and from integer cents exactly', () => {
    expect(toCents('12.30')).toBe(1230);
    expect(toCents('0.07')).toBe(7);
    expect(fromCents(1999)).toBe('19.99');
    expect(() => toCents('0.001')).toThrow(/cêntimo/);
  });

  it('formats euros the Portuguese way', () => {
    expect(formatEuro('1234.5')).toBe('1\u00a0234,50\u00a0€');
    expect(formatEuro('0')).toBe('0,00\u00a0€');
    expect(formatQty('0.125')).toBe('0,125');
  });

  it('accepts decimal strings only', () => {
    expect(DecimalString.safeParse('12.30').success).toBe(true);
    expect(DecimalString.safeParse('12,30').success).toBe(false);
    expect(DecimalString.safeParse('1e3').success).toBe(false);
    expect(DecimalString.safeParse('').success).toBe(false);
  });
});
