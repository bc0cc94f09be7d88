import { sql, type RawBuilder } from 'kysely';

/*
 * The indexed expressions of `fiscal_line_sales` (migration 0730), as Kysely `sql` fragments (kept in db/ with the
 * other SQL, house rule). SQLite reads an indexed expression's value from the index only when the query writes
 * the very same expression, literals included (a bound parameter in place of '.' would not match): keep these
 * textually equal to the migration's. Operands are column references, nothing is interpolated from a caller.
 */

/** "12.30" → 1230: exact (text surgery on the stored 2-decimal amount, no arithmetic, no float). */
export const lineCents = (col: 'l.net' | 'l.tax' | 'l.gross'): RawBuilder<number> =>
  sql<number>`cast(replace(${sql.ref(col)}, '.', '') as integer)`;

/** A quantity (at most 3 decimals, shared/api/amounts.ts) in thousandths of its unit. */
export const lineMilli = (): RawBuilder<number> =>
  sql<number>`cast(round(cast(${sql.ref('l.quantity')} as real) * 1000) as integer)`;

/**
 * `id + 0`: the same value, but SQLite can no longer drive the loop from an index on `id`. Used where reading a
 * whole covering index in order beats one seek per key (a large share of the table's keys, e.g. a year).
 */
export const noIndex = (col: 'l.document_id'): RawBuilder<number> => sql<number>`(${sql.ref(col)} + 0)`;
