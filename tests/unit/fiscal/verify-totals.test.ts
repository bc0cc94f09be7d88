import { describe, expect, it } from 'vitest';
import { computeAmounts, taxGroupKey } from '../../../shared/fiscal/amounts';
import {
  totalsProblems,
  type DocRow,
  type LineRow,
  type TaxRow,
} from '../../../electron/core/fiscal/verify-totals';
import { prng as rng } from '../../../shared/random';

const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
const num = (r: () => number, maxInt: number, places: number): string => {
  const int = String(Math.floor(r() * 10 ** Math.ceil(r() * maxInt)));
  const p = Math.floor(r() * (places + 1));
  return p ? `${int}.${String(Math.floor(r() * 10 ** p)).padStart(p, '0')}` : int;
};

/** A document stored as the service stores it: every figure from computeAmounts. */
function storedDoc(r: () => number): { d: DocRow; lines: LineRow[]; taxes: TaxRow[] } {
  const lines: LineRow[] = Array.from({ length: 1 + Math.floor(r() * 6) }, () => {
    const [code, pct] = pick(r, [
      ['NOR', '23'],
      ['INT', '13'],
      ['RED', '6'],
      ['ISE', '0'],
      ['NOR', '22'],
      ['RED', '4'],
    ]);
    return {
      quantity: r() < 0.5 ? String(1 + Math.floor(r() * 4)) : num(r, 3, 3),
      unit_price_gross: r() < 0.9 ? num(r, 4, 2) : num(r, 12, 8),
      discount_pct: r() < 0.7 ? '0' : num(r, 2, 2),
      gross: '',
      net: '',
      tax: '',
      tax_type: 'IVA',
      tax_region: pick(r, ['PT', 'PT-AC']),
      tax_code: code,
      tax_pct: pct,
      exemption_code: code === 'ISE' ? 'M07' : null,
    };
  });
  const global = r() < 0.8 ? '0' : num(r, 1, 2);
  const a = computeAmounts(
    lines.map((l) => ({
      quantity: l.quantity,
      unitPriceGross: l.unit_price_gross,
      discountPct: l.discount_pct,
      taxPct: l.tax_pct,
      taxKey: taxGroupKey(l.tax_type, l.tax_region, l.tax_code, l.tax_pct, l.exemption_code),
    })),
    global,
  );
  lines.forEach((l, i) =>
    Object.assign(l, { gross: a.lines[i].gross, net: a.lines[i].net, tax: a.lines[i].tax }),
  );
  const d = {
    global_discount_pct: global,
    net_total: a.netTotal,
    tax_payable: a.taxPayable,
    gross_total: a.grossTotal,
  } as DocRow;
  return { d, lines, taxes: a.groups.map((g) => ({ document_id: 1, base: g.base, tax: g.tax })) };
}

/** One cent more, exactly (BigInt: amounts can exceed 2^53 cents). */
const bump = (v: string): string =>
  (BigInt(v.replace('.', '')) + 1n)
    .toString()
    .padStart(3, '0')
    .replace(/(\d\d)$/, '.$1');

describe('verify totals (fast exact check, decimal.js judging mismatches)', () => {
  it('accepts every consistently stored document and finds any one-cent change', () => {
    const r = rng(8632);
    for (let k = 0; k < 3000; k++) {
      const { d, lines, taxes } = storedDoc(r);
      expect(totalsProblems(d, lines, taxes)).toEqual([]);
      const i = Math.floor(r() * lines.length);
      const field = pick(r, ['gross', 'net', 'tax'] as const);
      const changed = lines.map((l, j) => (j === i ? { ...l, [field]: bump(l[field]) } : l));
      expect(totalsProblems(d, changed, taxes)[0]).toBe(
        `linha ${i + 1}: valores não correspondem à quantidade, preço e taxa`,
      );
      expect(totalsProblems({ ...d, gross_total: bump(d.gross_total) }, lines, taxes)[0]).toMatch(
        /^totais não correspondem às linhas/,
      );
      const t = Math.floor(r() * taxes.length);
      const badTaxes = taxes.map((x, j) => (j === t ? { ...x, base: bump(x.base) } : x));
      expect(totalsProblems(d, lines, badTaxes)).toEqual(['quadro de IVA não corresponde às linhas']);
    }
  });
});
