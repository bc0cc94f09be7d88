import { sql, type Kysely } from 'kysely';

// Frozen in time: this migration declares what it needs and imports no app code.
/* eslint-disable @typescript-eslint/no-explicit-any */
/**
 * Issue 13 items 3 and 6 (electron/core/stock):
 * - `stock_reorder`: the minimum and the reorder quantity of an article in a warehouse ("Artigos a encomendar").
 *   Exact decimal strings, like every quantity in the ledger.
 * - `stock_balance.value_cents`: quantity × average cost to the cent (half away from zero; 0 without a cost),
 *   written by the ledger with the balance, so the valuation is one integer sum in SQLite instead of a decimal
 *   product per balance on every read (150 000 balances: the `stock.report_50k_ms` benchmark).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('stock_reorder')
    .addColumn('article_id', 'integer', (c) => c.notNull().references('article.id'))
    .addColumn('warehouse_id', 'integer', (c) => c.notNull().references('warehouse.id'))
    .addColumn('minimum', 'text', (c) => c.notNull())
    .addColumn('reorder_qty', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('stock_reorder_pk', ['article_id', 'warehouse_id'])
    .modifyEnd(sql`without rowid`)
    .execute();

  await db.schema
    .alterTable('stock_balance')
    .addColumn('value_cents', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  const rows = await db
    .selectFrom('stock_balance')
    .select(['article_id', 'warehouse_id', 'quantity', 'avg_cost'])
    .execute();
  for (const r of rows as Array<{
    article_id: number;
    warehouse_id: number;
    quantity: string;
    avg_cost: string | null;
  }>) {
    const cents = valueCents(r.quantity, r.avg_cost);
    if (cents === 0) continue;
    await db
      .updateTable('stock_balance')
      .set({ value_cents: cents })
      .where('article_id', '=', r.article_id)
      .where('warehouse_id', '=', r.warehouse_id)
      .execute();
  }
}

/** Exact: both decimals as scaled integers (BigInt), the product rounded half away from zero to the cent. */
function valueCents(quantity: string, avgCost: string | null): number {
  if (avgCost === null) return 0;
  const parse = (v: string): { n: bigint; places: number } => {
    const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(v);
    if (!m) throw new Error(`not a decimal: ${v}`);
    const n = BigInt(m[2] + (m[3] ?? ''));
    return { n: m[1] ? -n : n, places: (m[3] ?? '').length };
  };
  const q = parse(quantity);
  const c = parse(avgCost);
  const p = q.n * c.n;
  const places = q.places + c.places;
  if (places <= 2) return Number(p * 10n ** BigInt(2 - places));
  const d = 10n ** BigInt(places - 2);
  const abs = p < 0n ? -p : p;
  let cents = abs / d;
  if ((abs % d) * 2n >= d) cents++;
  return Number(p < 0n ? -cents : cents);
}
