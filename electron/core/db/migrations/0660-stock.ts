import { sql, type Kysely } from 'kysely';

// Frozen in time: this migration declares what it needs and imports no app code.
/* eslint-disable @typescript-eslint/no-explicit-any */
/**
 * Issue 13 (stock): warehouses, the append-only stock ledger, the per-article/warehouse balance it maintains, and
 * inventory counts (electron/core/stock).
 * - `warehouse`: the shop floor ('LOJA', id 1) exists from the start; any number of others can be added.
 * - `stock_movement`: one row per movement, never updated or deleted (triggers). Ids are `<terminal>-<ULID>`; `seq`
 *   is the total order of the ledger on this database (counts compare positions in it). Quantities and costs are
 *   exact decimal strings. `reverses_id` names the movement a cancellation undoes (at most one reversal each).
 * - `stock_balance`: the sum of the ledger per article and warehouse, written in the same transaction as each
 *   movement, with the weighted average cost and the last purchase cost.
 * - `article.stock_tracked`: 0 for articles sold "sem stock" (services are never tracked, whatever the flag).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('warehouse')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db
    .insertInto('warehouse')
    .values({ id: 1, code: 'LOJA', name: 'Loja', active: 1, created_at: new Date().toISOString() })
    .execute();

  await db.schema
    .alterTable('article')
    .addColumn('stock_tracked', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.updateTable('article').set({ stock_tracked: 0 }).where('product_type', '=', 'S').execute();

  // Few B-trees per sale movement (each one is pages written and synced with the sale): seq is the rowid, and
  // the indexes only some movements need are partial (reversals, references to operations).
  await db.schema
    .createTable('stock_movement')
    .addColumn('seq', 'integer', (c) => c.primaryKey())
    .addColumn('id', 'text', (c) => c.notNull().unique())
    .addColumn('article_id', 'integer', (c) => c.notNull().references('article.id'))
    .addColumn('warehouse_id', 'integer', (c) => c.notNull().references('warehouse.id'))
    .addColumn('quantity', 'text', (c) => c.notNull())
    .addColumn('unit_cost', 'text')
    .addColumn('cause', 'text', (c) =>
      c
        .notNull()
        .check(
          sql`cause in ('sale','return','purchase','purchase-return','transfer-out','transfer-in','adjustment','breakage')`,
        ),
    )
    .addColumn('document_id', 'integer', (c) => c.references('fiscal_document.id'))
    .addColumn('document_line_id', 'integer', (c) => c.references('fiscal_line.id'))
    .addColumn('reference', 'text')
    .addColumn('reverses_id', 'text', (c) => c.references('stock_movement.id'))
    .addColumn('balance_after', 'text', (c) => c.notNull())
    .addColumn('operator_id', 'integer')
    .addColumn('note', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('stock_movement_article')
    .on('stock_movement')
    .columns(['article_id', 'warehouse_id', 'seq'])
    .execute();
  await db.schema
    .createIndex('stock_movement_line')
    .on('stock_movement')
    .column('document_line_id')
    .where('document_line_id', 'is not', null)
    .execute();
  await db.schema
    .createIndex('stock_movement_reverses')
    .unique()
    .on('stock_movement')
    .column('reverses_id')
    .where('reverses_id', 'is not', null)
    .execute();
  await db.schema
    .createIndex('stock_movement_reference')
    .on('stock_movement')
    .column('reference')
    .where('reference', 'is not', null)
    .execute();
  await sql`create trigger stock_movement_no_update before update on stock_movement begin select raise(abort, 'the stock ledger is append-only'); end`.execute(
    db,
  );
  await sql`create trigger stock_movement_no_delete before delete on stock_movement begin select raise(abort, 'the stock ledger is append-only'); end`.execute(
    db,
  );

  // One B-tree (no rowid): the balance is only ever found by its key.
  await db.schema
    .createTable('stock_balance')
    .addColumn('article_id', 'integer', (c) => c.notNull().references('article.id'))
    .addColumn('warehouse_id', 'integer', (c) => c.notNull().references('warehouse.id'))
    .addColumn('quantity', 'text', (c) => c.notNull())
    .addColumn('avg_cost', 'text')
    .addColumn('last_cost', 'text')
    .addColumn('last_seq', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('stock_balance_pk', ['article_id', 'warehouse_id'])
    .modifyEnd(sql`without rowid`)
    .execute();

  await db.schema
    .createTable('stock_count')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('warehouse_id', 'integer', (c) => c.notNull().references('warehouse.id'))
    .addColumn('family', 'text')
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('open','confirmed','cancelled')`))
    .addColumn('start_seq', 'integer', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('started_by', 'integer')
    .addColumn('closed_at', 'text')
    .addColumn('closed_by', 'integer')
    .execute();
  await db.schema
    .createTable('stock_count_line')
    .addColumn('count_id', 'text', (c) => c.notNull().references('stock_count.id'))
    .addColumn('article_id', 'integer', (c) => c.notNull().references('article.id'))
    .addColumn('expected', 'text', (c) => c.notNull())
    .addColumn('counted', 'text')
    .addColumn('counted_seq', 'integer')
    .addColumn('counted_at', 'text')
    .addPrimaryKeyConstraint('stock_count_line_pk', ['count_id', 'article_id'])
    .execute();
}
