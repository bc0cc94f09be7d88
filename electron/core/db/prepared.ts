import type { Compilable } from 'kysely';
import type { Db } from './open';

const PLACEHOLDER = '\u0000param:';

/**
 * A named parameter for a query built once with Kysely and run many times (`prepared`). Typed as whatever the
 * column needs: it is only ever a marker in the compiled parameter list, replaced at each run.
 */
export const param = <T = string>(name: string): T => `${PLACEHOLDER}${name}` as unknown as T;

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
  const slots = c.parameters.map((v) =>
    typeof v === 'string' && v.startsWith(PLACEHOLDER)
      ? { name: v.slice(PLACEHOLDER.length), value: null }
      : { name: null, value: typeof v === 'boolean' ? (v ? 1 : 0) : v },
  );
  const bind = (values: Readonly<Record<string, unknown>> = {}): unknown[] =>
    slots.map((s) => {
      if (s.name === null) return s.value;
      const v = values[s.name];
      if (v === undefined) throw new Error(`prepared query: no value for ${s.name}`);
      return v;
    });
  return {
    get: (v) => stmt.get(...bind(v)) as R | undefined,
    all: (v) => stmt.all(...bind(v)) as R[],
    run: (v) => {
      const r = stmt.run(...bind(v));
      return { changes: r.changes, lastInsertRowid: Number(r.lastInsertRowid) };
    },
  };
}
