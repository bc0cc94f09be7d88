import { describe, expect, it } from 'vitest';
import { computeAmounts, taxGroupKey } from '../../../shared/fiscal/amounts';
import { textTotalsMatch } from '../../../electron/core/fiscal/verify-text';
import {
  DOC_FIELDS,
  LINE_FIELDS,
  SEAL_VERSION,
  TAX_FIELDS,
  type SealValue,
} from '../../../electron/core/fiscal/seal-canonical';
import { prng as rng } from '../../../shared/random';
import { totalsProblems, type DocRow } from '../../../electron/core/fiscal/verify-totals';

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

/** A line's fields as this test generates them, in this order. */
type LineTuple = [
  document_id: number,
  quantity: string,
  unit_price_gross: string,
  discount_pct: string,
  gross: string,
  net: string,
  tax: string,
  tax_type: string,
  tax_region: string,
  tax_code: string,
  tax_pct: string,
  exemption_code: string | null,
];
const LINE_TUPLE_FIELDS = [
  'document_id',
  'quantity',
  'unit_price_gross',
  'discount_pct',
  'gross',
  'net',
  'tax',
  'tax_type',
  'tax_region',
  'tax_code',
  'tax_pct',
  'exemption_code',
] as const;
type TaxTuple = [document_id: number, base: string, tax: string];

type Totals = Pick<DocRow, 'global_discount_pct' | 'net_total' | 'tax_payable' | 'gross_total'>;

/**
 * The document's seal text as SQLite builds it (seal-canonical-sql.ts; JSON.stringify renders strings, integers
 * and null the same way): the fields the totals read set, every other one null.
 */
function sealText(d: Totals, lines: readonly LineTuple[], taxes: readonly TaxTuple[]): Buffer {
  const doc: SealValue[] = DOC_FIELDS.map(() => null);
  doc[DOC_FIELDS.indexOf('global_discount_pct')] = d.global_discount_pct;
  doc[DOC_FIELDS.indexOf('net_total')] = d.net_total;
  doc[DOC_FIELDS.indexOf('tax_payable')] = d.tax_payable;
  doc[DOC_FIELDS.indexOf('gross_total')] = d.gross_total;
  const ls = lines.map((l, i) => {
    const r: SealValue[] = LINE_FIELDS.map(() => null);
    r[LINE_FIELDS.indexOf('line_no')] = i + 1;
    // LineTuple's columns after document_id, at their place in the seal's line.
    LINE_TUPLE_FIELDS.forEach((f, k) => {
      if (f !== 'document_id') r[LINE_FIELDS.indexOf(f)] = l[k];
    });
    return r;
  });
  const ts = taxes.map(([, base, tax], i) => {
    const r: SealValue[] = TAX_FIELDS.map(() => null);
    r[TAX_FIELDS.indexOf('seq')] = i + 1;
    r[TAX_FIELDS.indexOf('base')] = base;
    r[TAX_FIELDS.indexOf('tax')] = tax;
    return r;
  });
  return Buffer.from(JSON.stringify([SEAL_VERSION, doc, ls, ts, [], []]));
}
const textMatch = (d: Totals, lines: readonly LineTuple[], taxes: readonly TaxTuple[]): boolean =>
  textTotalsMatch(sealText(d, lines, taxes));
/** What the full path (exact BigInt, then decimal.js) says: no problem at all. */
const fullMatch = (d: Totals, lines: readonly LineTuple[], taxes: readonly TaxTuple[]): boolean =>
  totalsProblems(
    d as DocRow,
    lines.map((l) => ({
      quantity: l[1],
      unit_price_gross: l[2],
      discount_pct: l[3],
      gross: l[4],
      net: l[5],
      tax: l[6],
      tax_type: l[7],
      tax_region: l[8],
      tax_code: l[9],
      tax_pct: l[10],
      exemption_code: l[11],
    })),
    taxes.map(([document_id, base, tax]) => ({ document_id, base, tax })),
  ).length === 0;

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

describe('verify totals, fast path over the seal text', () => {
  it('says yes to every consistently stored document in its range, and no to any one-cent change', () => {
    const r = rng(363);
    for (let k = 0; k < 3000; k++) {
      const { d, lines, taxes } = storedRows(r);
      expect(textMatch(d, lines, taxes)).toBe(true);
      expect(fullMatch(d, lines, taxes)).toBe(true);

      const i = Math.floor(r() * lines.length);
      const field = pick(r, [4, 5, 6] as const);
      const changed = lines.map((l, j): LineTuple =>
        j === i ? (l.with(field, bump(l[field])) as LineTuple) : l,
      );
      expect(textMatch(d, changed, taxes)).toBe(false);
      expect(fullMatch(d, changed, taxes)).toBe(false);
      const badDoc = { ...d, gross_total: bump(d.gross_total) };
      expect(textMatch(badDoc, lines, taxes)).toBe(false);
      const t = Math.floor(r() * taxes.length);
      const badTaxes = taxes.map((x, j): TaxTuple => (j === t ? [x[0], bump(x[1]), x[2]] : x));
      expect(textMatch(d, lines, badTaxes)).toBe(false);
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
    const match = (ls: LineTuple[]) => textMatch(d, ls, taxes);
    expect(match([line('0.82', '0.18'), line('0.81', '0.19')])).toBe(true);
    expect(match([line('0.81', '0.19'), line('0.82', '0.18')])).toBe(false);
  });

  it('leaves to the full path what it cannot read exactly', () => {
    const { d, lines, taxes } = storedRows(rng(1));
    const at = (i: number, v: string): LineTuple[] =>
      lines.map((l, j) => (j === 0 ? (l.with(i, v) as LineTuple) : l));
    const match = (ls: LineTuple[]) => textMatch(d, ls, taxes);
    expect(match(lines)).toBe(true);
    for (const v of ['1e2', '-1', '1.', '.5', ' 1', '1.123456789', '1234567890123456', ''])
      expect(match(at(1, v))).toBe(false);
    expect(match(at(4, '01.5'))).toBe(false); // amounts: exactly two decimals
    expect(match(at(9, 'N|OR'))).toBe(false); // '|' could merge two VAT groups' keys
    // A number where text belongs (SQLite renders a REAL or INTEGER unquoted), an escaped string.
    const asNumber = lines.map((l, j) => (j === 0 ? (l.with(1, 2 as unknown as string) as LineTuple) : l));
    expect(match(asNumber)).toBe(false);
    expect(match(at(7, 'I"VA'))).toBe(false);
    // Not the seal's shape at all.
    expect(textTotalsMatch(Buffer.from('[1,[]]'))).toBe(false);
    expect(textTotalsMatch(Buffer.from(sealText(d, lines, taxes).toString().slice(0, -1)))).toBe(false);
  });
});
