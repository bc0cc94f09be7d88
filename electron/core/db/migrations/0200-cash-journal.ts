import { sql, type Kysely } from 'kysely';

// Frozen in time: this migration declares what it needs and imports no app code.
/* eslint-disable @typescript-eslint/no-explicit-any */
export async function up(db: Kysely<any>): Promise<void> {
  // One row per money-moving operation of the cash machine (or manual drawer): written as an intent
  // (status 'pending', with the Glory SeqNo) before the call, completed with the outcome after it.
  await db.schema
    .createTable('cash_journal')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('seq_no', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) =>
      c
        .notNull()
        .check(
          sql`kind in ('sale','payout','float','deposit','replenish','collect','cashout','baseline','adjustment','manual')`,
        ),
    )
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('pending','done','failed','reconciled')`),
    )
    .addColumn('device', 'text', (c) => c.notNull())
    .addColumn('requested_cents', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('in_cents', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('out_cents', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('cash_in', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('cash_out', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('result_code', 'integer')
    .addColumn('outcome', 'text')
    .addColumn('reference', 'text')
    .addColumn('note', 'text')
    .addColumn('operator_id', 'integer')
    .addColumn('needs_ack', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('acked_at', 'text')
    .addColumn('acked_by', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .execute();
  await db.schema.createIndex('cash_journal_status').on('cash_journal').column('status').execute();
  await db.schema.createIndex('cash_journal_ack').on('cash_journal').column('needs_ack').execute();
}
