import { sql, type Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any */
/**
 * Issue 13 item 7 (transport documents GT/GR): the AT communication code of a guide.
 * A GT/GR itself is a fiscal document (fiscal_document with its `transport` JSON, sealed like every fiscal
 * row); the code AT returns when the guide is communicated on its portal arrives afterwards, typed by hand,
 * so it lives in its own append-only table instead of a new (unsealed) column of fiscal_document. A correction
 * is a new row; the latest row (highest id) is the code in force. Frozen in time: imports no app code.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('movement_at_code')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('document_id', 'integer', (c) => c.notNull().references('fiscal_document.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('entered_at', 'text', (c) => c.notNull())
    .addColumn('operator_id', 'integer')
    .execute();
  await db.schema
    .createIndex('movement_at_code_document')
    .on('movement_at_code')
    .columns(['document_id', 'id'])
    .execute();
  await sql`create trigger movement_at_code_no_update before update on movement_at_code begin select raise(abort, 'AT codes are append-only'); end`.execute(
    db,
  );
  await sql`create trigger movement_at_code_no_delete before delete on movement_at_code begin select raise(abort, 'AT codes are append-only'); end`.execute(
    db,
  );
}
