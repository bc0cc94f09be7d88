import { describe, expect, it } from 'vitest';
import {
  applyMoneyKey,
  applyPercentKey,
  checkMoney,
  checkPercent,
  checkQuantity,
  parseMoney,
  parsePercent,
  parseQuantity,
  type KeypadKey,
} from '../../../renderer/src/app/typed-number';

const type = (apply: (cur: string, k: KeypadKey) => string, keys: string): string =>
  [...keys].reduce((cur, k) => apply(cur, k as KeypadKey), '');

/** Till input is refused with a message, never silently changed (issue 9 E.14). */
describe('typed numbers on the till', () => {
  it('a unit article takes whole quantities only: "1,5" is refused, not read as 15', () => {
    expect(checkQuantity('1,5', 0)).toEqual({
      value: null,
      error: expect.stringContaining('vende-se à unidade'),
    });
    expect(parseQuantity('15', 0)).toBe('15');
    expect(parseQuantity('2', 0)).toBe('2');
  });

  it('a weighed article takes up to 3 decimals with a comma; more, zero or too much is refused', () => {
    expect(parseQuantity('0,735', 3)).toBe('0.735');
    expect(parseQuantity('1,5', 3)).toBe('1.5');
    expect(checkQuantity('0,7355', 3).error).toContain('3 casas decimais');
    expect(checkQuantity('0', 3).error).toContain('maior do que zero');
    expect(checkQuantity('1000000', 3).error).toContain('999999');
    expect(checkQuantity('', 3)).toEqual({ value: null, error: null });
  });

  it('a percentage above 100 is refused with a message; keys are never swallowed', () => {
    expect(type(applyPercentKey, '150')).toBe('150');
    expect(checkPercent('150').error).toContain('entre 0 e 100 %');
    expect(parsePercent('150')).toBeNull();
    expect(parsePercent('100')).toBe('100.00');
    expect(parsePercent('12,5')).toBe('12.50');
    expect(checkPercent('12,555').error).toContain('2 casas decimais');
  });

  it('money takes a comma and 2 decimals; a third decimal or 8 integer digits are refused, not cut', () => {
    expect(parseMoney('12,5')).toBe('12.50');
    expect(parseMoney('0,05')).toBe('0.05');
    expect(type(applyMoneyKey, '3,499')).toBe('3,499');
    expect(checkMoney('3,499').error).toContain('2 casas decimais');
    expect(type(applyMoneyKey, '12345678')).toBe('12345678');
    expect(checkMoney('12345678').error).toContain('9\u00a0999\u00a0999,99');
    expect(parseMoney('9999999,99')).toBe('9999999.99');
    expect(checkMoney('1,2,3').value).toBeNull();
    expect(type(applyMoneyKey, '1,,2')).toBe('1,2');
  });
});
