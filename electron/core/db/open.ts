import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect, type Compilable } from 'kysely';
import { PosError } from '../../../shared/errors';
import type { Database } from './schema';

export type Sqlite = BetterSqlite3.Database;

/**
 * One SQLite connection, two faces:
 * - `k` builds typed queries (Kysely) and runs migrations;
 * - `all/get/run` execute a built query *synchronously* on better-sqlite3, with cached prepared statements.
 *
 * Multi-statement writes go through `tx(fn)`: a synchronous better-sqlite3 transaction, so no other
 * JS can interleave with it. Never use Kysely's async `transaction()` here — another handler's query
 * could run inside it while it awaits.
 */
export interface Db {
  readonly file: string;
  readonly sqlite: Sqlite;
  readonly k: Kysely<Database>;
  all<R>(q: Compilable<R>): R[];
  get<R>(q: Compilable<R>): R | undefined;
  run(q: Compilable<unknown>): { changes: number; lastInsertRowid: number };
  tx<T>(fn: () => T): T;
  /**
   * Runs `fn` once what was written so far is committed: at once outside a transaction, otherwise when the
   * outermost `tx` ends (committed or rolled back: `fn` must read what it needs from the database, which then
   * holds only what was committed). For work outside the database that must never get ahead of it.
   */
  afterCommit(fn: () => void): void;
  close(): void;
}

const SQLITE_HEADER = 'SQLite format 3\0';

export interface OpenOptions {
  readonly?: boolean;
}

function ensureWritableDir(dir: string): void {
  try {
    fs.mkdirSync(dir, { recursive: true });
    fs.accessSync(dir, fs.constants.W_OK);
  } catch (e) {
    throw new PosError(
      'DATA_DIR_UNWRITABLE',
      `Não é possível escrever na pasta de dados "${dir}". Verifique as permissões ou escolha outra pasta com --data-dir.`,
      { dir, cause: e instanceof Error ? e.message : String(e) },
    );
  }
}

function assertSqliteFile(file: string): void {
  let fd: number | undefined;
  try {
    const stat = fs.statSync(file, { throwIfNoEntry: false });
    if (!stat || stat.size === 0) return;
    fd = fs.openSync(file, 'r');
    const buf = Buffer.alloc(16);
    fs.readSync(fd, buf, 0, 16, 0);
    if (buf.toString('latin1') !== SQLITE_HEADER) {
      throw new PosError(
        'DATABASE_CORRUPT',
        `O ficheiro de dados "${file}" não é uma base de dados válida ou está danificado. Não foi alterado: reponha uma cópia de segurança ou contacte o suporte.`,
        { file },
      );
    }
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

function corrupt(file: string, e: unknown): PosError {
  return new PosError(
    'DATABASE_CORRUPT',
    `A base de dados "${file}" está danificada e não pode ser aberta. Não foi alterada: reponha uma cópia de segurança ou contacte o suporte.`,
    { file, cause: e instanceof Error ? e.message : String(e) },
  );
}

export function openDatabase(file: string, opts: OpenOptions = {}): Db {
  if (file !== ':memory:') {
    ensureWritableDir(path.dirname(path.resolve(file)));
    assertSqliteFile(file);
    if (opts.readonly && !fs.existsSync(file)) {
      throw new PosError('NOT_FOUND', `Não existe base de dados em "${file}".`, { file });
    }
  }
  let sqlite: Sqlite;
  try {
    sqlite = new BetterSqlite3(file, {
      readonly: opts.readonly ?? false,
      fileMustExist: opts.readonly ?? false,
    });
  } catch (e) {
    const code = (e as { code?: string }).code ?? '';
    if (code === 'SQLITE_CANTOPEN' || code === 'SQLITE_READONLY') {
      throw new PosError('DATA_DIR_UNWRITABLE', `Não é possível abrir "${file}" para escrita.`, {
        file,
        code,
      });
    }
    throw corrupt(file, e);
  }
  try {
    if (!opts.readonly) sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('foreign_keys = ON');
    // A document acknowledged to the cashier is on disk: FULL syncs the WAL on every commit.
    sqlite.pragma('synchronous = FULL');
    sqlite.pragma('busy_timeout = 5000');
    // Reading the schema fails fast on a damaged file (SQLITE_NOTADB / SQLITE_CORRUPT).
    sqlite.prepare('select count(*) as n from sqlite_master').get();
  } catch (e) {
    sqlite.close();
    const code = (e as { code?: string }).code ?? '';
    if (code === 'SQLITE_READONLY') {
      throw new PosError('DATA_DIR_UNWRITABLE', `A base de dados "${file}" está só de leitura.`, {
        file,
        code,
      });
    }
    throw corrupt(file, e);
  }
  return wrap(file, sqlite);
}

function wrap(file: string, sqlite: Sqlite): Db {
  const k = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  const cache = new Map<string, BetterSqlite3.Statement>();
  const stmt = (sql: string): BetterSqlite3.Statement => {
    let s = cache.get(sql);
    if (!s) {
      s = sqlite.prepare(sql);
      cache.set(sql, s);
    }
    return s;
  };
  const pending: Array<() => void> = [];
  const flush = (): void => {
    while (!sqlite.inTransaction && pending.length) pending.shift()!();
  };
  const params = (p: readonly unknown[]): unknown[] =>
    p.map((v) => (typeof v === 'boolean' ? (v ? 1 : 0) : v));
  return {
    file,
    sqlite,
    k,
    all<R>(q: Compilable<R>): R[] {
      const c = q.compile();
      return stmt(c.sql).all(...params(c.parameters)) as R[];
    },
    get<R>(q: Compilable<R>): R | undefined {
      const c = q.compile();
      return stmt(c.sql).get(...params(c.parameters)) as R | undefined;
    },
    run(q: Compilable<unknown>) {
      const c = q.compile();
      const s = stmt(c.sql);
      // Statements with RETURNING must be executed with get/all in better-sqlite3.
      if (s.reader) {
        s.all(...params(c.parameters));
        return { changes: 0, lastInsertRowid: 0 };
      }
      const r = s.run(...params(c.parameters));
      return { changes: r.changes, lastInsertRowid: Number(r.lastInsertRowid) };
    },
    tx<T>(fn: () => T): T {
      try {
        return sqlite.transaction(fn).immediate();
      } finally {
        flush();
      }
    },
    afterCommit(fn) {
      pending.push(fn);
      flush();
    },
    close() {
      cache.clear();
      if (sqlite.open) sqlite.close();
    },
  };
}
