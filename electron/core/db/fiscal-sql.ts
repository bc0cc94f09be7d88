import {
  DummyDriver,
  Kysely,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  sql,
  type RawBuilder,
} from 'kysely';
import type { Sqlite } from './open';
import type { Database } from './schema';

/* Kysely `sql` fragments over the fiscal tables, kept in db/ with the other SQL (house rule). */

/** Exact money in SQL: integer cents of a 2-decimal string column (the SAF-T control totals do the same). */
export const cents = (col: RawBuilder<unknown>): RawBuilder<number> =>
  sql<number>`cast(round(${col} * 100) as integer)`;

/**
 * What an FT/ND still has to be paid, in cents: gross − active NCs against it − active RG lines settling it (the
 * read model's outstandingOf, in SQL so the state can be a filter). Each sub-select goes through the partial
 * origin indexes of 0402, so it costs two index look-ups per document. Kysely's `sql` fragment: its operands
 * are column references, nothing is interpolated from the caller.
 */
export const dueCents = (): RawBuilder<number> => sql<number>`(${cents(sql.ref('d.gross_total'))}
  - coalesce((select sum(${cents(sql.ref('n.gross_total'))}) from fiscal_document n
      where n.origin_document_id = d.id and n.doc_type = 'NC'
      and not exists (select 1 from fiscal_status xs where xs.document_id = n.id)), 0)
  - coalesce((select sum(${cents(sql.ref('l.gross'))}) from fiscal_line l join fiscal_document r on r.id = l.document_id
      where l.origin_document_id = d.id and r.doc_type = 'RG'
      and not exists (select 1 from fiscal_status ys where ys.document_id = r.id)), 0))`;

/**
 * The types a receipt settles, as SQL literals ('FT', 'ND'), for `doc_type in (…)`: written so, the term is the
 * WHERE of the partial index fiscal_document_settle (migration 0790) and SQLite may use that index; as bound
 * parameters it may not (it proves a partial index usable only from the very same terms).
 */
export const SETTLEABLE_TYPES = [sql.lit<'FT' | 'ND'>('FT'), sql.lit<'FT' | 'ND'>('ND')] as const;

/**
 * Kysely for code that holds only the better-sqlite3 handle (verify opens the file read-only, without a Db):
 * queries are built and compiled here, dialect-neutral like the rest, and prepared on that handle.
 */
const compiler = new Kysely<Database>({
  dialect: {
    createAdapter: () => new SqliteAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (db) => new SqliteIntrospector(db),
    createQueryCompiler: () => new SqliteQueryCompiler(),
  },
});

/** Documents of a series after a number (receipts included): an upper bound of the signatures to check. */
export function countDocumentsAfter(sqlite: Sqlite): (seriesId: number, after: number) => number {
  const q = compiler
    .selectFrom('fiscal_document')
    .select((e) => e.fn.countAll<number>().as('n'))
    .where('series_id', '=', 0)
    .where('number', '>', 0)
    .compile();
  const stmt = sqlite.prepare(q.sql);
  return (seriesId, after) => (stmt.get(seriesId, after) as { n: number }).n;
}
