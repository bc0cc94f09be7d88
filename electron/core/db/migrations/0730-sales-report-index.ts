import { sql, type Kysely } from 'kysely';

// Frozen in time: this migration declares what it needs and imports no app code.
/* eslint-disable @typescript-eslint/no-explicit-any */
/**
 * Issue 14, benchmark `reports.sales_year_query_ms` (sales by family over a year of 500 000 documents, ≤ 1 s).
 * Profiled on that year: the per-article sums spent their time (1) sorting a million line rows for GROUP BY,
 * (2) computing `cast(replace(amount, '.', '') as integer)` for every line and amount, (3) reading the wide line
 * and document rows. Two covering indexes remove all three:
 * - `fiscal_line_sales` (article_id, document_id, quantity in thousandths, net/tax/gross in integer cents):
 *   the sums read only this index, already in article order (no sort), the integers already computed. It
 *   REPLACES `fiscal_line_article` (article_id), whose every use (`article_id = ?`) is its prefix, so a sale still
 *   writes one article-index entry per line (no extra B-tree page on the till's hot path, the reasoning of 0402).
 *   The expressions must stay textually those of electron/core/db/sales-sql.ts: SQLite only reads an indexed
 *   expression from the index when the query's expression is the same.
 * - `fiscal_document_sales` (doc_date, doc_type): the set of the period's sales documents without reading a
 *   document row. Documents are written in date order, so it appends at its right edge (one page per commit).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`drop index fiscal_line_article`.execute(db);
  await sql`create index fiscal_line_sales on fiscal_line (article_id, document_id,
    cast(round(cast(quantity as real) * 1000) as integer),
    cast(replace(net, '.', '') as integer),
    cast(replace(tax, '.', '') as integer),
    cast(replace(gross, '.', '') as integer))`.execute(db);
  await sql`create index fiscal_document_sales on fiscal_document (doc_date, doc_type)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index fiscal_document_sales`.execute(db);
  await sql`drop index fiscal_line_sales`.execute(db);
  await sql`create index fiscal_line_article on fiscal_line (article_id)`.execute(db);
}
