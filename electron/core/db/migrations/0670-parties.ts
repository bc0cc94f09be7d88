import { sql, type Kysely } from 'kysely';

// Frozen in time: this migration declares what it needs and imports no app code.
/* eslint-disable @typescript-eslint/no-explicit-any */
/**
 * Issue 12 item 3 (Gestão › Clientes / Fornecedores): the customer and supplier masters of the parties domain
 * (electron/core/parties).
 * - `customer.code`: the customer's own code, unique; new ones are `<terminal>-<ULID>` (unique across a chain's
 *   terminals) unless the manager or a CSV gives one. ASSUMPTION: customers made before this migration get
 *   `<terminal>-C<id>` (made on this terminal, so unique in the chain too).
 * - contact fields that never freeze: phone, payment terms (days), e-invoicing via iLink, active (email exists).
 * - `name_key`: the pt-PT search and sort key of the name (shared/text/pt-collation.ts), kept by triggers that
 *   call `pt_key()` (registered on each connection by db/open.ts), as `article.name_key` (0640).
 * - `supplier`: phone, payment terms, active and its `name_key` likewise.
 *
 * Re-runnable (tests/integration/fiscal/seal-upgrade.test.ts undoes the migrations after 0500 and runs them again).
 */
export async function up(db: Kysely<any>): Promise<void> {
  const run = (q: string) => sql.raw(q).execute(db);
  const adder = async (table: string) => {
    const cols = (
      await sql<{ name: string }>`select name from pragma_table_info(${table})`.execute(db)
    ).rows.map((r) => r.name);
    return async (name: string, def: string): Promise<void> => {
      if (!cols.includes(name)) await run(`alter table ${table} add column ${name} ${def}`);
    };
  };

  const c = await adder('customer');
  await c('code', 'text');
  await c('phone', `text not null default ''`);
  await c('payment_terms_days', 'integer not null default 0');
  await c('einvoice', 'integer not null default 0 check (einvoice in (0, 1))');
  await c('active', 'integer not null default 1 check (active in (0, 1))');
  await c('name_key', `text not null default ''`);
  await c('updated_at', 'text');
  await run(`update customer set code = coalesce(
      (select json_extract(value, '$') from setting where key = 'terminal.id'), 'T1') || '-C' || id
    where code is null`);
  await run('update customer set name_key = pt_key(name)');
  await run('create unique index if not exists customer_code on customer (code)');
  await run('create index if not exists customer_name_key on customer (name_key)');
  await run(`create trigger if not exists customer_key_insert after insert on customer
    begin update customer set name_key = pt_key(new.name) where id = new.id; end`);
  await run(`create trigger if not exists customer_key_update after update of name on customer
    begin update customer set name_key = pt_key(new.name) where id = new.id; end`);

  const s = await adder('supplier');
  await s('phone', `text not null default ''`);
  await s('payment_terms_days', 'integer not null default 0');
  await s('active', 'integer not null default 1 check (active in (0, 1))');
  await s('name_key', `text not null default ''`);
  await s('updated_at', 'text');
  await run('update supplier set name_key = pt_key(name)');
  await run('create index if not exists supplier_name_key on supplier (name_key)');
  await run(`create trigger if not exists supplier_key_insert after insert on supplier
    begin update supplier set name_key = pt_key(new.name) where id = new.id; end`);
  await run(`create trigger if not exists supplier_key_update after update of name on supplier
    begin update supplier set name_key = pt_key(new.name) where id = new.id; end`);
}
