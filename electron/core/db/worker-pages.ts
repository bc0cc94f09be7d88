import { createRequire } from 'node:module';
import type { Compilable } from 'kysely';
import type { Db } from './open';

/**
 * A Kysely query compiled on this thread, for a worker thread to run page by page on its own read-only
 * connection (verify's seal scan runs beside the signature chains so that both cores work). Plain data: it is
 * what crosses into the worker.
 */
export interface WorkerPageQuery {
  /** better-sqlite3's entry point, resolved here (the worker has no module paths of its own). */
  sqlitePath: string;
  /** The database file the worker opens. */
  file: string;
  sql: string;
}

/**
 * Compiles `query` for a worker, or undefined where a second connection would not be safe or possible.
 * `markers` are the parameter values the query was built with, in order: the compiled list must be exactly
 * those (the worker binds its own values in their places), so a query that grew a constant parameter is refused
 * rather than run with the wrong bindings.
 *
 * Only on a private copy (openReadOnly's temporary copy, which nothing writes): on the live file a second
 * connection could see a newer snapshot than this one.
 */
export function workerPageQuery(
  db: Db,
  query: Compilable<unknown>,
  markers: readonly unknown[],
): WorkerPageQuery | undefined {
  const file = db.sqlite.name;
  if (db.sqlite.memory || file === '' || file === db.file) return undefined;
  const c = query.compile();
  if (c.parameters.length !== markers.length || c.parameters.some((p, i) => p !== markers[i]))
    throw new Error('worker page query: unexpected parameters');
  let sqlitePath: string;
  try {
    sqlitePath = createRequire(import.meta.url).resolve('better-sqlite3');
  } catch {
    return undefined;
  }
  return { sqlitePath, file, sql: c.sql };
}

/**
 * CommonJS source for a worker (no TypeScript loader there): defines `openWorkerPages(spec)`, which opens
 * `spec.file` read-only and returns `{ all(...values), close() }` running `spec.sql` in raw mode (rows as
 * arrays, in select order). A worker's source starts with this, so that SQLite is reached only from `db/`.
 */
export const WORKER_PAGES_SOURCE = `
function openWorkerPages(spec) {
  const Database = require(spec.sqlitePath);
  const db = new Database(spec.file, { readonly: true, fileMustExist: true });
  try {
    const q = db.prepare(spec.sql).raw(true);
    return { all: (...values) => q.all(...values), close: () => db.close() };
  } catch (e) {
    db.close();
    throw e;
  }
}
`;
