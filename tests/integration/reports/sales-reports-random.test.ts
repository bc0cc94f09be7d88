import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FiscalDocumentView } from '../../../shared/api/fiscal';
import type { DraftLine } from '../../../shared/api/fiscal';
import { Dec, fixed, toCents } from '../../../shared/money';
import { openReadOnly } from '../../../electron/core/fiscal/open-readonly';
import { articleGroups, salesDocCount } from '../../../electron/core/reports/sales/queries';
import { createTestCore, type TestCore } from '../../helpers/core';
import { BUYER } from '../ilink/ilink-helpers';
import { today } from './eod-helpers';
import { prng as rng } from '../../../shared/random';

/**
 * The per-article sums of migration 0730's covering index (NC lines subtracted twice, cancelled documents out,
 * one plan scanning the index, one seeking by document) against a naive recomputation, line by line in decimal,
 * from the documents the real fiscal service issued on random data: several lines per document, the same article
 * twice in one document, free lines without an article, decimal quantities, discounts, partial credit notes,
 * cancellations.
 */
let t: TestCore;
let gerente: string;
const issued: FiscalDocumentView[] = [];
const cancelled = new Set<number>();
const day = today();

beforeAll(async () => {
  t = await createTestCore({ cash: { settings: { kind: 'none' } } });
  gerente = await t.login('gerente');
  const db = t.core.ctx.db;
  const articles = db.all(
    db.k.selectFrom('article').select(['id', 'price']).where('active', '=', 1).orderBy('id'),
  );
  const r = rng(14);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const qty = () => pick(['1', '2', '3', '0.5', '1.25', '0.333']);
  for (let i = 0; i < 40; i++) {
    const kind = r();
    if (kind < 0.3) {
      const a = pick(articles);
      const q = pick(['1', '2', '4']);
      issued.push(
        t.core.fiscal.issue(
          {
            type: 'FS',
            lines: [{ articleId: a.id, quantity: q }],
            payments: [{ method: 'card', amount: fixed(new Dec(a.price).times(q)) }],
          },
          1 + (i % 2),
        ),
      );
    } else if (kind < 0.8 || issued.every((d) => d.type !== 'FT')) {
      const lines: DraftLine[] = [];
      const n = 1 + Math.floor(r() * 4);
      for (let k = 0; k < n; k++) {
        if (r() < 0.15)
          lines.push({
            productCode: pick(['DIVERSOS', 'SERV-1']),
            description: pick(['Serviço de entrega', 'Embalagem']),
            quantity: qty(),
            unitPrice: pick(['1.99', '12.30', '0.07']),
            taxCode: 'NOR',
          });
        else
          lines.push({
            articleId: pick(articles).id,
            quantity: qty(),
            discountPct: pick(['0', '0', '10', '33']),
          });
      }
      // The same article twice in one document: it counts as ONE document of that article.
      if (r() < 0.3 && lines[0].articleId) lines.push({ articleId: lines[0].articleId, quantity: qty() });
      issued.push(t.core.fiscal.issue({ type: 'FT', customer: { ...BUYER }, lines }, 2));
    } else {
      const ft = pick(issued.filter((d) => d.type === 'FT' && !cancelled.has(d.id)));
      const line = pick(ft.lines);
      const credit = new Dec(line.quantity).dividedBy(2).toDecimalPlaces(3, Dec.ROUND_DOWN);
      if (credit.isZero()) continue;
      issued.push(
        t.core.fiscal.issue(
          {
            type: 'NC',
            origin: { documentId: ft.id, reason: 'Devolução' },
            lines: [{ originLineId: lineId(ft.id, line.lineNo), quantity: credit.toFixed() }],
          },
          2,
        ),
      );
    }
    if (r() < 0.1) {
      const last = issued[issued.length - 1];
      if (last.type !== 'NC') {
        try {
          t.core.fiscal.cancel(last.id, 'Engano', 2);
          cancelled.add(last.id);
        } catch {
          // An FT already credited cannot be cancelled: it stays a sale.
        }
      }
    }
  }
}, 120_000);
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

interface Naive {
  docs: Set<number>;
  milli: Dec;
  net: number;
  tax: number;
  gross: number;
}

/** Line by line, in decimal: what the report must say per article (free lines keyed by null). */
function naive(): Map<number | null, Naive> {
  const out = new Map<number | null, Naive>();
  for (const d of issued) {
    if (cancelled.has(d.id)) continue;
    const s = d.type === 'NC' ? -1 : 1;
    for (const l of d.lines) {
      const k = l.articleId;
      const v = out.get(k) ?? { docs: new Set<number>(), milli: new Dec(0), net: 0, tax: 0, gross: 0 };
      v.docs.add(d.id);
      v.milli = v.milli.plus(new Dec(l.quantity).times(1000).times(s));
      v.net += s * toCents(l.net);
      v.tax += s * toCents(l.tax);
      v.gross += s * toCents(l.gross);
      out.set(k, v);
    }
  }
  return out;
}

describe('sales reports on random data = a naive recomputation', () => {
  it('the dataset has what the test is about', () => {
    expect(issued.some((d) => d.type === 'NC')).toBe(true);
    expect(cancelled.size).toBeGreaterThan(0);
    expect(issued.some((d) => d.lines.some((l) => l.articleId === null))).toBe(true);
    expect(issued.some((d) => new Set(d.lines.map((l) => l.articleId)).size < d.lines.length)).toBe(true);
  });

  it('per article, both plans (index scan and seek by document): documents, quantity and cents', () => {
    const want = [...naive()]
      .map(([articleId, v]) => ({
        articleId,
        documents: v.docs.size,
        milli: v.milli.toNumber(),
        net: v.net,
        tax: v.tax,
        gross: v.gross,
      }))
      .sort((a, b) => (a.articleId ?? -1) - (b.articleId ?? -1));
    const ro = openReadOnly(t.dataDir);
    try {
      const p = { from: day, to: day };
      expect(salesDocCount(ro, p)).toBe(issued.filter((d) => !cancelled.has(d.id)).length);
      for (const plan of ['scan', 'seek'] as const) {
        const got = articleGroups(ro, p, { known: () => true, plan })
          .map(({ articleId, documents, milli, net, tax, gross }) => ({
            articleId,
            documents,
            milli,
            net,
            tax,
            gross,
          }))
          .sort((a, b) => (a.articleId ?? -1) - (b.articleId ?? -1));
        expect({ plan, got }).toEqual({ plan, got: want });
      }
      // A period without documents reads no line at all.
      expect(articleGroups(ro, { from: '2001-01-01', to: '2001-01-31' }, { known: () => true })).toEqual([]);
    } finally {
      ro.close();
    }
  });

  it('by family and by article through the dispatcher: the same sums, free lines labelled by their own code', async () => {
    const db = t.core.ctx.db;
    const family = new Map(
      db
        .all(db.k.selectFrom('article').select(['id', 'family']))
        .map((a) => [a.id, a.family || 'Sem família']),
    );
    const want = new Map<string, { documents: number; gross: number; net: number }>();
    for (const [id, v] of naive()) {
      const f = id === null ? 'Sem família' : family.get(id)!;
      const w = want.get(f) ?? { documents: 0, gross: 0, net: 0 };
      w.documents += v.docs.size;
      w.gross += v.gross;
      w.net += v.net;
      want.set(f, w);
    }
    const r = await t.call('reports/sales', { by: 'family', from: day, to: day }, gerente);
    expect(
      new Map(r.rows.map((x) => [x.key, { documents: x.documents, gross: x.grossCents, net: x.netCents }])),
    ).toEqual(want);
    const byArticle = await t.call('reports/sales', { by: 'article', from: day, to: day }, gerente);
    const free = byArticle.rows.find((x) => x.key.startsWith('code:'))!;
    expect(free.label).toMatch(/^(DIVERSOS|SERV-1) /);
    expect(byArticle.totals.documents).toBe(issued.filter((d) => !cancelled.has(d.id)).length);
  });
});
