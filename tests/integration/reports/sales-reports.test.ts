import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { FiscalDocumentView } from '../../../shared/api/fiscal';
import type { SalesReport } from '../../../shared/api/sales-reports';
import { Dec, fixed, toCents } from '../../../shared/money';
import { createTestCore, type TestCore } from '../../helpers/core';
import { articleOf } from '../fiscal/fiscal-helpers';
import { BUYER } from '../ilink/ilink-helpers';
import { today } from './eod-helpers';

/**
 * Sales reports on a known dataset issued through the real fiscal service on a real SQLite file, read through the
 * real dispatcher (`reports/sales`, the manager's) on a read-only connection: an FS, an FT with three VAT rates and
 * an exemption, an NC crediting part of the FT, and a cancelled FS (never counted).
 */
let t: TestCore;
let gerente: string;
const counted: FiscalDocumentView[] = [];
const day = today();
const a = { id: 0, price: '' };

beforeAll(async () => {
  t = await createTestCore({ cash: { settings: { kind: 'none' } } });
  gerente = await t.login('gerente');
  Object.assign(a, articleOf(t.core, 'NOR'));
  const red = articleOf(t.core, 'RED');
  const int = articleOf(t.core, 'INT');
  const ise = articleOf(t.core, 'ISE');
  t.core.stock.adjust({
    articleId: a.id,
    warehouseId: 1,
    quantity: '50',
    cause: 'adjustment',
    unitCost: '0.50',
    operatorId: null,
  });
  const fs1 = t.core.fiscal.issue(
    {
      type: 'FS',
      lines: [{ articleId: a.id, quantity: '3' }],
      payments: [{ method: 'card', amount: fixed(new Dec(a.price).times(3)) }],
    },
    1,
  );
  const ft = t.core.fiscal.issue(
    {
      type: 'FT',
      customer: { ...BUYER },
      lines: [
        { articleId: red.id, quantity: '2' },
        { articleId: int.id, quantity: '1.5' },
        { articleId: ise.id, quantity: '1' },
        { articleId: a.id, quantity: '1' },
      ],
    },
    2,
  );
  const nc = t.core.fiscal.issue(
    {
      type: 'NC',
      origin: { documentId: ft.id, reason: 'Devolução' },
      lines: [{ originLineId: lineId(ft.id, 1), quantity: '1' }],
    },
    2,
  );
  const gone = t.core.fiscal.issue(
    {
      type: 'FS',
      lines: [{ articleId: a.id, quantity: '7' }],
      payments: [{ method: 'card', amount: fixed(new Dec(a.price).times(7)) }],
    },
    1,
  );
  t.core.fiscal.cancel(gone.id, 'Engano', 2);
  counted.push(fs1, ft, nc);
}, 60_000);
afterAll(() => t.close());

function lineId(documentId: number, lineNo: number): number {
  const db = t.core.ctx.db;
  return db.get(
    db.k
      .selectFrom('fiscal_line')
      .select('id')
      .where('document_id', '=', documentId)
      .where('line_no', '=', lineNo),
  )!.id;
}

const sign = (d: FiscalDocumentView) => (d.type === 'NC' ? -1 : 1);
const sumCents = (f: (d: FiscalDocumentView) => string) =>
  counted.reduce((n, d) => n + sign(d) * toCents(f(d)), 0);
const report = (by: SalesReport['by'], extra: Record<string, unknown> = {}) =>
  t.call('reports/sales', { by, from: day, to: day, ...extra }, gerente);

describe('sales reports (known dataset)', () => {
  it('the VAT summary equals the documents’ own tax totals, per rate and exemption, to the cent', async () => {
    const r = await report('vat');
    expect(r.totals.taxCents).toBe(sumCents((d) => d.totals.tax));
    expect(r.totals.netCents).toBe(sumCents((d) => d.totals.net));
    expect(r.totals.grossCents).toBe(sumCents((d) => d.totals.gross));
    expect(r.totals.documents).toBe(3);
    // Per rate, from each document's own tax summary.
    const want = new Map<string, { base: number; tax: number }>();
    for (const d of counted)
      for (const s of d.taxSummary) {
        const k = `${s.code}:${s.pct}:${s.exemptionCode ?? ''}`;
        const v = want.get(k) ?? { base: 0, tax: 0 };
        v.base += sign(d) * toCents(s.base);
        v.tax += sign(d) * toCents(s.tax);
        want.set(k, v);
      }
    expect(new Map(r.rows.map((x) => [x.key, { base: x.netCents, tax: x.taxCents }]))).toEqual(want);
    expect(r.rows.length).toBeGreaterThanOrEqual(4); // three rates and the exemption
    const exempt = r.rows.find((x) => x.exemption !== null)!;
    expect(exempt).toMatchObject({ rate: null, taxCents: 0 });
    expect(exempt.label).toMatch(/^Isento \(M\d\d\)$/);
  });

  it('by article, family, period, operator, terminal and hour all add up to the same sales', async () => {
    const gross = sumCents((d) => d.totals.gross);
    for (const by of ['article', 'family', 'period', 'operator', 'terminal', 'hour'] as const) {
      const r = await report(by);
      expect({ by, gross: r.totals.grossCents }).toEqual({ by, gross });
      expect(r.rows.reduce((n, x) => n + x.grossCents, 0)).toBe(gross);
    }
    const ops = await report('operator');
    expect(ops.rows.map((x) => [x.label, x.documents])).toEqual([
      ['Ana Caixa', 1],
      ['Rui Gerente', 2],
    ]);
    const period = await report('period');
    expect(period.rows).toHaveLength(1);
    expect(period.rows[0].label).toBe(`${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`);
  });

  it('by article: quantities net of the credit note, the cancelled sale never counted, margin at the average cost', async () => {
    const r = await report('article');
    const row = r.rows.find((x) => x.key === String(a.id))!;
    // 3 (FS) + 1 (FT); the cancelled FS of 7 does not count.
    expect(row.quantity).toBe('4');
    expect(row.costCents).toBe(200); // 4 × 0,50 €
    const net = counted
      .flatMap((d) => d.lines.filter((l) => l.articleId === a.id).map((l) => sign(d) * toCents(l.net)))
      .reduce((n, c) => n + c, 0);
    expect(row.netCents).toBe(net);
    expect(row.marginCents).toBe(net - 200);
    // The article the NC credited: 2 sold − 1 returned.
    const credited = counted[1].lines[0];
    expect(r.rows.find((x) => x.key === String(credited.articleId))!.quantity).toBe('1');
    // Only the article with a known cost has a margin; the totals' margin is over those.
    expect(r.totals.costCents).toBe(200);
    const top = await report('top', { limit: 2 });
    expect(top.rows).toHaveLength(2);
    expect(top.rows[0].grossCents).toBeGreaterThanOrEqual(top.rows[1].grossCents);
  });

  it('compares with the period of the same length just before (empty here) and refuses a reversed period', async () => {
    const r = await report('family');
    expect(r.previous).toMatchObject({
      rows: [],
      totals: { documents: 0, grossCents: 0, costCents: null },
    });
    expect(r.previous!.to < day).toBe(true);
    await expect(
      t.call('reports/sales', { by: 'family', from: day, to: '2000-01-01' }, gerente),
    ).rejects.toThrow(/posterior/);
    // A cashier may not read the reports.
    await expect(
      t.call('reports/sales', { by: 'vat', from: day, to: day }, await t.login()),
    ).rejects.toThrow();
  });

  it('the PDF has the title, the table totals and page n/N', async () => {
    const out = await t.call('reports/sales-pdf', { by: 'vat', from: day, to: day }, gerente);
    const file = path.join(t.dataDir, out.filename);
    fs.writeFileSync(file, Buffer.from(out.base64, 'base64'));
    const text = spawnSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(text.status).toBe(0);
    expect(text.stdout).toContain('Resumo do IVA por taxa e isenção');
    expect(text.stdout).toContain('página 1/1');
    const tax = sumCents((d) => d.totals.tax);
    const euros = `${Math.floor(tax / 100)},${String(tax % 100).padStart(2, '0')} €`;
    expect(text.stdout).toContain(euros);
  });
});
