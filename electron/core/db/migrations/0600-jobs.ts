import { sql, type Kysely } from 'kysely';

// Frozen in time: this migration declares what it needs and imports no app code.
/* eslint-disable @typescript-eslint/no-explicit-any */
/**
 * Issue 10 (sync service): the one durable job runner (electron/core/jobs) and its outbox.
 * - `job`: one row per message/job. The id is text (`<terminal>-<ULID>`) so ids stay unique when a chain of
 *   shops shares one central database; `idempotency_key` is unique (a second enqueue of the same key is the same
 *   job, and the key travels with every retry so the partner never creates a second remote document).
 * - `job_attempt`: every attempt, kept (request summary, HTTP status, partner code/message, duration). The rate
 *   limiter counts these rows, so a limit holds across restarts and across processes on the same database.
 * - `job_partner`: per-partner runtime state (pause after 429/Retry-After, last outcome for the status bar).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('job')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('partner', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) =>
      c.notNull().check(sql`state in ('queued','running','succeeded','failed','dead','cancelled')`),
    )
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('last_error', 'text')
    .addColumn('last_outcome', 'text')
    .addColumn('idempotency_key', 'text', (c) => c.notNull().unique())
    .addColumn('lease_owner', 'text')
    .addColumn('lease_until', 'text')
    .addColumn('result', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('job_due').on('job').columns(['state', 'next_attempt_at']).execute();
  await db.schema.createIndex('job_partner_state').on('job').columns(['partner', 'state', 'id']).execute();

  await db.schema
    .createTable('job_attempt')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('job_id', 'text', (c) => c.notNull().references('job.id'))
    .addColumn('partner', 'text', (c) => c.notNull())
    .addColumn('attempt', 'integer', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) =>
      c.notNull().check(sql`outcome in ('running','succeeded','retry','permanent','unknown')`),
    )
    .addColumn('request_summary', 'text')
    .addColumn('http_status', 'integer')
    .addColumn('error_code', 'text')
    .addColumn('error_message', 'text')
    .addColumn('duration_ms', 'integer')
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .execute();
  await db.schema.createIndex('job_attempt_job').on('job_attempt').columns(['job_id', 'attempt']).execute();
  await db.schema
    .createIndex('job_attempt_window')
    .on('job_attempt')
    .columns(['partner', 'started_at'])
    .execute();

  await db.schema
    .createTable('job_partner')
    .addColumn('partner', 'text', (c) => c.primaryKey())
    .addColumn('paused_until', 'text')
    .addColumn('last_outcome', 'text')
    .addColumn('last_error', 'text')
    .addColumn('last_network_error', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_attempt_at', 'text')
    .addColumn('last_success_at', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}
