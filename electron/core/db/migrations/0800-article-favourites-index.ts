import { sql, type Kysely } from 'kysely';

// Frozen in time: this migration declares what it needs and imports no app code.
/* eslint-disable @typescript-eslint/no-explicit-any */
/**
 * Issue 15 (the till after each sale): the selling screen reads its favourites again after every sale, and that
 * read scanned every article (no index has `favourite`): 7-8 ms in the core per sale with 20 000 articles
 * (`npm run bench pos`, CPU profile of `balcao serve`), time a next scan could wait behind. A PARTIAL index on
 * the favourites only (active first: the till asks for active ones, and with it SQLite prefers this index to
 * article_key's `active = ?`), in their till order: an article that is no favourite writes nothing to it. SQLite
 * uses it when the query says `favourite = 1` as a literal (electron/core/catalog/service.ts favouritesQuery).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index article_favourite on article (active, till_position, name_key, name) where favourite = 1`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index article_favourite`.execute(db);
}
