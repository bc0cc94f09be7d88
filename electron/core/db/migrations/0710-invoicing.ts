import { sql, type Kysely } from 'kysely';

// Frozen in time: this migration declares what it needs and imports no app code.
/* eslint-disable @typescript-eslint/no-explicit-any */
/**
 * Issue 12 (back-office invoicing, Documentos search) and issue 10's "N.º Encomenda".
 * - `sale.order_reference`: the customer's order number the cashier types on the sale; the document gets it as the
 *   additional-information entry "N.º Encomenda" (fiscal_info, covered by Balcão's seal; the AT signature message
 *   — date, entry time, number, gross total, previous hash — does not change).
 * - `fiscal_document_nif`: Documentos finds a customer's documents by NIF without scanning. Partial: the
 *   Consumidor final sales (most of them) add no entry to it, so the till's hot path writes no extra B-tree page
 *   (the reasoning of 0402).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('sale').addColumn('order_reference', 'text').execute();
  await sql`create index fiscal_document_nif on fiscal_document (customer_nif, id) where customer_nif <> '999999990'`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index fiscal_document_nif`.execute(db);
  await db.schema.alterTable('sale').dropColumn('order_reference').execute();
}
