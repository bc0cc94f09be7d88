import path from 'node:path';
import { Migrator } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../../../electron/core/db/migrate';
import { migrations } from '../../../electron/core/db/migrations';
import { openDatabase } from '../../../electron/core/db/open';
import { silentLogger } from '../../../electron/core/log/logger';
import { tempDir } from '../../helpers/tmp';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

describe('migration 0401: report print jobs', () => {
  it('upgrades a database that already ran 0400: queued jobs and their ids survive, report jobs are accepted', async () => {
    const tmp = tempDir();
    cleanups.push(tmp.cleanup);
    const file = path.join(tmp.dir, 'balcao.sqlite');
    const old = openDatabase(file);
    const before = Object.fromEntries(Object.entries(migrations).filter(([n]) => n <= '0400-sales'));
    const { error } = await new Migrator({
      db: old.k,
      provider: { getMigrations: async () => before },
    }).migrateToLatest();
    expect(error).toBeUndefined();
    const job = (kind: string, id?: number) =>
      old.sqlite
        .prepare(
          `insert into print_job (${id ? 'id, ' : ''}printer_id, kind, state, next_attempt_at, created_at, updated_at)
           values (${id ? '?, ' : ''}'principal', ?, 'pending', 't', 't', 't')`,
        )
        .run(...(id ? [id, kind] : [kind]));
    job('drawer', 41);
    expect(() => job('report')).toThrow(/CHECK constraint/);
    old.sqlite
      .prepare(
        `insert into drawer_event (at, operator_id, reason, printer_id, job_id) values ('t', 1, 'Troco', 'principal', 41)`,
      )
      .run();
    old.close();

    const db = openDatabase(file);
    cleanups.push(() => db.close());
    const r = await migrateToLatest(db, silentLogger);
    expect(r.applied).toContain('0401-print-job-report');
    expect(db.sqlite.prepare('select id, kind, state from print_job').all()).toEqual([
      { id: 41, kind: 'drawer', state: 'pending' },
    ]);
    const added = db.sqlite
      .prepare(
        `insert into print_job (printer_id, kind, state, next_attempt_at, created_at, updated_at)
         values ('principal', 'report', 'pending', 't', 't', 't')`,
      )
      .run();
    expect(Number(added.lastInsertRowid)).toBe(42);
    const idx = db.sqlite
      .prepare(`select name from sqlite_master where type = 'index' and tbl_name = 'print_job' order by name`)
      .all();
    expect(idx).toEqual([{ name: 'print_job_document' }, { name: 'print_job_queue' }]);
    expect(db.sqlite.prepare('select job_id from drawer_event').all()).toEqual([{ job_id: 41 }]);
    expect(db.sqlite.prepare('pragma foreign_key_check').all()).toEqual([]);
  });
});
