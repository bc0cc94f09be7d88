import { sql, type Kysely } from 'kysely';

// Frozen in time: this migration declares what it needs and imports no app code.
/* eslint-disable @typescript-eslint/no-explicit-any */
/**
 * Fewer B-tree pages written per issued document (each page is one more WAL frame in the commit that has to
 * be synced before the document is final). Same tables, columns, rows, constraints and triggers; only the
 * storage changes:
 * - the origin indexes only hold rows that have an origin (NC/ND/RG and their lines); a plain sale no longer
 *   writes a NULL entry into three indexes. Every query on them is `origin_… = ?`, which implies
 *   `is not null`, so SQLite still uses them.
 * - tax summary, payments and additional information are WITHOUT ROWID tables clustered on their primary
 *   key (document_id, seq): one B-tree each instead of a table plus its primary-key index.
 * Numbered after 0401: Kysely refuses a new migration that sorts before one already executed (0101 would
 * stop every existing database from opening), although it belongs to fiscal (0100–0199).
 */
const CHILD_TABLES: ReadonlyArray<{ name: string; columns: string; list: string }> = [
  {
    name: 'fiscal_tax',
    columns: `document_id integer not null references fiscal_document (id), seq integer not null,
      tax_type text not null, region text not null, code text not null, pct text not null,
      exemption_code text, exemption_reason text, base text not null, tax text not null, gross text not null`,
    list: 'document_id, seq, tax_type, region, code, pct, exemption_code, exemption_reason, base, tax, gross',
  },
  {
    name: 'fiscal_payment',
    columns: `document_id integer not null references fiscal_document (id), seq integer not null,
      method text not null, mechanism text not null, amount text not null, pay_date text not null`,
    list: 'document_id, seq, method, mechanism, amount, pay_date',
  },
  {
    name: 'fiscal_info',
    columns: `document_id integer not null references fiscal_document (id), seq integer not null,
      name text not null, value text not null`,
    list: 'document_id, seq, name, value',
  },
];

export async function up(db: Kysely<any>): Promise<void> {
  const run = (q: string) => sql.raw(q).execute(db);

  await run('drop index fiscal_document_origin');
  await run(
    'create index fiscal_document_origin on fiscal_document (origin_document_id) where origin_document_id is not null',
  );
  await run('drop index fiscal_line_origin_line');
  await run(
    'create index fiscal_line_origin_line on fiscal_line (origin_line_id) where origin_line_id is not null',
  );
  await run('drop index fiscal_line_origin_doc');
  await run(
    'create index fiscal_line_origin_doc on fiscal_line (origin_document_id) where origin_document_id is not null',
  );

  for (const t of CHILD_TABLES) {
    const cols = t.list;
    await run(
      `create table ${t.name}_new (${t.columns}, constraint ${t.name}_pk primary key (document_id, seq)) without rowid`,
    );
    await run(`insert into ${t.name}_new (${cols}) select ${cols} from ${t.name}`);
    // Dropping the old table drops its triggers too (DROP TABLE fires no delete trigger); they are recreated below.
    await run(`drop table ${t.name}`);
    await run(`alter table ${t.name}_new rename to ${t.name}`);
    // Immutability (Despacho 8632/2014 1.11), exactly as 0100 declared it.
    await run(
      `create trigger ${t.name}_no_update before update on ${t.name} begin select raise(abort, 'fiscal records are immutable'); end`,
    );
    await run(
      `create trigger ${t.name}_no_delete before delete on ${t.name} begin select raise(abort, 'fiscal records are never deleted'); end`,
    );
  }
}
