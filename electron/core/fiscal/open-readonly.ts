import path from 'node:path';
import { openDatabase, type Db } from '../db/open';
import { DB_FILE } from '../core';
import { PosError } from '../../../shared/errors';

/** Opens the data folder's database read-only (verify and SAF-T never write). */
export function openReadOnly(dataDir: string): Db {
  return openDatabase(path.join(path.resolve(dataDir), DB_FILE), { readonly: true });
}

export function terminalMode(db: Db): 'training' | 'production' {
  const row = db.sqlite.prepare(`select value from setting where key = 'terminal.mode'`).get() as
    { value: string } | undefined;
  if (!row) throw new PosError('NOT_FOUND', 'A pasta de dados não tem terminal configurado.');
  return JSON.parse(row.value) === 'production' ? 'production' : 'training';
}
