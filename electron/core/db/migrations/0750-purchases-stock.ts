import { sql, type Kysely } from 'kysely';

// Frozen in time: this migration declares what it needs and imports no app code.
/* eslint-disable @typescript-eslint/no-explicit-any */
/**
 * Issue 13 item 4 (purchases → stock): manual purchases, line matching, confirmation into a warehouse, returns.
 * - `purchase.warehouse_id`, `confirmed_at`, `confirmed_by`: where and when the purchase's goods entered stock.
 *   Set once (a guarded update in the confirming transaction that also posts the movements).
 * - `purchase_line.article_id`, `match_by`: the article a line became (matched by supplier reference, barcode,
 *   code, resolved by the operator, created from the line, or typed on a manual purchase); `discount_pct`: the
 *   discount percentage typed on a manual purchase line (iLink lines carry amounts, not percentages).
 * - `purchase_manual_number`: one manual purchase per supplier and supplier number (the service also refuses a
 *   manual number already imported from iLink for that supplier).
 * - `supplier_article_ref`: the remembered "their reference → our article" per supplier.
 * - `purchase_return` / `purchase_return_line`: goods sent back to the supplier against a confirmed purchase.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('purchase')
    .addColumn('warehouse_id', 'integer', (c) => c.references('warehouse.id'))
    .execute();
  await db.schema.alterTable('purchase').addColumn('confirmed_at', 'text').execute();
  await db.schema.alterTable('purchase').addColumn('confirmed_by', 'integer').execute();
  await db.schema.alterTable('purchase_line').addColumn('article_id', 'integer').execute();
  await db.schema
    .alterTable('purchase_line')
    .addColumn('match_by', 'text', (c) =>
      c.check(sql`match_by in ('supplier-ref','barcode','code','operator','created','manual')`),
    )
    .execute();
  await db.schema.alterTable('purchase_line').addColumn('discount_pct', 'text').execute();
  await sql`create unique index purchase_manual_number on purchase (supplier_id, number) where source = 'manual'`.execute(
    db,
  );

  await db.schema
    .createTable('supplier_article_ref')
    .addColumn('supplier_id', 'text', (c) => c.notNull().references('supplier.id'))
    .addColumn('supplier_ref', 'text', (c) => c.notNull())
    .addColumn('article_id', 'integer', (c) => c.notNull().references('article.id'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('supplier_article_ref_pk', ['supplier_id', 'supplier_ref'])
    .execute();

  await db.schema
    .createTable('purchase_return')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('purchase_id', 'text', (c) => c.notNull().references('purchase.id'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('operator_id', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('purchase_return_purchase')
    .on('purchase_return')
    .column('purchase_id')
    .execute();
  await db.schema
    .createTable('purchase_return_line')
    .addColumn('return_id', 'text', (c) => c.notNull().references('purchase_return.id'))
    .addColumn('line_no', 'integer', (c) => c.notNull())
    .addColumn('quantity', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('purchase_return_line_pk', ['return_id', 'line_no'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('purchase_return_line').execute();
  await db.schema.dropTable('purchase_return').execute();
  await db.schema.dropTable('supplier_article_ref').execute();
  await sql`drop index purchase_manual_number`.execute(db);
  for (const c of ['article_id', 'match_by', 'discount_pct'])
    await db.schema.alterTable('purchase_line').dropColumn(c).execute();
  for (const c of ['warehouse_id', 'confirmed_at', 'confirmed_by'])
    await db.schema.alterTable('purchase').dropColumn(c).execute();
}
