import { sql, type Kysely } from 'kysely';

// Frozen in time: this migration declares what it needs and imports no app code.
/* eslint-disable @typescript-eslint/no-explicit-any */
/**
 * Issue 9 A: a payment whose outcome is not known yet (the POS died while the CI-5 was taking the money) gets its
 * own status, 'unknown', instead of being turned into 'failed'. SQLite cannot alter a CHECK constraint, so
 * sale_payment is rebuilt with the same columns, rows and indexes (nothing references it by foreign key).
 */
const COLUMNS = `id integer primary key autoincrement,
  sale_id integer not null references sale (id),
  method text not null,
  mechanism text not null,
  status text not null check (status in
    ('pending','awaiting-confirmation','unknown','settled','failed','cancelled','refunded')),
  requested text not null,
  amount text not null default '0.00',
  tendered text,
  change_given text,
  provider_ref text,
  message text,
  operator_id integer not null references operator (id),
  started_at text not null,
  finished_at text`;
const LIST =
  'id, sale_id, method, mechanism, status, requested, amount, tendered, change_given, provider_ref, message, operator_id, started_at, finished_at';

export async function up(db: Kysely<any>): Promise<void> {
  const run = (q: string) => sql.raw(q).execute(db);
  await run(`create table sale_payment_new (${COLUMNS})`);
  await run(`insert into sale_payment_new (${LIST}) select ${LIST} from sale_payment`);
  await run('drop table sale_payment');
  await run('alter table sale_payment_new rename to sale_payment');
  await run('create index sale_payment_sale on sale_payment (sale_id)');
  await run('create index sale_payment_status on sale_payment (status)');
}
