import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { layoutShiftReport } from '../../../electron/core/printing/layout/shift-report';
import { PrintableShiftReport } from '../../../electron/core/printing/printable-report';
import type { ShiftReport } from '../../../shared/api/sales';
import { Dec } from '../../../shared/money';
import type { TestCore } from '../../helpers/core';
import { payCash, openTill } from './sales-helpers';
import { prng as rng } from '../../../shared/random';

/** Demo catalogue ids: every VAT rate, an exemption and a weighed article. */
const PASTEL_NATA = 35; // 1.20, INT (13 %)
const ARTICLES = [1, 3, 20, 28, 33, 35, 36, 40, 54, 55, 56, 61];
const WEIGHED = new Set([56, 61]);

const eq = (a: string, b: Dec | string): void => expect(new Dec(a).toFixed(2)).toBe(new Dec(b).toFixed(2));

/** Every row adds up (base + VAT = total, for sales, credit notes and net) and every column sums to the totals. */
function expectVatAddsUp(r: ShiftReport): void {
  const sum = (k: keyof ShiftReport['vatTotals']): Dec => r.vat.reduce((a, v) => a.plus(v[k]), new Dec(0));
  for (const v of r.vat) {
    const at = `${v.pct} % ${v.exemptionCode ?? ''}`;
    expect(new Dec(v.base).plus(v.tax).toFixed(2), `sales ${at}`).toBe(new Dec(v.gross).toFixed(2));
    expect(new Dec(v.creditBase).plus(v.creditTax).toFixed(2), `NC ${at}`).toBe(
      new Dec(v.creditGross).toFixed(2),
    );
    expect(new Dec(v.netBase).plus(v.netTax).toFixed(2), `net ${at}`).toBe(new Dec(v.netGross).toFixed(2));
    eq(v.netGross, new Dec(v.gross).minus(v.creditGross));
  }
  for (const k of Object.keys(r.vatTotals) as Array<keyof ShiftReport['vatTotals']>)
    eq(r.vatTotals[k], sum(k));
  eq(r.vatTotals.gross, r.totals.salesGross);
  eq(r.vatTotals.creditGross, r.totals.returnsGross);
  eq(r.vatTotals.netGross, r.totals.netGross);
}

/** The same report as the thermal roll (and the A4 PDF, which prints the same lines) shows it. */
function paper(r: ShiftReport): string {
  const p = PrintableShiftReport.parse({
    report: r,
    issuer: { name: 'Loja', nif: '599999993', address: [] },
    copy: false,
  });
  return layoutShiftReport(p, { columns: 48 })
    .map((b) => (b.kind === 'text' ? b.text : ''))
    .join('\n');
}
const m = (v: string): string => new Dec(v).toFixed(2).replace('.', ',');

describe('X/Z VAT table adds up with returns (issue 9 E.11)', () => {
  let t: TestCore;
  let caixa: string;
  beforeEach(async () => ({ t, caixa } = await openTill()));
  afterEach(async () => t.close());

  async function returnQty(documentId: number, lines: Array<{ lineId: number; quantity: string }>) {
    return t.call(
      'sales/return',
      {
        documentId,
        lines,
        reason: 'Devolução do cliente',
        refundMethod: 'cash-manual',
        approval: { pin: '9999' },
      },
      caixa,
    );
  }

  it('2 pastéis de nata sold, 1 returned: the 13 % row is 1,06 + 0,14 = 1,20, on screen and on paper', async () => {
    await t.call('sales/add-line', { articleId: PASTEL_NATA, quantity: '2' }, caixa);
    const fs = (await payCash(t, caixa)).completed!.document;
    const found = await t.call('sales/find-document', { query: fs.docNo }, caixa);
    await returnQty(fs.id, [{ lineId: found.returnable[0]!.lineId, quantity: '1' }]);

    const x = await t.call('shifts/report-x', {}, caixa);
    const row = x.vat.find((v) => v.code === 'INT')!;
    expect(row).toMatchObject({ gross: '2.40', creditGross: '1.20', netGross: '1.20' });
    expect(row).toMatchObject({ netBase: '1.06', netTax: '0.14' });
    expectVatAddsUp(x);
    const text = paper(x);
    expect(text).toMatch(/13%\s+2,12\s+0,28\s+2,40/);
    expect(text).toMatch(/NC\s+-1,06\s+-0,14\s+-1,20/);
    expect(text).toMatch(/Líq\.\s+1,06\s+0,14\s+1,20/);
    expect(text).toMatch(/Total\s+1,06\s+0,14\s+1,20/);

    // The Z saved at close and read back later carries the same table.
    const z = await t.call('shifts/close', { countedCash: '51.20', print: false }, caixa);
    expectVatAddsUp(z.report);
    const saved = await t.call('shifts/get-report', { shiftId: z.shift.id }, caixa);
    expect(saved.vat).toEqual(z.report.vat);
    expect(saved.vatTotals).toEqual(z.report.vatTotals);

    // A Z saved by the previous version (no credit/net columns, no totals row) reads back with them.
    const { vatTotals: _dropped, ...old } = z.report;
    const oldVat = old.vat.map(({ creditGross: _c, netBase: _b, netTax: _t, ...v }) => v);
    const db = t.core.ctx.db;
    db.run(
      db.k
        .updateTable('shift')
        .set({ z_report: JSON.stringify({ ...old, vat: oldVat }) })
        .where('id', '=', z.shift.id),
    );
    const upgraded = await t.call('shifts/get-report', { shiftId: z.shift.id }, caixa);
    expect(upgraded.vat).toEqual(z.report.vat);
    expect(upgraded.vatTotals).toEqual(z.report.vatTotals);
  });

  it.each([1, 7, 42])('random mix of sales and returns (seed %i): rows and columns add up', async (seed) => {
    const rand = rng(seed);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
    for (let sale = 0; sale < 8; sale++) {
      const n = 1 + Math.floor(rand() * 4);
      for (let i = 0; i < n; i++) {
        const articleId = pick(ARTICLES);
        const quantity = WEIGHED.has(articleId)
          ? (0.1 + rand() * 2).toFixed(3)
          : String(1 + Math.floor(rand() * 3));
        await t.call('sales/add-line', { articleId, quantity }, caixa);
      }
      const doc = (await payCash(t, caixa)).completed!.document;
      if (rand() < 0.6) {
        const found = await t.call('sales/find-document', { query: doc.docNo }, caixa);
        const lines = found.returnable
          .filter(() => rand() < 0.6)
          .map((l) => {
            const weighed = l.remaining.includes('.');
            const q = weighed
              ? new Dec(l.remaining).times(rand()).toDecimalPlaces(3, Dec.ROUND_DOWN)
              : new Dec(1 + Math.floor(rand() * Number(l.remaining)));
            return { lineId: l.lineId, quantity: q.gt(0) ? q.toString() : l.remaining };
          });
        if (lines.length) await returnQty(doc.id, lines);
      }
    }
    const x = await t.call('shifts/report-x', {}, caixa);
    expect(x.vat.length).toBeGreaterThan(1);
    expect(new Dec(x.vatTotals.creditGross).gt(0)).toBe(true);
    expectVatAddsUp(x);
    const text = paper(x);
    for (const v of x.vat) {
      expect(text).toContain(`${m(v.base)}`);
      if (!new Dec(v.creditGross).isZero())
        expect(text).toMatch(new RegExp(`Líq\\.\\s+${m(v.netBase)}\\s+${m(v.netTax)}\\s+${m(v.netGross)}`));
    }
    expect(text).toMatch(
      new RegExp(
        `Total\\s+${m(x.vatTotals.netBase)}\\s+${m(x.vatTotals.netTax)}\\s+${m(x.vatTotals.netGross)}`,
      ),
    );
  });
});
