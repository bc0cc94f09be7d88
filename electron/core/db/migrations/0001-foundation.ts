import { sql, type Kysely } from 'kysely';

// Frozen in time: this migration declares what it needs and imports no app code.
/* eslint-disable @typescript-eslint/no-explicit-any */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('setting')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('company')
    .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('nif', 'text', (c) => c.notNull())
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('postal_code', 'text', (c) => c.notNull())
    .addColumn('city', 'text', (c) => c.notNull())
    .addColumn('country', 'text', (c) => c.notNull())
    .addColumn('certificate_number', 'text', (c) => c.notNull())
    .addColumn('software_name', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('operator')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('caixa','gerente')`))
    .addColumn('pin_hash', 'text', (c) => c.notNull())
    .addColumn('pin_salt', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('failed_attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_until', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('operator_session')
    .addColumn('token', 'text', (c) => c.primaryKey())
    .addColumn('operator_id', 'integer', (c) => c.notNull().references('operator.id'))
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .addColumn('ended_at', 'text')
    .addColumn('end_reason', 'text')
    .execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('operator_id', 'integer', (c) => c.references('operator.id'))
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('details', 'text', (c) => c.notNull().defaultTo('{}'))
    .execute();
  // The audit trail is append-only.
  await sql`create trigger audit_log_no_update before update on audit_log begin select raise(abort, 'audit_log is append-only'); end`.execute(
    db,
  );
  await sql`create trigger audit_log_no_delete before delete on audit_log begin select raise(abort, 'audit_log is append-only'); end`.execute(
    db,
  );

  await db.schema
    .createTable('tax_rate')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('region', 'text', (c) => c.notNull().check(sql`region in ('PT','PT-AC','PT-MA')`))
    .addColumn('code', 'text', (c) => c.notNull().check(sql`code in ('NOR','INT','RED')`))
    .addColumn('percentage', 'text', (c) => c.notNull())
    .addColumn('valid_from', 'text', (c) => c.notNull())
    .addColumn('valid_to', 'text')
    .addColumn('legal_basis', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('tax_rate_lookup')
    .on('tax_rate')
    .columns(['region', 'code', 'valid_from'])
    .execute();

  await db.schema
    .createTable('article')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('barcode', 'text', (c) => c.unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('family', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('unit', 'text', (c) => c.notNull().check(sql`unit in ('UN','KG','L','M')`))
    .addColumn('price', 'text', (c) => c.notNull())
    .addColumn('tax_code', 'text', (c) => c.notNull().check(sql`tax_code in ('NOR','INT','RED','ISE')`))
    .addColumn('exemption_code', 'text')
    .addColumn('product_type', 'text', (c) => c.notNull().defaultTo('P'))
    .addColumn('favourite', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addCheckConstraint('article_exemption', sql`(tax_code = 'ISE') = (exemption_code is not null)`)
    .execute();
  await db.schema.createIndex('article_name').on('article').column('name').execute();

  await db.schema
    .createTable('customer')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('nif', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('address', 'text', (c) => c.notNull().defaultTo('Desconhecido'))
    .addColumn('postal_code', 'text', (c) => c.notNull().defaultTo('0000-000'))
    .addColumn('city', 'text', (c) => c.notNull().defaultTo('Desconhecido'))
    .addColumn('country', 'text', (c) => c.notNull().defaultTo('PT'))
    .addColumn('email', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('customer_nif').on('customer').column('nif').execute();
}
