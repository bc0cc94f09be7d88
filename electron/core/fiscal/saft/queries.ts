import { sql, type ExpressionBuilder } from 'kysely';
import { selectIssuer } from '../issuer-query';
import type { Db } from '../../db/open';
import { cents } from '../../db/fiscal-sql';
import { param, prepared, preparedRows } from '../../db/prepared';
import type { Database } from '../../db/schema';
import { saftCustomerId } from './customer-id';

/** Document types of each SAF-T section. */
export const SALES = ['FT', 'FS', 'FR', 'NC', 'ND'] as const;
export const MOVES = ['GT', 'GR'] as const;
export const RECEIPTS = ['RG'] as const;
type DocTypes = readonly string[];

/** The period's filter; every query below takes these three values (`range`). */
export interface SaftRange extends Readonly<Record<string, unknown>> {
  readonly from: string;
  readonly to: string;
  readonly training: 0 | 1;
}

type Eb = ExpressionBuilder<Database & { d: Database['fiscal_document'] }, 'd'>;
const inRange = (eb: Eb) =>
  eb.and([
    eb.between('d.doc_date', param('from'), param('to')),
    eb('d.training', '=', param<0 | 1>('training')),
  ]);

/** Built and compiled on first use (a database not yet migrated lacks the guides' tables), then only run. */
function lazy<T>(make: () => T): () => T {
  let v: T | undefined;
  let made = false;
  return () => {
    if (!made) {
      v = make();
      made = true;
    }
    return v as T;
  };
}

/** The documents of one type and series in the period, by number, as raw rows (see documentRows). */
const seriesRows = (db: Db, types: DocTypes) =>
  preparedRows(
    db,
    db.k
      .selectFrom('fiscal_document as d')
      .innerJoin('customer as c', 'c.id', 'd.customer_id')
      .leftJoin('fiscal_status as st', 'st.document_id', 'd.id')
      .leftJoin('fiscal_document as od', 'od.id', 'd.origin_document_id')
      .select([
        'd.id',
        'd.doc_type',
        'd.doc_no',
        'd.atcud',
        'd.doc_date',
        'd.system_entry_date',
        'd.operator_id',
        // The customer's SAF-T CustomerID (its code, customer-id.ts), never its row id.
        saftCustomerId.as('customer_saft_id'),
        'd.net_total',
        'd.tax_payable',
        'd.gross_total',
        'd.hash',
        'd.hash_control',
        'd.origin_reason',
        'od.doc_no as origin_doc_no',
        'd.transport',
        'st.status',
        'st.at as status_at',
        'st.reason as status_reason',
      ])
      .where(inRange)
      .where('d.doc_type', 'in', types)
      .where('d.doc_type', '=', param('type'))
      .where('d.series_id', '=', param<number>('series'))
      .where('d.number', '>=', param<number>('first'))
      .where('d.number', '<=', param<number>('last'))
      .orderBy('d.number'),
    [
      'id',
      'doc_type',
      'doc_no',
      'atcud',
      'doc_date',
      'system_entry_date',
      'operator_id',
      'customer_saft_id',
      'net_total',
      'tax_payable',
      'gross_total',
      'hash',
      'hash_control',
      'origin_reason',
      'origin_doc_no',
      'transport',
      'status',
      'status_at',
      'status_reason',
    ],
  );
type DocTuple = ReturnType<ReturnType<typeof seriesRows>['all']>[number];

/**
 * The documents of `types` in the period, in SAF-T order (type, series, number), as raw rows: the period's
 * (type, series) pairs in order with their first and last number there, then each series along its (series,
 * number) index between those numbers (not the series' other years). One query ordered by type, series and
 * number sorted every row (100 000 wide rows, hashes included) in a temporary B-tree first.
 */
function documentRows(db: Db, types: DocTypes) {
  const pairs = prepared(
    db,
    db.k
      .selectFrom('fiscal_document as d')
      .select((eb) => [
        'd.doc_type',
        'd.series_id',
        eb.fn.min('d.number').as('first'),
        eb.fn.max('d.number').as('last'),
      ])
      .where(inRange)
      .where('d.doc_type', 'in', types)
      .groupBy(['d.doc_type', 'd.series_id'])
      .orderBy('d.doc_type')
      .orderBy('d.series_id'),
  );
  const rows = seriesRows(db, types);
  return {
    *iterate(range: SaftRange): Generator<DocTuple> {
      for (const p of pairs.all(range))
        yield* rows.iterate({
          ...range,
          type: p.doc_type,
          series: p.series_id,
          first: p.first,
          last: p.last,
        });
    },
  };
}

/** One document's lines, in order, as raw rows. */
const lineRows = (db: Db) =>
  preparedRows(
    db,
    db.k
      .selectFrom('fiscal_line as l')
      .leftJoin('fiscal_document as od', 'od.id', 'l.origin_document_id')
      .select([
        'l.line_no',
        'l.product_code',
        'l.description',
        'l.quantity',
        'l.unit',
        'l.unit_price_net',
        'l.net',
        'l.discount_net',
        'l.tax_type',
        'l.tax_region',
        'l.tax_code',
        'l.tax_pct',
        'l.exemption_code',
        'l.exemption_reason',
        'od.doc_no as origin_doc_no',
        'od.doc_date as origin_date',
      ])
      .where('l.document_id', '=', param<number>('id'))
      .orderBy('l.line_no'),
    [
      'line_no',
      'product_code',
      'description',
      'quantity',
      'unit',
      'unit_price_net',
      'net',
      'discount_net',
      'tax_type',
      'tax_region',
      'tax_code',
      'tax_pct',
      'exemption_code',
      'exemption_reason',
      'origin_doc_no',
      'origin_date',
    ],
  );
type LineTuple = ReturnType<ReturnType<typeof lineRows>['all']>[number];

/** A raw document row as a plain object (one literal shape: cheap, unlike a native named-key row). */
export const docOf = ([
  id,
  doc_type,
  doc_no,
  atcud,
  doc_date,
  system_entry_date,
  operator_id,
  customer_saft_id,
  net_total,
  tax_payable,
  gross_total,
  hash,
  hash_control,
  origin_reason,
  origin_doc_no,
  transport,
  status,
  status_at,
  status_reason,
]: DocTuple) => ({
  id,
  doc_type,
  doc_no,
  atcud,
  doc_date,
  system_entry_date,
  operator_id,
  customer_saft_id,
  net_total,
  tax_payable,
  gross_total,
  hash,
  hash_control,
  origin_reason,
  origin_doc_no,
  transport,
  status,
  status_at,
  status_reason,
});
export type SaftDocRow = ReturnType<typeof docOf>;

export const lineOf = ([
  line_no,
  product_code,
  description,
  quantity,
  unit,
  unit_price_net,
  net,
  discount_net,
  tax_type,
  tax_region,
  tax_code,
  tax_pct,
  exemption_code,
  exemption_reason,
  origin_doc_no,
  origin_date,
]: LineTuple) => ({
  line_no,
  product_code,
  description,
  quantity,
  unit,
  unit_price_net,
  net,
  discount_net,
  tax_type,
  tax_region,
  tax_code,
  tax_pct,
  exemption_code,
  exemption_reason,
  origin_doc_no,
  origin_date,
});
export type SaftLineRow = ReturnType<typeof lineOf>;

/**
 * The SAF-T export's reads (issue 15 item 4: Kysely instead of SQL strings on the bare handle), compiled once
 * per export. The streaming ones run in better-sqlite3's raw mode (`preparedRows`: arrays in column order):
 * the export reads 100 000 documents and their lines, and a named-key object per row cost more than the row.
 * The SQL is the export's as it was, clause for clause, so the file is byte for byte the same.
 */
export function createSaftQueries(db: Db) {
  const { k } = db;

  /** Count and control totals (integer cents, exact) of the active documents of `types`. */
  const totals = (types: DocTypes, debitTypes: DocTypes) =>
    prepared(
      db,
      k
        .selectFrom('fiscal_document as d')
        .leftJoin('fiscal_status as st', 'st.document_id', 'd.id')
        .select((eb) => {
          const sumOf = (debit: boolean) =>
            eb.fn.coalesce(
              eb.fn.sum<number>(
                eb
                  .case()
                  .when(
                    eb.and([
                      eb('st.status', 'is', null),
                      eb('d.doc_type', debit ? 'in' : 'not in', debitTypes),
                    ]),
                  )
                  .then(cents(sql.ref('d.net_total')))
                  .end(),
              ),
              eb.lit(0),
            );
          return [eb.fn.countAll<number>().as('n'), sumOf(true).as('debit'), sumOf(false).as('credit')];
        })
        .where(inRange)
        .where('d.doc_type', 'in', types),
    );

  return {
    company: lazy(() => prepared(db, selectIssuer(k))),
    count: lazy(() =>
      prepared(
        db,
        k
          .selectFrom('fiscal_document as d')
          .select((eb) => eb.fn.countAll<number>().as('total'))
          .where(inRange),
      ),
    ),
    /** Customers referenced in the period. */
    customers: lazy(() =>
      prepared(
        db,
        k
          .selectFrom('customer as c')
          .select([
            saftCustomerId.as('saft_id'),
            'c.nif',
            'c.name',
            'c.address',
            'c.postal_code',
            'c.city',
            'c.country',
          ])
          .where('c.id', 'in', (eb) =>
            eb.selectFrom('fiscal_document as d').select('d.customer_id').distinct().where(inRange),
          )
          .orderBy('c.id'),
      ),
    ),
    /**
     * The period's lines (receipts' aside) grouped by product and rate, with the product's article: the
     * MasterFiles products and tax table are both made from these few rows (master-files.ts). Grouped before
     * the article lookup: one per group, not one per line (article.code is unique).
     */
    lineGroups: lazy(() =>
      prepared(
        db,
        k
          .selectFrom((eb) =>
            eb
              .selectFrom('fiscal_line as l')
              .innerJoin('fiscal_document as d', 'd.id', 'l.document_id')
              .select((eb) => [
                'l.product_code',
                'l.tax_region',
                'l.tax_code',
                'l.tax_pct',
                eb.fn.min('l.product_type').as('product_type'),
                eb.fn.min('l.description').as('description'),
              ])
              .where(inRange)
              .where('d.doc_type', '<>', 'RG')
              .groupBy(['l.product_code', 'l.tax_region', 'l.tax_code', 'l.tax_pct'])
              .as('g'),
          )
          .leftJoin('article as a', 'a.code', 'g.product_code')
          .select([
            'g.product_code',
            'g.tax_region',
            'g.tax_code',
            'g.tax_pct',
            'g.product_type',
            'g.description',
            'a.name as article_name',
            'a.barcode',
          ]),
      ),
    ),
    sales: lazy(() => documentRows(db, SALES)),
    movements: lazy(() => documentRows(db, MOVES)),
    receipts: lazy(() => documentRows(db, RECEIPTS)),
    salesTotals: lazy(() => totals(SALES, ['NC'])),
    receiptTotals: lazy(() => totals(RECEIPTS, ['none'])),
    lines: lazy(() => lineRows(db)),
    info: lazy(() =>
      prepared(
        db,
        k
          .selectFrom('fiscal_info')
          .select(['name', 'value'])
          .where('document_id', '=', param<number>('id'))
          .orderBy('seq'),
      ),
    ),
    payments: lazy(() =>
      preparedRows(
        db,
        k
          .selectFrom('fiscal_payment')
          .select(['mechanism', 'amount', 'pay_date'])
          .where('document_id', '=', param<number>('id'))
          .orderBy('seq'),
        ['mechanism', 'amount', 'pay_date'],
      ),
    ),
    movementCount: lazy(() =>
      prepared(
        db,
        k
          .selectFrom('fiscal_document as d')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where(inRange)
          .where('d.doc_type', 'in', MOVES),
      ),
    ),
    /** Quantities of the active guides' lines (MovementOfGoods control totals). */
    movementQuantities: lazy(() =>
      preparedRows(
        db,
        k
          .selectFrom('fiscal_line as l')
          .innerJoin('fiscal_document as d', 'd.id', 'l.document_id')
          .leftJoin('fiscal_status as st', 'st.document_id', 'd.id')
          .select('l.quantity')
          .where(inRange)
          .where('d.doc_type', 'in', MOVES)
          .where('st.status', 'is', null),
        ['quantity'],
      ),
    ),
    /** The AT code table (0690-guides) may be missing in a database not yet migrated (SAF-T opens it read-only). */
    hasAtCodes: (): boolean =>
      db.get(
        k
          .withTables<{ sqlite_master: { type: string; name: string } }>()
          .selectFrom('sqlite_master')
          .select('name')
          .where('type', '=', 'table')
          .where('name', '=', 'movement_at_code'),
      ) !== undefined,
    atCode: lazy(() =>
      prepared(
        db,
        k
          .selectFrom('movement_at_code')
          .select('code')
          .where('document_id', '=', param<number>('id'))
          .orderBy('id', 'desc')
          .limit(1),
      ),
    ),
    /** The FTs that invoice a guide (their lines name its lines: fiscal/guide-invoicing.ts), for its status. */
    invoicedBy: lazy(() =>
      prepared(
        db,
        k
          .selectFrom('fiscal_document as inv')
          .leftJoin('fiscal_status as st', 'st.document_id', 'inv.id')
          .select([
            'inv.doc_no',
            'inv.system_entry_date',
            'inv.operator_id',
            'st.at as cancelled_at',
            'st.operator_id as cancelled_by',
          ])
          .where('inv.doc_type', '=', 'FT')
          .where('inv.id', 'in', (eb) =>
            eb
              .selectFrom('fiscal_line as l')
              .select('l.document_id')
              .where('l.origin_document_id', '=', param<number>('id')),
          )
          .orderBy('inv.id'),
      ),
    ),
    warehouseCode: lazy(() =>
      prepared(db, k.selectFrom('warehouse').select('code').where('id', '=', param<number>('id'))),
    ),
  };
}
