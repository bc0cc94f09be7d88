import { sql, type Kysely } from 'kysely';

// Frozen in time: this migration declares what it needs and imports no app code.
/* eslint-disable @typescript-eslint/no-explicit-any */
/**
 * Issue 12 items 6–7 (operators, company):
 * - `operator.role` admits 'contabilista' (reads and exports the back office, never sells). SQLite cannot widen a
 *   CHECK, so the table is rebuilt with the same columns, ids and rows. Many tables reference operator(id), so the
 *   rebuild runs with foreign keys off (possible here: Kysely runs SQLite migrations outside a transaction) and
 *   `legacy_alter_table` on, so renaming the new table neither rewrites nor re-checks the other tables' references;
 *   `foreign_key_check` must then find nothing before the transaction commits.
 *   `pin_changed_at`: when the PIN last changed (shown in Gestão › Operadores, never the PIN itself).
 * - `company`: share capital, Conservatória (registry office), receipt header/footer texts, and the logo (PNG or
 *   JPEG, base64, size-limited by the API) printed on receipts and A4.
 * - `fiscal_series_code_once` becomes "fixed once the series has a document" (the rule of fiscal-pt.md: the
 *   ATCUD printed and signed into documents cannot change under them; before the first one, a mistyped code
 *   can be corrected in Gestão › Empresa › Séries).
 */
const COLUMNS = `id integer primary key autoincrement,
  name text not null,
  role text not null check (role in ('caixa','gerente','contabilista')),
  pin_hash text not null,
  pin_salt text not null,
  active integer not null default 1,
  failed_attempts integer not null default 0,
  locked_until text,
  created_at text not null,
  pin_changed_at text`;
const LIST = 'id, name, role, pin_hash, pin_salt, active, failed_attempts, locked_until, created_at';

export async function up(db: Kysely<any>): Promise<void> {
  const run = (q: string) => sql.raw(q).execute(db);
  const extras = await sql<{ sql: string }>`select sql from sqlite_master
    where tbl_name = 'operator' and type in ('index', 'trigger') and sql is not null`.execute(db);
  await run('pragma foreign_keys = off');
  await run('pragma legacy_alter_table = on');
  try {
    await run('begin immediate');
    try {
      await run(`create table operator_new (${COLUMNS})`);
      await run(`insert into operator_new (${LIST}) select ${LIST} from operator`);
      await run('drop table operator');
      await run('alter table operator_new rename to operator');
      for (const e of extras.rows) await run(e.sql);
      for (const column of [
        'share_capital text',
        'registry_office text',
        "receipt_header text not null default ''",
        "receipt_footer text not null default ''",
        'logo_mime text',
        'logo_base64 text',
      ])
        await run(`alter table company add column ${column}`);
      await run('drop trigger if exists fiscal_series_code_once');
      await run(`create trigger fiscal_series_code_once before update of validation_code on fiscal_series
        when old.validation_code is not null and new.validation_code is not old.validation_code
          and exists (select 1 from fiscal_document where series_id = old.id)
        begin select raise(abort, 'the series validation code is fixed once the series has documents'); end`);
      const broken = await sql`pragma foreign_key_check`.execute(db);
      if (broken.rows.length > 0) throw new Error(`operator rebuild broke ${broken.rows.length} references`);
      await run('commit');
    } catch (e) {
      await run('rollback');
      throw e;
    }
  } finally {
    await run('pragma legacy_alter_table = off');
    await run('pragma foreign_keys = on');
  }
}
