import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { createCore, type Core } from '../../../electron/core/core';
import { createLogger } from '../../../electron/core/log/logger';
import { fixedClock } from '../../../electron/core/util/clock';

export interface FiscalTestCore {
  core: Core;
  dir: string;
  clock: ReturnType<typeof fixedClock>;
  close(): Promise<void>;
}

/** A real core (real SQLite file, migrations, embedded default) in a temp folder, with a movable clock. */
export async function fiscalTestCore(start = '2025-03-14T10:15:30'): Promise<FiscalTestCore> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'balcao-fiscal-'));
  const clock = fixedClock(new Date(start));
  const core = await createCore({
    dataDir: dir,
    clock,
    eodAutomatic: false,
    log: createLogger('test', () => {}),
  });
  return {
    core,
    dir,
    clock,
    async close() {
      await core.stop('test');
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The first catalogue articles of a given VAT code (the embedded demo catalogue). */
export function articleOf(
  core: Core,
  taxCode: 'NOR' | 'INT' | 'RED' | 'ISE',
  nth = 0,
): { id: number; price: string; name: string } {
  const rows = core.ctx.db.sqlite
    .prepare('select id, price, name from article where tax_code = ? and active = 1 order by id')
    .all(taxCode) as Array<{ id: number; price: string; name: string }>;
  return rows[nth % rows.length];
}

/**
 * The database file opened as an attacker would edit it: better-sqlite3 directly, every trigger of the fiscal
 * tables dropped and foreign keys off (rows of other domains, e.g. the stock ledger, point at documents' lines).
 */
export function openAsAttacker(file: string): BetterSqlite3.Database {
  const db = new BetterSqlite3(file);
  for (const t of db
    .prepare(`select name from sqlite_master where type = 'trigger' and tbl_name like 'fiscal_%'`)
    .all() as { name: string }[]) {
    db.exec(`drop trigger ${t.name}`);
  }
  db.pragma('foreign_keys = OFF');
  return db;
}
