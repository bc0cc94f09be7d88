import { sql, type Kysely } from 'kysely';

// Frozen in time: this migration declares what it needs and imports no app code.
/* eslint-disable @typescript-eslint/no-explicit-any */
/**
 * Issue 13 (correcting a manual purchase before it enters stock): who corrected a purchase and when is read back
 * from the audit trail (`purchases.manual-edited` rows) every time Gestão › Compras opens the purchase. The
 * audit trail grows by several rows per sale (a million a year in a busy shop) and has no index, so that read
 * would scan it all in the main process. A PARTIAL index on the purchase id of those rows only:
 * - costs nothing on the till's hot path: an insert of any other action only evaluates the WHERE, no B-tree write;
 * - is used when the query says the same, textually: `action = 'purchases.manual-edited'` and
 *   `json_extract(details, '$.purchaseId')` as literals (electron/core/purchases/edit-history.ts), since SQLite
 *   matches a partial index's condition and an indexed expression against the query's own text, not bound values.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index audit_log_purchase_edit on audit_log (json_extract(details, '$.purchaseId'), id)
    where action = 'purchases.manual-edited'`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index audit_log_purchase_edit`.execute(db);
}
