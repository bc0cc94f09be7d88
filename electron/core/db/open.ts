import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect, type Compilable } from 'kysely';
import { PosError } from '../../../shared/errors';
import { ptKey } from '../../../shared/text/pt-collation';
import type { Database } from './schema';
import { newCopyFolder } from './temp-copies';

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
  /**
   * Positional rows (better-sqlite3 `raw` mode) of a built query, for the hot readers that stream 100 000
   * documents (verify, the seal): no object per row, columns in select order.
   */
  rows(q: Compilable<unknown>): unknown[][];
  run(q: Compilable<unknown>): { changes: number; lastInsertRowid: number };
  tx<T>(fn: () => T): T;
  /**
   * Runs `fn` once what was written so far is committed: at once outside a transaction, otherwise when the
   * outermost `tx` ends (committed or rolled back: `fn` must read what it needs from the database, which then
   * holds only what was committed). For work outside the database that must never get ahead of it.
   */
  afterCommit(fn: () => void): void;
  /** Runs the `afterCommit` work now if no transaction is open: after a transaction not run through `tx`. */
  flushAfterCommit(): void;
  /**
   * False only for a read-only view of a closed database (`OpenOptions.view`) whose file changed, or got a WAL,
   * since it was opened: what was read may then mix two states, and must be read again from a copy. True for
   * every other connection (a copy is private; a connection in place has SQLite's own isolation).
   */
  unchangedSinceOpen(): boolean;
  close(): void;
}

const SQLITE_HEADER = 'SQLite format 3\0';

export interface OpenOptions {
  readonly?: boolean;
  /**
   * Read-only only: a database nobody has open (no `-wal`, no `-shm` beside it) may be read through a hard link
   * in a temporary folder instead of a copy, when the caller checks `unchangedSinceOpen()` before it trusts
   * what it read (verify, SAF-T).
   */
  view?: boolean;
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
    if (!stat) return;
    if (stat.size === 0) {
      // A zero-length file is what a crash or a failed copy leaves: refused like any damaged file, never
      // silently turned into a new (training) database over the place where the shop's data was.
      throw new PosError(
        'DATABASE_CORRUPT',
        `O ficheiro de dados "${file}" está vazio (0 bytes): não é uma base de dados válida. Não foi alterado: reponha uma cópia de segurança, ou apague-o para criar um terminal novo.`,
        { file },
      );
    }
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

/**
 * SQL functions the schema's triggers call (migration 0640): `pt_key(text)`, the pt-PT search and sort key of
 * an article name. Registered on every writable connection, so any write keeps `article.name_key` right.
 */
function registerFunctions(sqlite: Sqlite): void {
  sqlite.function('pt_key', { deterministic: true }, (s: unknown) =>
    typeof s === 'string' ? ptKey(s) : null,
  );
}

export function openDatabase(file: string, opts: OpenOptions = {}): Db {
  if (opts.readonly && file !== ':memory:') return openReadOnlyFile(file, opts.view ?? false);
  if (file !== ':memory:') {
    ensureWritableDir(path.dirname(path.resolve(file)));
    assertSqliteFile(file);
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
    registerFunctions(sqlite);
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

/**
 * Bytes 18–19: file format read/write versions (2 = WAL, 1 = rollback). A copy in rollback mode opens read-only
 * without a `-shm`; an in-memory database cannot be in WAL mode at all.
 */
function setRollbackMode(header: Buffer): void {
  if (header.length >= 20) header.fill(1, 18, 20);
}

/** What changes when anything writes the file, or replaces it (read from its inode, not its content). */
function fingerprint(file: string): string | undefined {
  const st = fs.statSync(file, { bigint: true, throwIfNoEntry: false });
  return st && `${st.dev}:${st.ino}:${st.size}:${st.mtimeNs}:${st.ctimeNs}`;
}

const walFiles = (file: string): boolean => fs.existsSync(`${file}-wal`) || fs.existsSync(`${file}-shm`);

/**
 * A closed database read through a hard link in a new temporary folder, opened read-only: SQLite keeps the
 * link's `-wal` and `-shm` (empty) beside the link, so nothing is created in the data folder, and the file is
 * only ever opened for reading. Issue 15: copying 140 MB (100 000 documents) was 0.1–0.2 s of every `verify`
 * and `saft`, before any document was read. Unlike a copy, the view follows the file: a terminal started on
 * the folder meanwhile would write to it, so the view records the file's inode (size, times) and
 * `unchangedSinceOpen()` says whether it is still the same and still has no WAL of its own. Undefined (nothing
 * left behind) when no link can be made: another file system (a USB stick, a read-only medium), or a file the
 * user may read but not link.
 */
function openLinkedView(
  file: string,
): { sqlite: Sqlite; cleanup: () => void; unchanged: () => boolean } | undefined {
  let tmp: string | undefined;
  let sqlite: Sqlite | undefined;
  try {
    tmp = newCopyFolder();
    const link = path.join(tmp, path.basename(file));
    // The file itself, not a symbolic link to it (link(2) would link the symbolic link, whose relative target
    // would then be looked up from the temporary folder).
    fs.linkSync(fs.realpathSync(file), link);
    // After the link (which changes the inode's ctime), before the first read.
    const before = fingerprint(file);
    sqlite = new BetterSqlite3(link, { readonly: true, fileMustExist: true });
    sqlite.prepare('select count(*) as n from sqlite_master').get();
    const dir = tmp;
    return {
      sqlite,
      cleanup: () => fs.rmSync(dir, { recursive: true, force: true }),
      unchanged: () => !walFiles(file) && before !== undefined && fingerprint(file) === before,
    };
  } catch {
    sqlite?.close();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
    return undefined;
  }
}

/**
 * The database copied to a new temporary folder, switched to rollback mode and opened read-only; undefined (and
 * nothing left behind) when the copy cannot be made, so the caller can read the file into memory instead.
 */
function openRollbackCopy(file: string): { sqlite: Sqlite; cleanup: () => void } | undefined {
  let tmp: string | undefined;
  try {
    tmp = newCopyFolder();
    const copy = path.join(tmp, path.basename(file));
    fs.copyFileSync(file, copy);
    const fd = fs.openSync(copy, 'r+');
    try {
      const header = Buffer.alloc(20);
      const n = fs.readSync(fd, header, 0, 20, 0);
      setRollbackMode(header.subarray(0, n));
      fs.writeSync(fd, header, 18, 2, 18);
    } finally {
      fs.closeSync(fd);
    }
    const dir = tmp;
    return {
      sqlite: new BetterSqlite3(copy, { readonly: true, fileMustExist: true }),
      cleanup: () => fs.rmSync(dir, { recursive: true, force: true }),
    };
  } catch {
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
    return undefined;
  }
}

/**
 * Read-only, for `verify` and `saft` on an accountant's copy (possibly on a read-only medium): no migration, no
 * WAL switch, and no file created or changed in the data folder. A WAL database normally needs its `-shm`
 * (created on open if missing), so:
 * - with `view`, and nobody has the database open (no `-wal`, no `-shm`): read through a hard link in a
 *   temporary folder (openLinkedView; the caller checks `unchangedSinceOpen()`). The file's content and mtime
 *   are untouched; its inode's link count and ctime change while the link exists;
 * - no pending WAL (no `-wal`, or an empty one): the database file is copied to a temporary folder, the copy's
 *   header switched to rollback mode, and the copy opened read-only (removed at close); if no copy can be made
 *   (temporary folder full or unwritable) the file is read into memory and opened from there
 *   (`sqlite3_deserialize`). Nothing on disk is touched either way;
 * - a pending WAL with its `-shm`: opened in place read-only, as SQLite allows (a live terminal, or a full copy);
 * - a pending WAL without `-shm`, or a place SQLite cannot open: database and WAL are copied to a temporary
 *   folder and opened there (removed at close).
 * Why a copy on disk rather than in memory: the in-memory path held the file twice (the read Buffer, which
 * V8 promotes and then never frees while the export runs, and SQLite's own copy): a 100 000-document SAF-T
 * export peaked at ~350 MB RSS against ~140 MB from a copy, in the same time.
 * ASSUMPTION: the temporary folder (`os.tmpdir()`, `TMPDIR`) has room for one copy of the database.
 */
function openReadOnlyFile(file: string, view: boolean): Db {
  if (!fs.existsSync(file))
    throw new PosError('NOT_FOUND', `Não existe base de dados em "${file}".`, { file });
  assertSqliteFile(file);
  const walSize = fs.statSync(`${file}-wal`, { throwIfNoEntry: false })?.size ?? 0;
  let sqlite: Sqlite;
  let cleanup: (() => void) | undefined;
  let unchanged: (() => boolean) | undefined;
  try {
    const linked = view && !walFiles(file) ? openLinkedView(file) : undefined;
    if (linked) {
      sqlite = linked.sqlite;
      cleanup = linked.cleanup;
      unchanged = linked.unchanged;
    } else if (walSize === 0) {
      const copied = openRollbackCopy(file);
      if (copied) {
        sqlite = copied.sqlite;
        cleanup = copied.cleanup;
      } else {
        const bytes = fs.readFileSync(file);
        setRollbackMode(bytes);
        sqlite = new BetterSqlite3(bytes, { readonly: true });
      }
    } else {
      let inPlace: Sqlite | undefined;
      try {
        if (!fs.existsSync(`${file}-shm`)) throw new Error('no -shm');
        inPlace = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
        inPlace.prepare('select count(*) as n from sqlite_master').get();
        sqlite = inPlace;
      } catch {
        inPlace?.close();
        const tmp = newCopyFolder();
        cleanup = () => fs.rmSync(tmp, { recursive: true, force: true });
        const copy = path.join(tmp, path.basename(file));
        fs.copyFileSync(file, copy);
        fs.copyFileSync(`${file}-wal`, `${copy}-wal`);
        sqlite = new BetterSqlite3(copy, { readonly: true, fileMustExist: true });
      }
    }
    sqlite.pragma('foreign_keys = ON');
    sqlite.prepare('select count(*) as n from sqlite_master').get();
  } catch (e) {
    cleanup?.();
    if (e instanceof PosError) throw e;
    throw corrupt(file, e);
  }
  return wrap(file, sqlite, cleanup, unchanged);
}

function wrap(file: string, sqlite: Sqlite, onClose?: () => void, unchanged?: () => boolean): Db {
  const k = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  const cache = new Map<string, BetterSqlite3.Statement>();
  // Separate: a statement in raw mode stays in raw mode.
  const rawCache = new Map<string, BetterSqlite3.Statement>();
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
  // One wrapper for every `tx`: better-sqlite3 builds four functions and their properties per
  // `transaction(fn)`, which the stock ledger paid on every sale (nested: the same SAVEPOINT/RELEASE as before).
  const runTx = sqlite.transaction((fn: () => unknown) => fn());
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
    rows(q) {
      const c = q.compile();
      let s = rawCache.get(c.sql);
      if (!s) {
        s = sqlite.prepare(c.sql).raw(true);
        rawCache.set(c.sql, s);
      }
      return s.all(...params(c.parameters)) as unknown[][];
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
        return runTx.immediate(fn) as T;
      } finally {
        flush();
      }
    },
    afterCommit(fn) {
      pending.push(fn);
      flush();
    },
    flushAfterCommit: flush,
    unchangedSinceOpen: () => unchanged?.() ?? true,
    close() {
      cache.clear();
      if (sqlite.open) sqlite.close();
      onClose?.();
    },
  };
}
