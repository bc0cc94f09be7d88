import { ptSearchTerms } from '../../../shared/text/pt-collation';
import type { Db } from '../db/open';
import { formatCents } from './cost';
import type { StockLine } from './queries';

/** The columns the Stock and Valorização screens sort by. */
export type StockSort = 'code' | 'name' | 'warehouse' | 'quantity' | 'avg' | 'last' | 'value';

export interface StockPageQuery {
  readonly warehouseId?: number;
  /** The filter box: every word must be in the article's name (pt-PT key), its code or the warehouse code. */
  readonly query?: string;
  readonly sort?: StockSort;
  readonly descending?: boolean;
  readonly offset?: number;
  readonly limit?: number;
}

export interface StockPage {
  rows: StockLine[];
  /** Lines matching the filter (all pages). */
  total: number;
}

/**
 * One page of the stock per article and warehouse, filtered and sorted by SQLite (issue 13: 50 000 articles ×
 * 3 warehouses are 150 000 lines; the screens used to receive all of them to show 50). Code and name order
 * walk their article index (CROSS JOIN keeps that join order), so a first page reads ~50 rows; the numeric
 * columns use SQLite's top-N sorter over the balances (no index: ~20 ms at 150 000, measured in
 * tests/bench/stock.bench.ts). Ties are broken by article code then warehouse code, the order the screens had.
 * Text quantities and costs are compared as numbers (`cast as real`) for ordering only; every figure returned
 * is the exact text of the balance. Costs unknown sort last either way.
 */
export function stockPage(db: Db, p: StockPageQuery): StockPage {
  const words = ptSearchTerms(p.query ?? '');
  const dir = p.descending ? 'desc' : 'asc';
  const q = filtered(db, p.warehouseId, words);
  let rows = q.select([
    'b.article_id',
    'a.code',
    'a.name',
    'a.unit',
    'b.warehouse_id',
    'w.code as warehouse',
    'b.quantity',
    'b.avg_cost',
    'b.last_cost',
    'b.value_cents',
  ]);
  switch (p.sort ?? 'code') {
    case 'code':
      break;
    case 'name':
      rows = rows.orderBy('a.name_key', dir).orderBy('a.name', dir);
      break;
    case 'warehouse':
      rows = rows.orderBy('w.code', dir);
      break;
    case 'quantity':
      rows = rows.orderBy((e) => e.cast('b.quantity', 'real'), dir);
      break;
    case 'avg':
      rows = rows.orderBy(
        (e) => e.cast('b.avg_cost', 'real'),
        (o) => o[dir]().nullsLast(),
      );
      break;
    case 'last':
      rows = rows.orderBy(
        (e) => e.cast('b.last_cost', 'real'),
        (o) => o[dir]().nullsLast(),
      );
      break;
    case 'value':
      rows = rows.orderBy('b.value_cents', dir);
      break;
  }
  const codeDir = (p.sort ?? 'code') === 'code' ? dir : 'asc';
  rows = rows
    .orderBy('a.code', codeDir)
    .orderBy('w.code', codeDir)
    .limit(p.limit ?? 50)
    .offset(p.offset ?? 0);
  type Row = [number, string, string, string, number, string, string, string | null, string | null, number];
  const lines = (db.rows(rows) as Row[]).map((r): StockLine => ({
    articleId: r[0],
    code: r[1],
    name: r[2],
    unit: r[3],
    warehouseId: r[4],
    warehouse: r[5],
    quantity: r[6],
    avgCost: r[7],
    lastCost: r[8],
    value: formatCents(r[9]),
  }));
  // Without a filter every balance is a line (its article is a foreign key): counted on the balances alone.
  let n = words.length
    ? q.select((e) => e.fn.countAll<number>().as('n'))
    : db.k.selectFrom('stock_balance as b').select((e) => e.fn.countAll<number>().as('n'));
  if (!words.length && p.warehouseId !== undefined) n = n.where('b.warehouse_id', '=', p.warehouseId);
  return { rows: lines, total: db.get(n)?.n ?? 0 };
}

/** The lines of a warehouse (or all) whose article name, article code or warehouse code has every word. */
function filtered(db: Db, warehouseId: number | undefined, words: readonly string[]) {
  let q = db.k
    .selectFrom('article as a')
    .crossJoin('stock_balance as b')
    .innerJoin('warehouse as w', 'w.id', 'b.warehouse_id')
    .whereRef('b.article_id', '=', 'a.id');
  if (warehouseId !== undefined) q = q.where('b.warehouse_id', '=', warehouseId);
  // ptSearchTerms leaves only letters, digits and spaces: no LIKE wildcard can come from the user; LIKE is
  // case-insensitive for the ASCII of codes.
  for (const word of words) {
    q = q.where((e) =>
      e.or([
        e('a.name_key', 'like', `%${word}%`),
        e('a.code', 'like', `%${word}%`),
        e('w.code', 'like', `%${word}%`),
      ]),
    );
  }
  return q;
}
