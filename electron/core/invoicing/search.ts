import { sql, type ExpressionBuilder } from 'kysely';
import { SETTLEABLE_TYPES, cents, dueCents } from '../db/fiscal-sql';
import type { DocType } from '../../../shared/api/fiscal';
import type { DocumentHit, DocumentSearch, DocumentState, OpenInvoice } from '../../../shared/api/invoicing';
import { Dec, fixed } from '../../../shared/money';
import { ptKey } from '../../../shared/text/pt-collation';
import type { Db } from '../db/open';
import type { Database } from '../db/schema';
import type { z } from 'zod';

type Parsed = z.output<typeof DocumentSearch>;
type EB = ExpressionBuilder<
  Database & { d: Database['fiscal_document']; st: Database['fiscal_status'] },
  'd' | 'st'
>;

const CONSUMIDOR_FINAL = '999999990';
const CONSUMIDOR_FINAL_NAME = 'Consumidor final';
/**
 * Above this many documents for a name, walking the documents newest first is cheaper than fetching them all
 * through the customer index: ~√(50 × 100 000), where both ways cost about the same (limit 50, 100 000 documents).
 */
const DENSE_NAME = 2000;
/** A whole document number: optional type, the series code, "/", the number ("FT T1F/12", "T1F/12"). */
const FULL_NUMBER = /^(?:([A-Za-z]{2})\s+)?([^\s/]+)\/(\d+)$/;

/** "FT", "ND" and not cancelled: the documents a receipt may settle. */
const settleable = (eb: EB) =>
  eb.and([eb('d.doc_type', 'in', SETTLEABLE_TYPES), eb('st.status', 'is', null)]);

function stateWhere(eb: EB, state: DocumentState) {
  switch (state) {
    case 'anulado':
      return eb('st.status', '=', 'A');
    case 'normal':
      return eb.and([eb('st.status', 'is', null), eb('d.doc_type', 'not in', SETTLEABLE_TYPES)]);
    case 'liquidado':
      return eb.and([settleable(eb), eb(dueCents(), '<=', 0)]);
    case 'por-liquidar':
      return eb.and([settleable(eb), eb(dueCents(), '>', 0)]);
  }
}

/** A NIF-looking query: digits, optionally after a two-letter country prefix ("PT501…", "ESB12…"). */
const NIF_LIKE = /^[A-Z]{0,2}\d[\dA-Z]*$/;

const toCents = (money: string): number => new Dec(money).times(100).round().toNumber();
const fromCents = (c: number): string => fixed(Dec.max(new Dec(c).div(100), 0), 2);

/** Documentos (issue 12 item 5): every filter in one Kysely query, newest first, paged by id. */
export function createDocumentSearch(db: Db) {
  const base = () =>
    db.k
      .selectFrom('fiscal_document as d')
      .innerJoin('fiscal_series as s', 's.id', 'd.series_id')
      .leftJoin('fiscal_status as st', 'st.document_id', 'd.id');

  function search(q: Parsed): DocumentHit[] {
    // Two steps in one query: the filters choose the page's ids (newest first), then only those `limit`
    // documents are read whole with their amount due. In one step SQLite computes every selected column, the
    // amount due's two sub-selects included, for each matching document before sorting them (thousands for a
    // month "por liquidar"), and sorts whole rows. Choosing ids, the filters read indexes only where they can
    // (a month and a state: fiscal_document_sales, or fiscal_document_settle for FT/ND, migration 0790).
    let sel = db.k
      .selectFrom('fiscal_document as d')
      .leftJoin('fiscal_status as st', 'st.document_id', 'd.id')
      .select('d.id');
    if (q.number) {
      const n = q.number.trim();
      const full = FULL_NUMBER.exec(n);
      if (/^\d+$/.test(n)) {
        // `series_id in (…)` lets SQLite walk the unique (series_id, number) index, one seek per series, instead
        // of reading every document: there is no index on the number alone.
        sel = sel
          .where('d.series_id', 'in', (eb) => eb.selectFrom('fiscal_series').select('id'))
          .where('d.number', '=', Number(n));
      } else if (full) {
        // A whole number ("FT T1F/12", "T1F/12") is that document: the series by its code, then the same index.
        // ASSUMPTION: typed whole, it means number 12, not 120…129 as a text match would also find.
        const [, type, code, num] = full;
        sel = sel
          .where('d.series_id', 'in', (eb) =>
            eb.selectFrom('fiscal_series').select('id').where('code', '=', code!.toUpperCase()),
          )
          .where('d.number', '=', Number(num));
        if (type) sel = sel.where('d.doc_type', '=', type.toUpperCase() as DocType);
      } else sel = sel.where('d.doc_no', 'like', `%${escapeLike(n)}%`);
    }
    if (q.type) sel = sel.where('d.doc_type', '=', q.type);
    if (q.series) {
      const code = q.series.trim().toUpperCase();
      sel = sel.where('d.series_id', 'in', (eb) =>
        eb.selectFrom('fiscal_series').select('id').where('code', '=', code),
      );
    }
    if (q.customer) {
      const c = q.customer.replace(/\s+/g, '').toUpperCase();
      if (NIF_LIKE.test(c)) {
        // A range on the NIF, not LIKE: it walks the partial index fiscal_document_nif (migration 0710).
        const variants = c.startsWith('PT') ? [c, c.slice(2)] : [c];
        sel = sel
          .where('d.customer_nif', '<>', CONSUMIDOR_FINAL)
          .where((eb) =>
            eb.or(
              variants.map((v) =>
                eb.and([eb('d.customer_nif', '>=', v), eb('d.customer_nif', '<', `${v}~`)]),
              ),
            ),
          );
      } else {
        // Accent- and case-insensitive, as the catalogue search (pt_key() is registered on every connection).
        // Calling pt_key() on every document's name is a JavaScript call per row: 100 000 of them for a name
        // that few documents carry. So for a rare name the candidates come from the customer file first — its
        // `name_key` is pt_key(name), kept by triggers — and the documents through fiscal_document_customer: a
        // document's name is its customer's (the identity is frozen once on a document, AT rule,
        // parties/customers), and the Consumidor final sales are all named so. pt_key() still confirms each
        // candidate, so a name that ever differed could only be missed, never wrongly listed.
        // ASSUMPTION: documents written before the frozen-identity rule (0670) kept their customer's name.
        // A common name ("padaria") is the other way round: thousands of candidates to fetch and sort, while
        // walking the documents newest first meets 50 matches at once. How many documents the customer index
        // holds for the name (counted in the index alone) chooses the way.
        const like = `%${escapeLike(ptKey(q.customer))}%`;
        const byName = (eb: EB) => eb(eb.fn<string>('pt_key', ['d.customer_name']), 'like', like);
        const generic = ptKey(CONSUMIDOR_FINAL_NAME).includes(ptKey(q.customer));
        const customers = db.k.selectFrom('customer as c').select('c.id').where('c.name_key', 'like', like);
        const candidates = generic
          ? Infinity
          : (db.get(
              db.k
                .selectFrom('fiscal_document')
                .select((eb) => eb.fn.countAll<number>().as('n'))
                .where('customer_id', 'in', customers),
            )?.n ?? 0);
        sel =
          candidates > DENSE_NAME
            ? sel.where(byName)
            : sel.where((eb) => eb.and([eb('d.customer_id', 'in', customers), byName(eb)]));
      }
    }
    if (q.from) sel = sel.where('d.doc_date', '>=', q.from);
    if (q.to) sel = sel.where('d.doc_date', '<=', q.to);
    if (q.amountMin !== undefined) {
      const min = toCents(q.amountMin);
      sel = sel.where((eb) => eb(cents(sql.ref('d.gross_total')), '>=', min));
    }
    if (q.amountMax !== undefined) {
      const max = toCents(q.amountMax);
      sel = sel.where((eb) => eb(cents(sql.ref('d.gross_total')), '<=', max));
    }
    if (q.state) {
      const state = q.state;
      sel = sel.where((eb) => stateWhere(eb, state));
    }
    if (q.beforeId) sel = sel.where('d.id', '<', q.beforeId);
    const page = sel.orderBy('d.id', 'desc').limit(q.limit);
    const rows = db.all(
      base()
        .select([
          'd.id',
          'd.doc_type',
          'd.doc_no',
          'd.doc_date',
          'd.system_entry_date',
          'd.customer_name',
          'd.customer_nif',
          'd.gross_total',
          'd.training',
          's.code as series',
          'st.status',
        ])
        .select((eb) =>
          eb.case().when(settleable(eb)).then(dueCents()).else(eb.val<number | null>(null)).end().as('due'),
        )
        .where('d.id', 'in', page)
        .orderBy('d.id', 'desc'),
    );
    return rows.map((r) => {
      const settle = r.due !== null;
      const state: DocumentState =
        r.status === 'A' ? 'anulado' : settle ? (r.due! > 0 ? 'por-liquidar' : 'liquidado') : 'normal';
      return {
        id: r.id,
        type: r.doc_type as DocType,
        docNo: r.doc_no,
        date: r.doc_date,
        systemEntryDate: r.system_entry_date,
        customerName: r.customer_name,
        customerNif: r.customer_nif,
        gross: r.gross_total,
        status: r.status === 'A' ? 'A' : 'N',
        training: r.training === 1,
        series: r.series,
        state,
        outstanding: settle ? fromCents(r.due!) : null,
      };
    });
  }

  /** A customer's FT/ND with an amount due, oldest first (what a receipt may settle). */
  function openInvoices(customerId: number, dueDateOf: (id: number) => string | null): OpenInvoice[] {
    const rows = db.all(
      base()
        .select(['d.id', 'd.doc_no', 'd.doc_type', 'd.doc_date', 'd.gross_total'])
        .select(dueCents().as('due'))
        .where('d.customer_id', '=', customerId)
        .where((eb) => settleable(eb))
        .where((eb) => eb(dueCents(), '>', 0))
        .orderBy('d.id')
        .limit(200),
    );
    return rows.map((r) => ({
      id: r.id,
      docNo: r.doc_no,
      type: r.doc_type as DocType,
      date: r.doc_date,
      gross: r.gross_total,
      outstanding: fromCents(r.due),
      dueDate: dueDateOf(r.id),
    }));
  }

  return { search, openInvoices };
}

const escapeLike = (s: string): string => s.replace(/[%_]/g, '');
