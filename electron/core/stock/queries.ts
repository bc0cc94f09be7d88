import { Dec } from '../../../shared/money';
import type { Db } from '../db/open';
import type { StockCause } from '../db/schema';
import { formatCents } from './cost';
import { plainQty } from './ledger';

export interface StockLine {
  articleId: number;
  code: string;
  name: string;
  unit: string;
  warehouseId: number;
  warehouse: string;
  quantity: string;
  avgCost: string | null;
  lastCost: string | null;
  /** quantity × average cost, to the cent. */
  value: string;
}

export interface StockFilter {
  warehouseId?: number;
  articleId?: number;
}

/**
 * Current stock per article and warehouse, from the maintained balance (equal to the ledger: see `mismatches`),
 * in article code then warehouse code order. The report bench reads 150 000 of them, so: positional rows, the
 * article code index drives the read (CROSS JOIN keeps SQLite's join order: article by code, then its balances
 * by their key, already in warehouse id order, so no sort of 150 000 rows), the few warehouses are named here
 * and an article's balances re-sorted by warehouse code only when id order differs from code order; the value
 * is the one written with the balance (`value_cents`).
 */
export function stockLines(db: Db, f: StockFilter = {}): StockLine[] {
  const q = byCode(db, f).select([
    'b.article_id',
    'a.code',
    'a.name',
    'a.unit',
    'b.warehouse_id',
    'b.quantity',
    'b.avg_cost',
    'b.last_cost',
    'b.value_cents',
  ]);
  const wh = warehouseOrder(db);
  type Row = [number, string, string, string, number, string, string | null, string | null, number];
  const out = (db.rows(q) as Row[]).map((r): StockLine => ({
    articleId: r[0],
    code: r[1],
    name: r[2],
    unit: r[3],
    warehouseId: r[4],
    warehouse: wh.code(r[4]),
    quantity: r[5],
    avgCost: r[6],
    lastCost: r[7],
    value: formatCents(r[8]),
  }));
  return wh.resort(out);
}

/** One line of `balcao stock` (electron/cli/commands/stock.ts): what it prints, nothing more. */
export interface StockListingLine {
  code: string;
  name: string;
  warehouseId: number;
  warehouse: string;
  quantity: string;
  avgCost: string | null;
}

/**
 * Every line for the CLI, in `stockLines`' order: the same read with the five values it prints instead of nine
 * (at 150 000 lines, better-sqlite3 handing values over is most of the time; measured in stock.bench.ts).
 */
export function stockListing(db: Db, f: StockFilter = {}): StockListingLine[] {
  const q = byCode(db, f).select(['a.code', 'a.name', 'b.warehouse_id', 'b.quantity', 'b.avg_cost']);
  const wh = warehouseOrder(db);
  type Row = [string, string, number, string, string | null];
  const out = (db.rows(q) as Row[]).map((r): StockListingLine => ({
    code: r[0],
    name: r[1],
    warehouseId: r[2],
    warehouse: wh.code(r[2]),
    quantity: r[3],
    avgCost: r[4],
  }));
  return wh.resort(out);
}

function byCode(db: Db, f: StockFilter) {
  let q = db.k
    .selectFrom('article as a')
    .crossJoin('stock_balance as b')
    .whereRef('b.article_id', '=', 'a.id')
    .orderBy('a.code')
    .orderBy('b.warehouse_id');
  if (f.warehouseId !== undefined) q = q.where('b.warehouse_id', '=', f.warehouseId);
  if (f.articleId !== undefined) q = q.where('b.article_id', '=', f.articleId);
  return q;
}

/** The warehouses' codes, and the re-sort of each article's run of lines by warehouse code when needed. */
function warehouseOrder(db: Db) {
  const codes = new Map(
    db.all(db.k.selectFrom('warehouse').select(['id', 'code'])).map((w) => [w.id, w.code] as const),
  );
  const byId = [...codes.keys()].sort((x, y) => x - y);
  const byCode = [...codes.keys()].sort((x, y) => cmp(codes.get(x)!, codes.get(y)!));
  const idOrderIsCodeOrder = byId.every((id, i) => byCode[i] === id);
  const rank = new Map(byCode.map((id, i) => [id, i] as const));
  return {
    code: (id: number): string => codes.get(id) ?? String(id),
    resort<T extends { code: string; warehouseId: number }>(out: T[]): T[] {
      if (idOrderIsCodeOrder) return out;
      // Re-sort each article's run of balances (contiguous, a few at most) by warehouse code.
      for (let i = 0; i < out.length;) {
        let j = i + 1;
        while (j < out.length && out[j]!.code === out[i]!.code) j++;
        if (j - i > 1) {
          const run = out.slice(i, j).sort((x, y) => rank.get(x.warehouseId)! - rank.get(y.warehouseId)!);
          for (let k = 0; k < run.length; k++) out[i + k] = run[k]!;
        }
        i = j;
      }
      return out;
    },
  };
}

/** SQLite's BINARY order (what `order by w.code` gave). */
const cmp = (x: string, y: string): number => (x < y ? -1 : x > y ? 1 : 0);

export interface Valuation {
  /** Per warehouse: total value, and how many balances are below zero (valued negative as they stand). */
  warehouses: Array<{ warehouseId: number; warehouse: string; value: string; negative: number }>;
  total: string;
}

/**
 * Stock valuation at average cost: per warehouse, the integer sum of the cents written with each balance
 * (exact in SQLite's 64-bit integers), instead of a decimal product per balance on every read. One scan of the
 * balances with an aggregate per warehouse (`filter (where warehouse_id = …)`): a `group by` sorted all 150 000
 * balances in a temporary B-tree for a handful of groups and took ~5 times as long (tests/bench/stock.bench.ts).
 * Only warehouses with balances are listed (as the grouping did).
 * ASSUMPTION: a negative balance counts negative (what the ledger says).
 */
export function valuation(db: Db, f: StockFilter = {}): Valuation {
  let wq = db.k.selectFrom('warehouse').select(['id', 'code']).orderBy('id');
  if (f.warehouseId !== undefined) wq = wq.where('id', '=', f.warehouseId);
  const whs = db.all(wq);
  if (!whs.length) return { warehouses: [], total: '0.00' };
  let q = db.k.selectFrom('stock_balance as b').select((e) =>
    whs.flatMap((w, i) => [
      e.fn.countAll<number>().filterWhere('b.warehouse_id', '=', w.id).as(`n${i}`),
      e.fn.sum<number | null>('b.value_cents').filterWhere('b.warehouse_id', '=', w.id).as(`v${i}`),
      e.fn
        .countAll<number>()
        .filterWhere((x) => x.and([x('b.warehouse_id', '=', w.id), x('b.quantity', 'like', '-%')]))
        .as(`z${i}`),
    ]),
  );
  if (f.warehouseId !== undefined) q = q.where('b.warehouse_id', '=', f.warehouseId);
  if (f.articleId !== undefined) q = q.where('b.article_id', '=', f.articleId);
  const [row] = db.rows(q) as Array<Array<number | null>>;
  const list = whs
    .map((w, i) => ({
      warehouseId: w.id,
      warehouse: w.code,
      n: row?.[3 * i] ?? 0,
      cents: row?.[3 * i + 1] ?? 0,
      negative: row?.[3 * i + 2] ?? 0,
    }))
    .filter((w) => w.n > 0)
    .sort((a, b) => a.warehouse.localeCompare(b.warehouse));
  return {
    warehouses: list.map((w) => ({
      warehouseId: w.warehouseId,
      warehouse: w.warehouse,
      value: formatCents(w.cents),
      negative: w.negative,
    })),
    total: formatCents(list.reduce((a, w) => a + BigInt(w.cents), 0n)),
  };
}

export interface MovementView {
  id: string;
  seq: number;
  at: string;
  articleId: number;
  warehouseId: number;
  quantity: string;
  unitCost: string | null;
  balanceAfter: string;
  cause: StockCause;
  documentId: number | null;
  docNo: string | null;
  reference: string | null;
  reversesId: string | null;
  operatorId: number | null;
  note: string | null;
}

/** The ledger behind one figure (newest first), or behind every figure of a warehouse. */
export function movements(
  db: Db,
  f: StockFilter & { limit?: number; beforeSeq?: number } = {},
): MovementView[] {
  let q = db.k
    .selectFrom('stock_movement as m')
    .leftJoin('fiscal_document as d', 'd.id', 'm.document_id')
    .select([
      'm.id',
      'm.seq',
      'm.at',
      'm.article_id',
      'm.warehouse_id',
      'm.quantity',
      'm.unit_cost',
      'm.balance_after',
      'm.cause',
      'm.document_id',
      'd.doc_no',
      'm.reference',
      'm.reverses_id',
      'm.operator_id',
      'm.note',
    ])
    .orderBy('m.seq', 'desc')
    .limit(f.limit ?? 200);
  if (f.articleId !== undefined) q = q.where('m.article_id', '=', f.articleId);
  if (f.warehouseId !== undefined) q = q.where('m.warehouse_id', '=', f.warehouseId);
  if (f.beforeSeq !== undefined) q = q.where('m.seq', '<', f.beforeSeq);
  return db.all(q).map((r) => ({
    id: r.id,
    seq: r.seq,
    at: r.at,
    articleId: r.article_id,
    warehouseId: r.warehouse_id,
    quantity: r.quantity,
    unitCost: r.unit_cost,
    balanceAfter: r.balance_after,
    cause: r.cause,
    documentId: r.document_id,
    docNo: r.doc_no,
    reference: r.reference,
    reversesId: r.reverses_id,
    operatorId: r.operator_id,
    note: r.note,
  }));
}

export interface Mismatch {
  articleId: number;
  warehouseId: number;
  ledger: string;
  balance: string;
}

/**
 * Every article/warehouse whose maintained balance differs from the exact sum of its ledger (SQLite would sum
 * the text as floats, so the sum is done here in decimal). Empty on a healthy database.
 */
export function mismatches(db: Db): Mismatch[] {
  const sums = new Map<string, Dec>();
  const key = (a: number, w: number): string => `${a}:${w}`;
  for (const [a, w, q] of db.rows(
    db.k.selectFrom('stock_movement').select(['article_id', 'warehouse_id', 'quantity']),
  ) as Array<[number, number, string]>) {
    const kk = key(a, w);
    sums.set(kk, (sums.get(kk) ?? new Dec(0)).plus(q));
  }
  const out: Mismatch[] = [];
  const seen = new Set<string>();
  for (const b of db.all(
    db.k.selectFrom('stock_balance').select(['article_id', 'warehouse_id', 'quantity']),
  )) {
    const kk = key(b.article_id, b.warehouse_id);
    seen.add(kk);
    const l = sums.get(kk) ?? new Dec(0);
    if (!l.eq(b.quantity)) {
      out.push({
        articleId: b.article_id,
        warehouseId: b.warehouse_id,
        ledger: plainQty(l),
        balance: b.quantity,
      });
    }
  }
  for (const [kk, l] of sums) {
    if (seen.has(kk)) continue;
    const [a, w] = kk.split(':').map(Number);
    out.push({ articleId: a, warehouseId: w, ledger: plainQty(l), balance: '(sem saldo)' });
  }
  return out;
}
