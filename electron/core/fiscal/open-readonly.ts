import path from 'node:path';
import { openDatabase, type Db } from '../db/open';
import { DB_FILE } from '../core';
import { PosError } from '../../../shared/errors';

/** Opens the data folder's database read-only (verify and SAF-T never write). */
export function openReadOnly(dataDir: string): Db {
  return openDatabase(path.join(path.resolve(dataDir), DB_FILE), { readonly: true });
}

/**
 * Runs `read` over the data folder's database, read-only, opened the cheapest safe way: a closed database as a
 * view of the file itself (db/open.ts, `view`: no copy of the whole database first), otherwise as
 * `openReadOnly` does. Should the file change while the view is read (a terminal started on the folder
 * meanwhile), `read` runs again over a private copy and only that answer is returned, so no answer is made of
 * two states of the file. `read` may therefore run twice: what it returns is what counts.
 */
export function readDataDir<T>(
  dataDir: string,
  read: (db: Db) => T,
  opts: { onChanged?: () => void } = {},
): T {
  const view = openDatabase(path.join(path.resolve(dataDir), DB_FILE), { readonly: true, view: true });
  let result: { value: T } | { error: unknown };
  try {
    result = { value: read(view) };
  } catch (e) {
    result = { error: e };
  }
  // Before the view closes: removing its link changes the inode's ctime too. A write during the read shows in
  // the inode; what a torn read may throw (SQLITE_CORRUPT…) is only an answer if the file did not change.
  const unchanged = view.unchangedSinceOpen();
  view.close();
  if (unchanged) {
    if ('error' in result) throw result.error;
    return result.value;
  }
  opts.onChanged?.();
  const copy = openReadOnly(dataDir);
  try {
    return read(copy);
  } finally {
    copy.close();
  }
}

export function terminalMode(db: Db): 'training' | 'production' {
  const row = db.sqlite.prepare(`select value from setting where key = 'terminal.mode'`).get() as
    { value: string } | undefined;
  if (!row) throw new PosError('NOT_FOUND', 'A pasta de dados não tem terminal configurado.');
  return JSON.parse(row.value) === 'production' ? 'production' : 'training';
}
