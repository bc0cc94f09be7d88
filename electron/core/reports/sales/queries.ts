import type { ExpressionBuilder } from 'kysely';
import type { SalesDimension, SalesRow } from '../../../../shared/api/sales-reports';
import type { Db } from '../../db/open';
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

/** The documents that are sales in [from, to] (doc_date, inclusive), not cancelled. */
function salesDocs(ro: Db, p: PeriodFilter) {
  return ro.k
    .selectFrom('fiscal_document as d')
    .where('d.doc_date', '>=', p.from)
    .where('d.doc_date', '<=', p.to)
    .where('d.doc_type', 'in', SALES_TYPES)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb.selectFrom('fiscal_status as st').select('st.id').whereRef('st.document_id', '=', 'd.id'),
        ),
      ),
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
  productCode: string;
  description: string;
  documents: number;
  /** Thousandths of the unit. */
  milli: number;
  net: number;
  tax: number;
  gross: number;
}

/**
 * Line-level totals per article (for by-article, by-family and top). Grouped by article in SQL, so a year of
 * lines comes back as one row per article; families are summed from those rows (a handful of integers).
 */
export function articleGroups(ro: Db, p: PeriodFilter): ArticleGroup[] {
  const rows = ro.all(
    salesDocs(ro, p)
      .innerJoin('fiscal_line as l', 'l.document_id', 'd.id')
      .select((eb) => [
        'l.article_id',
        eb.fn.max('l.product_code').as('product_code'),
        eb.fn.max('l.description').as('description'),
        eb.fn.count<number>('d.id').distinct().as('documents'),
        eb.fn
          .sum<number>(
            eb(
              sign(eb),
              '*',
              eb.cast<number>(
                eb.fn('round', [eb(eb.cast<number>('l.quantity', 'real'), '*', eb.lit(1000))]),
                'integer',
              ),
            ),
          )
          .as('milli'),
        eb.fn.sum<number>(eb(sign(eb), '*', centsOf(eb, 'l.net'))).as('net'),
        eb.fn.sum<number>(eb(sign(eb), '*', centsOf(eb, 'l.tax'))).as('tax'),
        eb.fn.sum<number>(eb(sign(eb), '*', centsOf(eb, 'l.gross'))).as('gross'),
      ])
      .groupBy('l.article_id'),
  );
  return rows.map((r) => ({
    articleId: r.article_id,
    productCode: String(r.product_code),
    description: String(r.description),
    documents: Number(r.documents),
    milli: Number(r.milli),
    net: Number(r.net),
    tax: Number(r.tax),
    gross: Number(r.gross),
  }));
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
