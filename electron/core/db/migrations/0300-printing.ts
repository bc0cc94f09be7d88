import { sql, type Kysely } from 'kysely';

// Frozen in time: this migration declares what it needs and imports no app code.
/* eslint-disable @typescript-eslint/no-explicit-any */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('printer')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('uri', 'text', (c) => c.notNull())
    .addColumn('profile', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('is_default', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  // The persistent print queue. `payload` is the printable snapshot taken when the job was queued, so a
  // job prints the same content whenever the printer comes back.
  await db.schema
    .createTable('print_job')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('printer_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('document','drawer')`))
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
  await db.schema
    .createIndex('print_job_queue')
    .on('print_job')
    .columns(['state', 'printer_id', 'id'])
    .execute();
  await db.schema.createIndex('print_job_document').on('print_job').columns(['document_id']).execute();

  // Cash-drawer journal: who opened it, when and why. Append-only.
  await db.schema
    .createTable('drawer_event')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('operator_id', 'integer')
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('printer_id', 'text', (c) => c.notNull())
    .addColumn('job_id', 'integer')
    .addColumn('document_id', 'integer')
    .execute();
  await sql`create trigger drawer_event_no_update before update on drawer_event begin select raise(abort, 'drawer_event is append-only'); end`.execute(
    db,
  );
  await sql`create trigger drawer_event_no_delete before delete on drawer_event begin select raise(abort, 'drawer_event is append-only'); end`.execute(
    db,
  );
}
