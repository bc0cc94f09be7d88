import { sql, type Kysely } from 'kysely';

// Frozen in time: this migration declares what it needs and imports no app code.
/* eslint-disable @typescript-eslint/no-explicit-any */
/**
 * Issue 10 (iLink wire): one row per sales document that goes to iLink — its iLink id and state
 * (`tosend`/`sent`/`accepted`/`rejected` with reason and EDI state, or ours: `manual` waiting for "Enviar",
 * `queued`, `failed`), the last error, and the job that carries it (the job's attempts are the history).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('ilink_document')
    .addColumn('document_id', 'integer', (c) => c.primaryKey().references('fiscal_document.id'))
    .addColumn('doc_no', 'text', (c) => c.notNull().unique())
    .addColumn('doc_type', 'text', (c) => c.notNull())
    .addColumn('doc_date', 'text', (c) => c.notNull())
    .addColumn('customer_nif', 'text', (c) => c.notNull())
    .addColumn('customer_name', 'text', (c) => c.notNull())
    .addColumn('job_id', 'text')
    .addColumn('ilink_id', 'text')
    .addColumn('state', 'text', (c) =>
      c.notNull().check(sql`state in ('manual','queued','tosend','sent','accepted','rejected','failed')`),
    )
    .addColumn('edi_state', 'text')
    .addColumn('reason', 'text')
    .addColumn('error_code', 'text')
    .addColumn('error_message', 'text')
    .addColumn('sent_at', 'text')
    .addColumn('resends', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('ilink_document_ilink_id').on('ilink_document').column('ilink_id').execute();
  await db.schema
    .createIndex('ilink_document_state')
    .on('ilink_document')
    .columns(['state', 'doc_date'])
    .execute();
}
