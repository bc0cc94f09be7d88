import type { Kysely } from 'kysely';

// Frozen in time: this migration declares what it needs and imports no app code.
/* eslint-disable @typescript-eslint/no-explicit-any */
/**
 * Issue 12 item 5, benchmark `backoffice.document_search_p95_ms` (Documentos at 100 000 documents): a month plus
 * the state "por liquidar" / "liquidado" read every document row of the month (about 8 000) to find its FT/ND and
 * their gross total, then what each still owes.
 * - `fiscal_document_settle` (doc_date, doc_type, gross_total) WHERE doc_type IN ('FT','ND'): the month's FT/ND
 *   and the gross the amount due starts from, without reading a document row (doc_type in the key makes it
 *   covering: SQLite does not take a column's value from an IN term of the index's WHERE). Partial: the FS/FR
 *   of the till (most documents) add no entry to it, so their issue path writes no extra B-tree page (the
 *   reasoning of 0402). Created only where FT/ND are, and appended at its right edge (documents come in date
 *   order). The queries must write that term with literals ('FT','ND'): SQLite proves a partial index usable only
 *   from the very same terms, and a bound parameter is not one (electron/core/db/fiscal-sql.ts SETTLEABLE_TYPES).
 * - 0780 dropped `fiscal_document_date` (doc_date), a prefix of `fiscal_document_sales`, just before: so
 *   fiscal_document keeps as many indexes as before this one, and FS/FR write one fewer.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('fiscal_document_settle')
    .on('fiscal_document')
    .columns(['doc_date', 'doc_type', 'gross_total'])
    .where('doc_type', 'in', ['FT', 'ND'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('fiscal_document_settle').execute();
}
