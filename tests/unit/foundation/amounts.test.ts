import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { Money, Percent, PieceValue, PositiveMoney, Quantity, UnitPrice } from '../../../shared/api/amounts';
import { AMOUNT_LIMITS, documentTotalProblem, plain, toCents } from '../../../shared/money';

const accepts = (s: z.ZodType, v: unknown) => s.safeParse(v).success;
/** The one pt-PT message of a refusal. */
const why = (s: z.ZodType, v: unknown): string => {
  const r = s.safeParse(v);
  if (r.success) throw new Error(`accepted ${JSON.stringify(v)}`);
  expect(r.error.issues).toHaveLength(1);
  return r.error.issues[0].message;
};

const NOT_CANONICAL = [
  '',
  ' 1',
  '1 ',
  '+1',
  '-1',
  '-0',
  '1e2',
  '1E-8',
  'NaN',
  'Infinity',
  '0x10',
  '1,5',
  '.5',
  '1.',
  '1.2.3',
  '١',
];

describe('amount schemas (the contract)', () => {
  it('refuse anything but a plain decimal string, with one pt-PT message and never an exception', () => {
    for (const s of [Money, PositiveMoney, UnitPrice, Quantity, Percent, PieceValue]) {
      for (const v of NOT_CANONICAL) expect(why(s, v)).toMatch(/não é um número válido|demasiado longo/);
      for (const v of [1, null, undefined, {}, [], true]) expect(accepts(s, v)).toBe(false);
      expect(why(s, '9'.repeat(100_000))).toMatch(/demasiado longo/);
    }
  });

  it('money: to the cent, 0 … the document maximum; every accepted value has exact integer cents', () => {
    for (const v of ['0', '0.00', '0.01', '12.3', '12.30', '999999999.99']) {
      expect(accepts(Money, v)).toBe(true);
      expect(Number.isSafeInteger(toCents(v))).toBe(true);
    }
    expect(why(Money, '0.001')).toBe('O valor aceita no máximo 2 casas decimais.');
    expect(why(Money, '1000000000.00')).toMatch(/no máximo 999\u00a0999\u00a0999,99\u00a0€/);
    expect(why(PositiveMoney, '0.00')).toMatch(/maior do que 0,00\u00a0€/);
    expect(accepts(PositiveMoney, '0.01')).toBe(true);
  });

  it('unit price to 4 decimals, quantity to 3 (> 0, ≤ 99 999,999), percent 0 … 100 to 2', () => {
    expect(accepts(UnitPrice, '1.2345')).toBe(true);
    expect(why(UnitPrice, '1.23456')).toMatch(/4 casas decimais/);
    expect(accepts(Quantity, '0.001')).toBe(true);
    expect(accepts(Quantity, AMOUNT_LIMITS.maxQuantity)).toBe(true);
    expect(why(Quantity, '0.0001')).toMatch(/3 casas decimais/);
    expect(why(Quantity, '0')).toMatch(/^A quantidade tem de ser maior do que 0/);
    expect(why(Quantity, '100000')).toMatch(/no máximo 99\u00a0999,999/);
    expect(accepts(Percent, '100')).toBe(true);
    expect(accepts(Percent, '12.5')).toBe(true);
    expect(why(Percent, '0.00000001')).toMatch(/2 casas decimais/);
    expect(why(Percent, '100.01')).toMatch(/^O desconto tem de ser pelo menos 0 % e no máximo 100 %/);
  });

  it('piece values are euro notes and coins only', () => {
    for (const v of ['0.01', '0.1', '0.50', '2', '5.00', '200.00', '500.00'])
      expect(accepts(PieceValue, v)).toBe(true);
    expect(why(PieceValue, '0.03')).toMatch(/nota nem moeda/);
    expect(why(PieceValue, '0.005')).toMatch(/2 casas decimais/);
    expect(why(PieceValue, '0')).toMatch(/maior do que/);
  });
});

describe('money helpers', () => {
  it('plain() never writes an exponent', () => {
    expect(plain('1e-8')).toBe('0.00000001');
    expect(plain('1.50')).toBe('1.5');
    expect(plain('1e21')).toBe('1000000000000000000000');
  });

  it('documentTotalProblem() names the maximum', () => {
    expect(documentTotalProblem(AMOUNT_LIMITS.maxDocumentTotal)).toBeNull();
    expect(documentTotalProblem('1000000000.00')).toMatch(
      /máximo de um documento \(999\u00a0999\u00a0999,99\u00a0€\)/,
    );
  });
});
