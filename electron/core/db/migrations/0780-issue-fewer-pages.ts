import { sql, type Kysely } from 'kysely';

// Frozen in time: this migration declares what it needs and imports no app code.
/* eslint-disable @typescript-eslint/no-explicit-any */
/**
 * Issue 15 (fiscal.issue_ceiling_ratio): one B-tree less written by every issued document. `fiscal_document_date`
 * (doc_date) is a prefix of `fiscal_document_sales` (doc_date, doc_type, migration 0730), so every query on the
 * date (`doc_date = ?`, a range, `order by doc_date`) is served by the longer index just as well, while each
 * document wrote one more index page into the commit that has to be synced before the document is final.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`drop index fiscal_document_date`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`create index fiscal_document_date on fiscal_document (doc_date)`.execute(db);
}
