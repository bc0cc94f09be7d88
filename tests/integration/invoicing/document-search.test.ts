import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Compilable } from 'kysely';
import { createTestCore, type TestCore } from '../../helpers/core';
import { fixedClock } from '../../../electron/core/util/clock';
import type { DocumentSearch } from '../../../shared/api/invoicing';

/**
 * Documentos search through the indexed paths (electron/core/invoicing/search.ts, bench
 * backoffice.document_search_p95_ms): a whole number is that document (not 10, 11… as a text match finds), digits
 * are that number in every series, a rare name goes through the customer file and still matches accent- and
 * case-insensitively, and a name that was typed for an FS to Consumidor final is found too.
 */
describe('Documentos: number and name search through the indexes', () => {
  let t: TestCore;
  let gerente: string;
  beforeEach(async () => {
    t = await createTestCore({ clock: fixedClock(new Date('2025-06-02T10:00:00')) });
    gerente = await t.login('gerente');
  });
  afterEach(async () => t.close());

  const ft = (nif: string, name: string) =>
    t.call(
      'invoicing/issue-invoice',
      {
        customer: { nif, name },
        dueDate: '2025-07-02',
        lines: [{ description: 'Serviço', quantity: '1', unitPrice: '12.30', taxCode: 'NOR' }],
      },
      gerente,
    );

  it('finds a whole number exactly, digits in every series, rare names without accents', async () => {
    const issued = [];
    for (let i = 0; i < 11; i++)
      issued.push(await ft(i % 2 ? '501964843' : '123456789', i % 2 ? 'Açoriana, Lda.' : 'João Falcão'));
    const first = await t.call('fiscal/get-document', { id: issued[0]!.id }, gerente);
    const search = (q: object) => t.call('documents/search', q, gerente);
    // "FT T1F/1" and "T1F/1" are document 1, not also 10 and 11.
    expect((await search({ number: first.docNo })).map((h) => h.id)).toEqual([first.id]);
    expect((await search({ number: `${first.series}/1` })).map((h) => h.id)).toEqual([first.id]);
    expect((await search({ number: `${first.series.toLowerCase()}/10` })).map((h) => h.docNo)).toEqual([
      issued[9]!.docNo,
    ]);
    expect(await search({ number: 'NC XYZ/1' })).toEqual([]);
    expect((await search({ number: '11' })).map((h) => h.id)).toEqual([issued[10]!.id]);
    // A part that is no whole number still matches as text.
    expect((await search({ number: `${first.series}/` })).length).toBe(11);
    // Names: through the customer file, accent- and case-insensitive, parts of words.
    expect((await search({ customer: 'falcao' })).length).toBe(6);
    expect((await search({ customer: 'ACORIANA' })).length).toBe(5);
    expect((await search({ customer: 'joao falc' })).length).toBe(6);
    expect(await search({ customer: 'inexistente' })).toEqual([]);
  });

  it('finds the Consumidor final sales by that name', async () => {
    const fs = await t.call(
      'fiscal/issue-document',
      {
        type: 'FS',
        lines: [{ description: 'Café', quantity: '1', unitPrice: '0.70', taxCode: 'RED' }],
        payments: [{ method: 'cash', amount: '0.70' }],
      },
      gerente,
    );
    await ft('501964843', 'Açoriana, Lda.');
    expect((await t.call('documents/search', { customer: 'consumidor' }, gerente)).map((h) => h.id)).toEqual([
      fs.id,
    ]);
  });
});

/**
 * Bench backoffice.document_search_p95_ms: a month plus a state was the slow shape (every document row of the
 * month read, the amount due computed for each before the sort). The search now picks the page's ids from
 * indexes alone, then reads those documents; this checks the plan SQLite makes of the very query the search
 * runs (captured at the database) and that its answers are unchanged. Without statistics the plan does not
 * depend on how many documents there are.
 */
describe('Documentos: a month and a state through the indexes', () => {
  let t: TestCore;
  let gerente: string;
  beforeEach(async () => {
    t = await createTestCore({ clock: fixedClock(new Date('2025-06-02T10:00:00')) });
    gerente = await t.login('gerente');
  });
  afterEach(async () => t.close());

  /** Runs documents/search and returns the hits and EXPLAIN QUERY PLAN of each query it ran. */
  async function searchWithPlan(q: DocumentSearch) {
    const db = t.core.ctx.db;
    const plans: string[][] = [];
    const spy = vi.spyOn(db, 'all').mockImplementation(<R>(query: Compilable<R>): R[] => {
      const c = query.compile();
      const plan = db.sqlite.prepare(`explain query plan ${c.sql}`).all(...c.parameters) as Array<{
        detail: string;
      }>;
      plans.push(plan.map((p) => p.detail));
      return db.sqlite.prepare(c.sql).all(...c.parameters) as R[];
    });
    try {
      const hits = await t.call('documents/search', q, gerente);
      return { hits, plans };
    } finally {
      spy.mockRestore();
    }
  }

  it('por liquidar / liquidado in a month: the FT/ND come from fiscal_document_settle, no document row scanned', async () => {
    const line = { description: 'Serviço', quantity: '1', unitPrice: '12.30', taxCode: 'NOR' as const };
    const issue = (over: object) =>
      t.call(
        'invoicing/issue-invoice',
        {
          customer: { nif: '501964843', name: 'Açoriana, Lda.' },
          dueDate: '2025-07-02',
          lines: [line],
          ...over,
        },
        gerente,
      );
    const open = await issue({});
    const paid = await issue({});
    const gross = (await t.call('fiscal/get-document', { id: open.id }, gerente)).totals.gross;
    await t.call(
      'invoicing/register-payment',
      { settlements: [{ documentId: paid.id, amount: gross }], method: 'transfer' },
      gerente,
    );
    const fs = await t.call(
      'fiscal/issue-document',
      { type: 'FS', lines: [line], payments: [{ method: 'cash', amount: '12.30' }] },
      gerente,
    );
    const month = { from: '2025-06-01', to: '2025-06-30' };

    const due = await searchWithPlan({ ...month, state: 'por-liquidar' });
    expect(due.hits.map((h) => [h.id, h.state, h.outstanding])).toEqual([[open.id, 'por-liquidar', gross]]);
    const settled = await searchWithPlan({ ...month, state: 'liquidado' });
    expect(settled.hits.map((h) => [h.id, h.state, h.outstanding])).toEqual([[paid.id, 'liquidado', '0.00']]);
    for (const { plans } of [due, settled]) {
      expect(plans).toHaveLength(1);
      const plan = plans[0]!.join('\n');
      expect(plan).toContain('USING COVERING INDEX fiscal_document_settle (doc_date>? AND doc_date<?)');
      expect(plan).not.toMatch(/SCAN d\b|INDEX fiscal_document_date/);
    }
    // The other states of a month read the covering (doc_date, doc_type) index, not the rows either.
    const normal = await searchWithPlan({ ...month, state: 'normal' });
    expect(normal.hits.map((h) => h.id)).toContain(fs.id);
    expect(normal.hits.map((h) => h.state)).not.toContain('por-liquidar');
    expect(normal.plans[0]!.join('\n')).toContain('USING COVERING INDEX fiscal_document_sales');

    // Partial: only FT/ND enter it (the till's FS/FR write no entry), and the (doc_date) index it makes
    // redundant is gone, so fiscal_document has no more indexes than before.
    const idx = t.core.ctx.db.sqlite
      .prepare(`select name, sql from sqlite_master where type = 'index' and tbl_name = 'fiscal_document'`)
      .all() as Array<{ name: string; sql: string | null }>;
    expect(idx.find((i) => i.name === 'fiscal_document_settle')?.sql).toMatch(
      /where "doc_type" in \('FT', 'ND'\)$/,
    );
    expect(idx.map((i) => i.name)).not.toContain('fiscal_document_date');
  });
});
