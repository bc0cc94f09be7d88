import type { Kysely } from 'kysely';

// Frozen in time: this migration declares what it needs and imports no app code.
/* eslint-disable @typescript-eslint/no-explicit-any */
/**
 * PIN lockout counters, one row per scope: 'operator:<id>' (login PINs of that operator) and
 * 'approval:terminal' (manager PINs typed for an approval or auth/verify-manager on this terminal: such a PIN
 * names no operator, so its failures are counted for the terminal). `level` counts lockouts in a row: each
 * one lasts twice as long as the one before, until a right PIN resets it. Supersedes operator.failed_attempts
 * and operator.locked_until (kept, no longer written).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('pin_guard')
    .addColumn('scope', 'text', (c) => c.primaryKey())
    .addColumn('failures', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('level', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_until', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}
