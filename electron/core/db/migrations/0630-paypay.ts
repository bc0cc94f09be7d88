import { sql, type Kysely } from 'kysely';

// Frozen in time: this migration declares what it needs and imports no app code.
/* eslint-disable @typescript-eslint/no-explicit-any */
/**
 * Issue 11 (PayPay): one row per PayPay payment Balcão asked for — a Multibanco reference on an invoice (FT),
 * later MB WAY / terminal payments. The row is written in the FT's own transaction (with its outbox job), so a
 * reference is never forgotten; `document_id` is unique per kind (one reference per invoice), and
 * `receipt_document_id` is set in the same transaction that issues the RG, so an invoice is settled once.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('paypay_payment')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('mb_reference','mbway','terminal')`))
    .addColumn('document_id', 'integer', (c) => c.references('fiscal_document.id'))
    .addColumn('doc_no', 'text')
    .addColumn('amount', 'text', (c) => c.notNull())
    .addColumn('amount_cents', 'integer', (c) => c.notNull())
    .addColumn('mb_type', 'text')
    .addColumn('state', 'text', (c) =>
      c
        .notNull()
        .check(sql`state in ('creating','pending','paid','expired','cancelled','failed','mismatch')`),
    )
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('remote_id', 'text')
    .addColumn('entity', 'text')
    .addColumn('reference', 'text')
    .addColumn('valid_from', 'text')
    .addColumn('valid_until', 'text')
    .addColumn('paid_cents', 'integer')
    .addColumn('paid_at', 'text')
    .addColumn('fee', 'text')
    .addColumn('receipt_document_id', 'integer', (c) => c.references('fiscal_document.id'))
    .addColumn('flag', 'text')
    .addColumn('note', 'text')
    .addColumn('create_job_id', 'text')
    .addColumn('check_job_id', 'text')
    .addColumn('checks', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_checked_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('paypay_payment_doc')
    .on('paypay_payment')
    .columns(['kind', 'document_id'])
    .unique()
    .where(sql.ref('document_id'), 'is not', null)
    .execute();
  await db.schema.createIndex('paypay_payment_state').on('paypay_payment').columns(['state']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('paypay_payment').execute();
}
