import { describe, expect, it } from 'vitest';
import { computeAmounts, taxGroupKey } from '../../../shared/fiscal/amounts';
import {
  storedRowsMatch,
  type LineTuple,
  type TaxTuple,
} from '../../../electron/core/fiscal/verify-totals-fast';
import { prng as rng } from '../../../shared/random';

const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
const num = (r: () => number, maxInt: number, places: number): string => {
  const int = String(Math.floor(r() * 10 ** Math.ceil(r() * maxInt)));
  const p = Math.floor(r() * (places + 1));
  return p ? `${int}.${String(Math.floor(r() * 10 ** p)).padStart(p, '0')}` : int;
};
const bump = (v: string): string =>
  (BigInt(v.replace('.', '')) + 1n)
    .toString()
    .padStart(3, '0')
    .replace(/(\d\d)$/, '.$1');

/** A document as verify reads it (raw rows), every figure from computeAmounts (decimal.js). */
function storedRows(r: () => number) {
  const lines: LineTuple[] = Array.from({ length: 1 + Math.floor(r() * 8) }, () => {
    // Several lines per VAT group (the largest-remainder hand-out), and one rate written two ways.
    const [code, pct] = pick(r, [
      ['NOR', '23'],
      ['NOR', '23.00'],
      ['INT', '13'],
      ['RED', '6'],
      ['ISE', '0'],
    ]);
    return [
      7,
      // Small enough for this path's range (products of cents below 2^53); larger ones are the full path's.
      r() < 0.5 ? String(1 + Math.floor(r() * 4)) : num(r, 2, 3),
      num(r, 3, 2),
      r() < 0.6 ? '0' : num(r, 2, 2),
      '',
      '',
      '',
      'IVA',
      'PT',
      code,
      pct,
      code === 'ISE' ? 'M07' : null,
    ];
  });
  const global = r() < 0.7 ? '0' : num(r, 1, 2);
  const a = computeAmounts(
    lines.map((l) => ({
      quantity: l[1],
      unitPriceGross: l[2],
      discountPct: l[3],
      taxPct: l[10],
      taxKey: taxGroupKey(l[7], l[8], l[9], l[10], l[11]),
    })),
    global,
  );
  lines.forEach((l, i) => {
    l[4] = a.lines[i].gross;
    l[5] = a.lines[i].net;
    l[6] = a.lines[i].tax;
  });
  const d = {
    global_discount_pct: global,
    net_total: a.netTotal,
    tax_payable: a.taxPayable,
    gross_total: a.grossTotal,
  };
  const taxes = a.groups.map((g): TaxTuple => [7, g.base, g.tax]);
  return { d, lines, taxes };
}

describe('verify totals, fast path over raw rows', () => {
  it('says yes to every consistently stored document in its range, and no to any one-cent change', () => {
    const r = rng(363);
    for (let k = 0; k < 3000; k++) {
      const { d, lines, taxes } = storedRows(r);
      // Surrounded by another document's rows: only [from, to) counts.
      const other = storedRows(r);
      const all = [...other.lines, ...lines, ...other.lines];
      const allTaxes = [...other.taxes, ...taxes];
      const from = other.lines.length;
      const match = (ls: LineTuple[], ts: TaxTuple[], doc = d) =>
        storedRowsMatch(doc, ls, from, from + lines.length, ts, other.taxes.length, allTaxes.length);
      expect(match(all, allTaxes)).toBe(true);

      const i = from + Math.floor(r() * lines.length);
      const field = pick(r, [4, 5, 6] as const);
      const changed = all.map((l, j): LineTuple =>
        j === i ? (l.with(field, bump(l[field])) as LineTuple) : l,
      );
      expect(match(changed, allTaxes)).toBe(false);
      expect(match(all, allTaxes, { ...d, gross_total: bump(d.gross_total) })).toBe(false);
      const t = other.taxes.length + Math.floor(r() * taxes.length);
      const badTaxes = allTaxes.map((x, j): TaxTuple => (j === t ? [x[0], bump(x[1]), x[2]] : x));
      expect(match(all, badTaxes)).toBe(false);
    }
  });

  it("hands a group's spare cent to the first of equal remainders, as computeAmounts does", () => {
    const line = (net: string, tax: string): LineTuple => [
      1,
      '1',
      '1.00',
      '0',
      '1.00',
      net,
      tax,
      'IVA',
      'PT',
      'NOR',
      '23',
      null,
    ];
    const input = {
      quantity: '1',
      unitPriceGross: '1.00',
      discountPct: '0',
      taxPct: '23',
      taxKey: 'IVA|PT|NOR|23|',
    };
    expect(computeAmounts([input, input]).lines.map((l) => l.net)).toEqual(['0.82', '0.81']);
    const d = { global_discount_pct: '0', net_total: '1.63', tax_payable: '0.37', gross_total: '2.00' };
    const taxes: TaxTuple[] = [[1, '1.63', '0.37']];
    const match = (ls: LineTuple[]) => storedRowsMatch(d, ls, 0, 2, taxes, 0, 1);
    expect(match([line('0.82', '0.18'), line('0.81', '0.19')])).toBe(true);
    expect(match([line('0.81', '0.19'), line('0.82', '0.18')])).toBe(false);
  });

  it('leaves to the full path what it cannot read exactly', () => {
    const { d, lines, taxes } = storedRows(rng(1));
    const at = (i: number, v: string): LineTuple[] =>
      lines.map((l, j) => (j === 0 ? (l.with(i, v) as LineTuple) : l));
    const match = (ls: LineTuple[]) => storedRowsMatch(d, ls, 0, ls.length, taxes, 0, taxes.length);
    expect(match(lines)).toBe(true);
    for (const v of ['1e2', '-1', '1.', '.5', ' 1', '1.123456789', '1234567890123456', ''])
      expect(match(at(1, v))).toBe(false);
    expect(match(at(4, '01.5'))).toBe(false); // amounts: exactly two decimals
    expect(match(at(9, 'N|OR'))).toBe(false); // '|' could merge two VAT groups' keys
  });
});
