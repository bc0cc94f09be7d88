import { sql, type Kysely } from 'kysely';

// Frozen in time: this migration declares what it needs and imports no app code.
/* eslint-disable @typescript-eslint/no-explicit-any */
/**
 * Issue 10 (iLink receiving) and the base of issue 13 (purchases): suppliers and purchase documents.
 * - `supplier`: the parties we buy from (the back office will extend it). Matched by VAT id (country + id).
 * - `purchase`: one supplier document (UBL Invoice or CreditNote) as received. Text ids `<terminal>-<ULID>` (unique
 *   across a chain's terminals). A purchase is NOT a fiscal document of ours: no series, no signature, no seal.
 *   `ilink_id` is unique (NULL for purchases typed by hand later): the import is idempotent on it. `xml` keeps
 *   the original bytes as received (UTF-8 text), verbatim.
 * - `purchase_line`, `purchase_tax`: its lines and VAT breakdown. Amounts and quantities are exact decimal TEXT.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('supplier')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('vat_country', 'text', (c) => c.notNull())
    .addColumn('vat_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('postal_code', 'text', (c) => c.notNull())
    .addColumn('city', 'text', (c) => c.notNull())
    .addColumn('country', 'text', (c) => c.notNull())
    .addColumn('email', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('supplier_vat', ['vat_country', 'vat_id'])
    .execute();
  await db.schema.createIndex('supplier_name').on('supplier').column('name').execute();

  await db.schema
    .createTable('purchase')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('supplier_id', 'text', (c) => c.notNull().references('supplier.id'))
    .addColumn('doc_kind', 'text', (c) => c.notNull().check(sql`doc_kind in ('invoice','credit-note')`))
    .addColumn('type_code', 'text', (c) => c.notNull())
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('issue_date', 'text', (c) => c.notNull())
    .addColumn('due_date', 'text')
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('customization_id', 'text')
    .addColumn('order_reference', 'text')
    .addColumn('billing_reference', 'text')
    .addColumn('line_total', 'text', (c) => c.notNull())
    .addColumn('allowance_total', 'text', (c) => c.notNull())
    .addColumn('charge_total', 'text', (c) => c.notNull())
    .addColumn('net_total', 'text', (c) => c.notNull())
    .addColumn('vat_total', 'text', (c) => c.notNull())
    .addColumn('gross_total', 'text', (c) => c.notNull())
    .addColumn('prepaid_total', 'text', (c) => c.notNull())
    .addColumn('rounding_total', 'text', (c) => c.notNull())
    .addColumn('payable_total', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull().check(sql`source in ('ilink','manual')`))
    .addColumn('ilink_id', 'text', (c) => c.unique())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('registado','aceite','recusado')`))
    .addColumn('state_reason', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('decided_by', 'integer')
    .addColumn('xml', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('purchase_received').on('purchase').columns(['received_at', 'id']).execute();
  await db.schema
    .createIndex('purchase_supplier')
    .on('purchase')
    .columns(['supplier_id', 'number'])
    .execute();
  await db.schema.createIndex('purchase_number').on('purchase').column('number').execute();

  await db.schema
    .createTable('purchase_line')
    .addColumn('purchase_id', 'text', (c) => c.notNull().references('purchase.id'))
    .addColumn('line_no', 'integer', (c) => c.notNull())
    .addColumn('line_ref', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('seller_item_id', 'text')
    .addColumn('buyer_item_id', 'text')
    .addColumn('standard_item_id', 'text')
    .addColumn('standard_item_scheme', 'text')
    .addColumn('quantity', 'text', (c) => c.notNull())
    .addColumn('unit_code', 'text')
    .addColumn('unit_price', 'text', (c) => c.notNull())
    .addColumn('base_quantity', 'text')
    .addColumn('discount_amount', 'text', (c) => c.notNull())
    .addColumn('charge_amount', 'text', (c) => c.notNull())
    .addColumn('vat_category', 'text', (c) => c.notNull())
    .addColumn('vat_rate', 'text')
    .addColumn('exemption_code', 'text')
    .addColumn('exemption_reason', 'text')
    .addColumn('line_net', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('purchase_line_pk', ['purchase_id', 'line_no'])
    .execute();

  await db.schema
    .createTable('purchase_tax')
    .addColumn('purchase_id', 'text', (c) => c.notNull().references('purchase.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('tax_scheme', 'text')
    .addColumn('category', 'text')
    .addColumn('rate', 'text')
    .addColumn('exemption_code', 'text')
    .addColumn('exemption_reason', 'text')
    .addColumn('taxable_amount', 'text', (c) => c.notNull())
    .addColumn('tax_amount', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('purchase_tax_pk', ['purchase_id', 'seq'])
    .execute();
}
