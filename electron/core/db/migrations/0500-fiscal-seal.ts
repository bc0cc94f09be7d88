import { sql, type Kysely } from 'kysely';

// Frozen in time: this migration declares what it needs and imports no app code.
/* eslint-disable @typescript-eslint/no-explicit-any */
/**
 * Balcão's seal over every fiscal field (issue 9, D; electron/core/fiscal/seal-*.ts):
 * - fiscal_seal: one chained HMAC per document (rowid = document id: one B-tree, one page write per document);
 * - fiscal_status_seal: one chained HMAC per status change (cancellation);
 * - fiscal_seal_backfill: the documents and status changes that existed when this migration ran.
 *
 * The MAC key lives outside the database (fiscal-seal.key), so this migration cannot compute MACs: the fiscal
 * service seals exactly the rows up to the recorded ids at the first start after the upgrade, before anything
 * else is issued, and deletes the marker. Rows added later without a seal are never sealed by the backfill.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const run = (q: string) => sql.raw(q).execute(db);
  await run(`create table fiscal_seal (
    document_id integer primary key references fiscal_document (id),
    series_id integer not null,
    number integer not null,
    mac text not null,
    shape text not null,
    tags blob not null)`);
  await run(`create table fiscal_status_seal (
    status_id integer primary key references fiscal_status (id),
    document_id integer not null,
    mac text not null,
    tags blob not null)`);
  await run(`create table fiscal_seal_backfill (
    id integer primary key check (id = 1),
    max_document_id integer not null,
    max_status_id integer not null)`);
  await run(`insert into fiscal_seal_backfill (id, max_document_id, max_status_id)
    values (1, (select coalesce(max(id), 0) from fiscal_document), (select coalesce(max(id), 0) from fiscal_status))`);
  for (const t of ['fiscal_seal', 'fiscal_status_seal']) {
    await run(
      `create trigger ${t}_no_update before update on ${t} begin select raise(abort, 'fiscal records are immutable'); end`,
    );
    await run(
      `create trigger ${t}_no_delete before delete on ${t} begin select raise(abort, 'fiscal records are never deleted'); end`,
    );
  }
}
