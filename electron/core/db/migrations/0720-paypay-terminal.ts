import { sql, type Kysely } from 'kysely';

// Frozen in time: this migration declares what it needs and imports no app code.
/* eslint-disable @typescript-eslint/no-explicit-any */
/**
 * Issue 11 item 4 (PayPay Cloud card terminal): the refunds and reversals Balcão sent to the terminal for a
 * terminal payment (`paypay_payment`, kind 'terminal'). One row per operation, written before its job (outbox):
 * `code` is the job's idempotency key, so a retry never refunds twice; the refundable amount left of a payment
 * is its amount less the rows not declined/failed (a refund above the original is refused before any call).
 * `return_id` links a refund to the return (sale_return) it pays out, whose status follows this row's outcome.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('paypay_terminal_op')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('payment_row_id', 'integer', (c) => c.notNull().references('paypay_payment.id'))
    .addColumn('op', 'text', (c) => c.notNull().check(sql`op in ('refund','reversal')`))
    .addColumn('amount', 'text', (c) => c.notNull())
    .addColumn('amount_cents', 'integer', (c) => c.notNull())
    .addColumn('state', 'text', (c) =>
      c.notNull().check(sql`state in ('creating','pending','done','declined','failed')`),
    )
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('remote_id', 'text')
    .addColumn('return_id', 'integer', (c) => c.references('sale_return.id'))
    .addColumn('job_id', 'text')
    .addColumn('message', 'text')
    .addColumn('operator_id', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('paypay_terminal_op_payment')
    .on('paypay_terminal_op')
    .columns(['payment_row_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('paypay_terminal_op').execute();
}
