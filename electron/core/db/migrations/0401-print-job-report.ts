import { sql, type Kysely } from 'kysely';

// Frozen in time: this migration declares what it needs and imports no app code.
/* eslint-disable @typescript-eslint/no-explicit-any */
/**
 * Print jobs of kind 'report' (X/Z shift reports). SQLite cannot change a CHECK constraint in place, so
 * print_job is rebuilt with the same columns and rows (ids kept: drawer_event.job_id points at them).
 * Numbered after 0400-sales although it belongs to printing (0300–0399): Kysely refuses a new migration that
 * sorts before one already executed, so 0301 would stop every existing database from opening.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('print_job_new')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('printer_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('document','drawer','report')`))
    .addColumn('document_id', 'integer')
    .addColumn('doc_no', 'text')
    .addColumn('copy', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('open_drawer', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('payload', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('state', 'text', (c) =>
      c.notNull().check(sql`state in ('pending','printing','done','cancelled')`),
    )
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_error', 'text')
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('operator_id', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('printed_at', 'text')
    .execute();
  await sql`insert into print_job_new (id, printer_id, kind, document_id, doc_no, copy, open_drawer, payload,
    state, attempts, last_error, next_attempt_at, operator_id, created_at, updated_at, printed_at)
    select id, printer_id, kind, document_id, doc_no, copy, open_drawer, payload, state, attempts, last_error,
    next_attempt_at, operator_id, created_at, updated_at, printed_at from print_job`.execute(db);
  await db.schema.dropTable('print_job').execute();
  await sql`alter table print_job_new rename to print_job`.execute(db);
  await db.schema
    .createIndex('print_job_queue')
    .on('print_job')
    .columns(['state', 'printer_id', 'id'])
    .execute();
  await db.schema.createIndex('print_job_document').on('print_job').columns(['document_id']).execute();
}
