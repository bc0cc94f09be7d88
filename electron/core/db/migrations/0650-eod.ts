import { sql, type Kysely } from 'kysely';

// Frozen in time: this migration declares what it needs and imports no app code.
/* eslint-disable @typescript-eslint/no-explicit-any */
/**
 * Issue 14 (end-of-day reconciliation): one row per version of a day's record (electron/core/reports/eod).
 * - id is text (`<terminal>-<ULID>`), unique across the terminals of a chain;
 * - (terminal_id, day, version) is unique: a re-run after late events adds version n+1, never rewrites n;
 * - rows are immutable once written (a closed record): triggers refuse UPDATE and DELETE.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('eod_record')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('terminal_id', 'text', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('light', 'text', (c) => c.notNull().check(sql`light in ('certo','explicadas','por-explicar')`))
    .addColumn('verdict', 'text', (c) => c.notNull())
    .addColumn('trigger', 'text', (c) => c.notNull())
    .addColumn('record', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('eod_record_version', ['terminal_id', 'day', 'version'])
    .execute();
  await sql`create trigger eod_record_no_update before update on eod_record
    begin select raise(abort, 'eod_record is immutable: a re-run adds a new version'); end`.execute(db);
  await sql`create trigger eod_record_no_delete before delete on eod_record
    begin select raise(abort, 'eod_record is immutable: a re-run adds a new version'); end`.execute(db);
}
