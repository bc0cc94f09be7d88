import type { ExpressionBuilder } from 'kysely';
import type { SalesDimension, SalesRow } from '../../../../shared/api/sales-reports';
import type { Db } from '../../db/open';
import { lineCents, lineMilli, noIndex } from '../../db/sales-sql';
import type { Database } from '../../db/schema';

/**
 * The sales reports' reads, through Kysely on a READ-ONLY connection. Every sum is done by SQLite in integers:
 * money as cents (the documents store amounts with exactly 2 decimals, so removing the point is exact — no float
 * ever touches an amount) and quantities as thousandths (a quantity has at most 3 decimals, shared/api/amounts.ts).
 * NC rows count negatively. ASSUMPTION: every document of the database counts, training ones included (on a
 * training terminal every document is one); cancelled documents (fiscal_status) never count.
 */
export const SALES_TYPES = ['FS', 'FR', 'FT', 'ND', 'NC'] as const;

type WithDoc = Database & { d: Database['fiscal_document'] };

/** +1, or −1 for a credit note. */
const sign = <DB extends WithDoc, TB extends keyof DB & 'd'>(eb: ExpressionBuilder<DB, TB>) =>
  (eb as unknown as ExpressionBuilder<WithDoc, 'd'>)
    .case()
    .when('d.doc_type', '=', 'NC')
    .then(-1)
    .else(1)
    .end();
/** "12.30" → 1230, exactly (text surgery on the stored 2-decimal amount, not arithmetic). */
const centsOf = <DB, TB extends keyof DB>(eb: ExpressionBuilder<DB, TB>, col: string) =>
  eb.cast<number>(eb.fn<string>('replace', [eb.ref(col as never), eb.val('.'), eb.val('')]), 'integer');

export interface PeriodFilter {
  from: string;
  to: string;
}

/** The documents that are sales in [from, to] (doc_date, inclusive), not cancelled (fiscal_document_sales covers it). */
function salesDocs(ro: Db, p: PeriodFilter) {
  return (
    ro.k
      .selectFrom('fiscal_document as d')
      .where('d.doc_date', '>=', p.from)
      .where('d.doc_date', '<=', p.to)
      .where('d.doc_type', 'in', SALES_TYPES)
      // NOT IN over the (small) set of cancelled ids, not a NOT EXISTS probe per document: SQLite builds the set
      // once (document_id is NOT NULL, so NOT IN has no NULL trap) — a tenth of the report's time on a year.
      .where((eb) => eb('d.id', 'not in', eb.selectFrom('fiscal_status as st').select('st.document_id')))
  );
}

export interface DocGroup {
  key: string;
  documents: number;
  net: number;
  tax: number;
  gross: number;
}

export type DocDimension = Extract<SalesDimension, 'period' | 'operator' | 'terminal' | 'hour'>;

/** Document-level totals grouped by a key of the document: day/month, operator, terminal, hour of issue. */
export function documentGroups(
  ro: Db,
  p: PeriodFilter,
  by: DocDimension,
  granularity: 'day' | 'month',
): DocGroup[] {
  const rows = ro.all(
    salesDocs(ro, p)
      .select((eb) => {
        const key =
          by === 'period'
            ? granularity === 'month'
              ? eb.fn<string>('substr', ['d.doc_date', eb.lit(1), eb.lit(7)])
              : eb.cast<string>('d.doc_date', 'text')
            : by === 'operator'
              ? eb.cast<string>(eb.fn.coalesce('d.operator_id', eb.lit(0)), 'text')
              : by === 'terminal'
                ? eb.cast<string>('d.terminal_id', 'text')
                : // system_entry_date is local time "AAAA-MM-DDTHH:MM:SS" (SAF-T): its hour is characters 12–13.
                  eb.fn<string>('substr', ['d.system_entry_date', eb.lit(12), eb.lit(2)]);
        return [
          key.as('key'),
          eb.fn.countAll<number>().as('documents'),
          eb.fn.sum<number>(eb(sign(eb), '*', centsOf(eb, 'd.net_total'))).as('net'),
          eb.fn.sum<number>(eb(sign(eb), '*', centsOf(eb, 'd.tax_payable'))).as('tax'),
          eb.fn.sum<number>(eb(sign(eb), '*', centsOf(eb, 'd.gross_total'))).as('gross'),
        ];
      })
      .groupBy('key')
      .orderBy('key'),
  );
  return rows.map((r) => ({
    key: String(r.key),
    documents: Number(r.documents),
    net: Number(r.net),
    tax: Number(r.tax),
    gross: Number(r.gross),
  }));
}

export interface ArticleGroup {
  articleId: number | null;
  /** The lines' own code and description: read only for an article the catalogue does not know (else ''). */
  productCode: string;
  description: string;
  documents: number;
  /** Thousandths of the unit. */
  milli: number;
  net: number;
  tax: number;
  gross: number;
}

/** How many sales documents the period has (fiscal_document_sales covers it: no document row is read). */
export function salesDocCount(ro: Db, p: PeriodFilter): number {
  const r = ro.get(salesDocs(ro, p).select((eb) => eb.fn.countAll<number>().as('n')));
  return Number(r?.n ?? 0);
}

/**
 * ASSUMPTION (a plan choice, never a result): when the period holds at least a quarter of all documents, the
 * per-article sums read the whole `fiscal_line_sales` index in article order (no sort, one look-up per line in
 * the period's document set); for a shorter period (a day in a year) they seek the period's lines by document.
 * Both are the same SQL with the same result; only the loop SQLite drives differs.
 */
const SCAN_SHARE = 4;

/**
 * Line-level totals per article (for by-article, by-family and top), summed by SQLite in integers from the
 * covering index `fiscal_line_sales` (migration 0730): one row per article comes back. NC lines count
 * negatively: every line of the period's sales documents is summed once as it is, then the NC lines are
 * subtracted twice (a handful of documents, found through fiscal_document_sales) — exact integer arithmetic,
 * the same figures as summing sign × amount line by line. `known` says which article ids the caller can label
 * from the catalogue; the lines' own code and description are read only for the others.
 */
export function articleGroups(
  ro: Db,
  p: PeriodFilter,
  o: {
    known: (id: number) => boolean;
    /** salesDocCount(ro, p), when the caller has it already. */
    documents?: number;
    /** Forces a plan (tests run both); by default chosen by SCAN_SHARE. */
    plan?: 'scan' | 'seek';
  },
): ArticleGroup[] {
  const known = o.known;
  const documents = o.documents ?? salesDocCount(ro, p);
  if (documents === 0) return [];
  const top = ro.get(ro.k.selectFrom('fiscal_document').select((eb) => eb.fn.max('id').as('m')))?.m ?? 0;
  const scan = o.plan ? o.plan === 'scan' : documents * SCAN_SHARE >= top;
  const inPeriod = salesDocs(ro, p).select('d.id');
  const rows = ro.all(
    ro.k
      .selectFrom('fiscal_line as l')
      .where((eb) => eb(scan ? noIndex('l.document_id') : eb.ref('l.document_id'), 'in', inPeriod))
      .select((eb) => [
        'l.article_id',
        eb.fn.count<number>('l.document_id').distinct().as('documents'),
        eb.fn.sum<number>(lineMilli()).as('milli'),
        eb.fn.sum<number>(lineCents('l.net')).as('net'),
        eb.fn.sum<number>(lineCents('l.tax')).as('tax'),
        eb.fn.sum<number>(lineCents('l.gross')).as('gross'),
      ])
      .groupBy('l.article_id'),
  );
  const credit = new Map(
    ro
      .all(
        salesDocs(ro, p)
          .where('d.doc_type', '=', 'NC')
          .innerJoin('fiscal_line as l', 'l.document_id', 'd.id')
          .select((eb) => [
            'l.article_id',
            eb.fn.sum<number>(lineMilli()).as('milli'),
            eb.fn.sum<number>(lineCents('l.net')).as('net'),
            eb.fn.sum<number>(lineCents('l.tax')).as('tax'),
            eb.fn.sum<number>(lineCents('l.gross')).as('gross'),
          ])
          .groupBy('l.article_id'),
      )
      .map((r) => [r.article_id, r]),
  );
  return rows.map((r) => {
    const nc = credit.get(r.article_id);
    const less = (all: number, part: number | undefined) => Number(all) - 2 * Number(part ?? 0);
    const label =
      r.article_id !== null && known(r.article_id)
        ? { product_code: '', description: '' }
        : ro.get(
            ro.k
              .selectFrom('fiscal_line as l')
              .where('l.article_id', 'is', r.article_id)
              .where('l.document_id', 'in', inPeriod)
              .select((eb) => [
                eb.fn.max('l.product_code').as('product_code'),
                eb.fn.max('l.description').as('description'),
              ]),
          );
    return {
      articleId: r.article_id,
      productCode: String(label?.product_code ?? ''),
      description: String(label?.description ?? ''),
      documents: Number(r.documents),
      milli: less(r.milli, nc?.milli),
      net: less(r.net, nc?.net),
      tax: less(r.tax, nc?.tax),
      gross: less(r.gross, nc?.gross),
    };
  });
}

export interface VatGroup {
  code: string;
  pct: string;
  exemption: string | null;
  documents: number;
  base: number;
  tax: number;
}

/** The VAT summary from the documents' own tax table (fiscal_tax): what the accountant declares. */
export function vatGroups(ro: Db, p: PeriodFilter): VatGroup[] {
  const rows = ro.all(
    salesDocs(ro, p)
      .innerJoin('fiscal_tax as t', 't.document_id', 'd.id')
      .select((eb) => [
        't.code',
        't.pct',
        't.exemption_code',
        eb.fn.count<number>('d.id').distinct().as('documents'),
        eb.fn.sum<number>(eb(sign(eb), '*', centsOf(eb, 't.base'))).as('base'),
        eb.fn.sum<number>(eb(sign(eb), '*', centsOf(eb, 't.tax'))).as('tax'),
      ])
      .groupBy(['t.code', 't.pct', 't.exemption_code'])
      .orderBy('t.pct', 'desc')
      .orderBy('t.exemption_code'),
  );
  return rows.map((r) => ({
    code: r.code,
    pct: r.pct,
    exemption: r.exemption_code,
    documents: Number(r.documents),
    base: Number(r.base),
    tax: Number(r.tax),
  }));
}

/** Article facts for labels, families and costs (one read of a small table). */
export function articleFacts(ro: Db, warehouseId: number) {
  const rows = ro.all(
    ro.k
      .selectFrom('article as a')
      .leftJoin('stock_balance as b', (j) =>
        j.onRef('b.article_id', '=', 'a.id').on('b.warehouse_id', '=', warehouseId),
      )
      .select(['a.id', 'a.code', 'a.name', 'a.family', 'b.avg_cost']),
  );
  return new Map(rows.map((r) => [r.id, r]));
}

export function operatorNames(ro: Db): Map<number, string> {
  return new Map(ro.all(ro.k.selectFrom('operator').select(['id', 'name'])).map((r) => [r.id, r.name]));
}

export type { SalesRow };
