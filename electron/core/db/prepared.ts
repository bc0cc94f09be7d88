import type { Compilable } from 'kysely';
import type { Db } from './open';

const PLACEHOLDER = '\u0000param:';

/**
 * A named parameter for a query built once with Kysely and run many times (`prepared`). Typed as whatever the
 * column needs: it is only ever a marker in the compiled parameter list, replaced at each run.
 */
export const param = <T = string>(name: string): T => `${PLACEHOLDER}${name}` as unknown as T;

/** Binds run-time values to a compiled parameter list: `param` markers by name, constants as compiled. */
function binder(parameters: readonly unknown[]): (values?: Readonly<Record<string, unknown>>) => unknown[] {
  const slots = parameters.map((v) =>
    typeof v === 'string' && v.startsWith(PLACEHOLDER)
      ? { name: v.slice(PLACEHOLDER.length), value: null }
      : { name: null, value: typeof v === 'boolean' ? (v ? 1 : 0) : v },
  );
  return (values = {}) =>
    slots.map((s) => {
      if (s.name === null) return s.value;
      const v = values[s.name];
      if (v === undefined) throw new Error(`prepared query: no value for ${s.name}`);
      return v;
    });
}

export interface Prepared<R> {
  get(values?: Readonly<Record<string, unknown>>): R | undefined;
  all(values?: Readonly<Record<string, unknown>>): R[];
  run(values?: Readonly<Record<string, unknown>>): { changes: number; lastInsertRowid: number };
}

/**
 * A Kysely query compiled and prepared once, for hot paths that run inside the fiscal transaction (compiling a
 * query costs more than running it). `param('x')` marks a value given at run time; other values are constants.
 */
export function prepared<R>(db: Db, q: Compilable<R>): Prepared<R> {
  const c = q.compile();
  const stmt = db.sqlite.prepare(c.sql);
  const bind = binder(c.parameters);
  return {
    get: (v) => stmt.get(...bind(v)) as R | undefined,
    all: (v) => stmt.all(...bind(v)) as R[],
    run: (v) => {
      const r = stmt.run(...bind(v));
      return { changes: r.changes, lastInsertRowid: Number(r.lastInsertRowid) };
    },
  };
}

export interface PreparedRows<T extends readonly unknown[]> {
  iterate(values?: Readonly<Record<string, unknown>>): IterableIterator<T>;
  all(values?: Readonly<Record<string, unknown>>): T[];
  get(values?: Readonly<Record<string, unknown>>): T | undefined;
}

/**
 * `prepared`, in better-sqlite3's raw mode: each row is an array in the order of `columns` (typed from the
 * query's own row type), not an object — building an object with named keys per row costs more than reading
 * it for the streaming readers over 100 000 documents (the SAF-T export). The compiled statement's column
 * names are checked against `columns` once, here, so a position can never silently name another column.
 */
export function preparedRows<R, const K extends ReadonlyArray<keyof R & string>>(
  db: Db,
  q: Compilable<R>,
  columns: K,
): PreparedRows<{ -readonly [I in keyof K]: R[K[I]] }> {
  const c = q.compile();
  const stmt = db.sqlite.prepare(c.sql).raw(true);
  const names = stmt.columns().map((col) => col.name);
  if (names.join(',') !== columns.join(','))
    throw new Error(`preparedRows: the query selects ${names.join(', ')}, not ${columns.join(', ')}`);
  const bind = binder(c.parameters);
  type T = { -readonly [I in keyof K]: R[K[I]] };
  return {
    iterate: (v) => stmt.iterate(...bind(v)) as IterableIterator<T>,
    all: (v) => stmt.all(...bind(v)) as T[],
    get: (v) => stmt.get(...bind(v)) as T | undefined,
  };
}
