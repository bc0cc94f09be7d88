import { sql, type Kysely } from 'kysely';

// Frozen in time: this migration declares what it needs and imports no app code.
// Fiscal documents (fiscal-pt.md): series, signing keys, signed documents and their lines, tax summary,
// payments, additional info, and status changes as separate append-only rows.
/* eslint-disable @typescript-eslint/no-explicit-any */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table company add column retailer integer not null default 1`.execute(db);
  await sql`alter table company add column tax_region text not null default 'PT'`.execute(db);

  await db.schema
    .createTable('fiscal_key')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('terminal_id', 'text', (c) => c.notNull())
    .addColumn('mode', 'text', (c) => c.notNull().check(sql`mode in ('training','production')`))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('public_pem', 'text', (c) => c.notNull())
    .addColumn('private_sealed', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('retired_at', 'text')
    .addUniqueConstraint('fiscal_key_version', ['terminal_id', 'mode', 'version'])
    .execute();
  await sql`create trigger fiscal_key_no_delete before delete on fiscal_key begin select raise(abort, 'fiscal_key rows are kept forever'); end`.execute(
    db,
  );
  await sql`create trigger fiscal_key_immutable before update of terminal_id, mode, version, public_pem on fiscal_key begin select raise(abort, 'fiscal_key is immutable'); end`.execute(
    db,
  );

  await db.schema
    .createTable('fiscal_series')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('terminal_id', 'text', (c) => c.notNull())
    .addColumn('doc_type', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('series_type', 'text', (c) => c.notNull().check(sql`series_type in ('N','F')`))
    .addColumn('validation_code', 'text')
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('A')
        .check(sql`status in ('A','F')`),
    )
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('closed_at', 'text')
    .addUniqueConstraint('fiscal_series_code', ['doc_type', 'code'])
    .execute();
  // Series are blocked, never deleted (Despacho 8632/2014 1.9); a closed series never reopens; the AT code is set once.
  await sql`create trigger fiscal_series_no_delete before delete on fiscal_series begin select raise(abort, 'series are never deleted'); end`.execute(
    db,
  );
  await sql`create trigger fiscal_series_identity before update of terminal_id, doc_type, code, series_type on fiscal_series begin select raise(abort, 'series identity is immutable'); end`.execute(
    db,
  );
  await sql`create trigger fiscal_series_no_reopen before update of status on fiscal_series when old.status = 'F' begin select raise(abort, 'a closed series stays closed'); end`.execute(
    db,
  );
  await sql`create trigger fiscal_series_code_once before update of validation_code on fiscal_series when old.validation_code is not null and new.validation_code is not old.validation_code begin select raise(abort, 'the series validation code is set once'); end`.execute(
    db,
  );

  await db.schema
    .createTable('fiscal_document')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('series_id', 'integer', (c) => c.notNull().references('fiscal_series.id'))
    .addColumn('doc_type', 'text', (c) => c.notNull())
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('doc_no', 'text', (c) => c.notNull().unique())
    .addColumn('atcud', 'text', (c) => c.notNull())
    .addColumn('doc_date', 'text', (c) => c.notNull())
    .addColumn('system_entry_date', 'text', (c) => c.notNull())
    .addColumn('training', 'integer', (c) => c.notNull())
    .addColumn('terminal_id', 'text', (c) => c.notNull())
    .addColumn('operator_id', 'integer')
    .addColumn('customer_id', 'integer', (c) => c.notNull().references('customer.id'))
    .addColumn('customer_nif', 'text', (c) => c.notNull())
    .addColumn('customer_name', 'text', (c) => c.notNull())
    .addColumn('customer_address', 'text', (c) => c.notNull())
    .addColumn('customer_postal_code', 'text', (c) => c.notNull())
    .addColumn('customer_city', 'text', (c) => c.notNull())
    .addColumn('customer_country', 'text', (c) => c.notNull())
    .addColumn('global_discount_pct', 'text', (c) => c.notNull())
    .addColumn('net_total', 'text', (c) => c.notNull())
    .addColumn('tax_payable', 'text', (c) => c.notNull())
    .addColumn('gross_total', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addColumn('hash_control', 'text', (c) => c.notNull())
    .addColumn('key_id', 'integer', (c) => c.references('fiscal_key.id'))
    .addColumn('origin_document_id', 'integer', (c) => c.references('fiscal_document.id'))
    .addColumn('origin_reason', 'text')
    .addColumn('transport', 'text')
    .addColumn('cash_tendered', 'text')
    .addUniqueConstraint('fiscal_document_number', ['series_id', 'number'])
    .execute();
  await db.schema.createIndex('fiscal_document_date').on('fiscal_document').columns(['doc_date']).execute();
  await db.schema
    .createIndex('fiscal_document_origin')
    .on('fiscal_document')
    .columns(['origin_document_id'])
    .execute();
  await db.schema
    .createIndex('fiscal_document_customer')
    .on('fiscal_document')
    .columns(['customer_id'])
    .execute();

  await db.schema
    .createTable('fiscal_line')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('document_id', 'integer', (c) => c.notNull().references('fiscal_document.id'))
    .addColumn('line_no', 'integer', (c) => c.notNull())
    .addColumn('article_id', 'integer')
    .addColumn('product_code', 'text', (c) => c.notNull())
    .addColumn('product_type', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('quantity', 'text', (c) => c.notNull())
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('unit_price_gross', 'text', (c) => c.notNull())
    .addColumn('unit_price_net', 'text', (c) => c.notNull())
    .addColumn('discount_pct', 'text', (c) => c.notNull())
    .addColumn('gross_before_discount', 'text', (c) => c.notNull())
    .addColumn('gross', 'text', (c) => c.notNull())
    .addColumn('net', 'text', (c) => c.notNull())
    .addColumn('tax', 'text', (c) => c.notNull())
    .addColumn('discount_net', 'text', (c) => c.notNull())
    .addColumn('tax_type', 'text', (c) => c.notNull())
    .addColumn('tax_region', 'text', (c) => c.notNull())
    .addColumn('tax_code', 'text', (c) => c.notNull())
    .addColumn('tax_pct', 'text', (c) => c.notNull())
    .addColumn('exemption_code', 'text')
    .addColumn('exemption_reason', 'text')
    .addColumn('origin_line_id', 'integer', (c) => c.references('fiscal_line.id'))
    .addColumn('origin_document_id', 'integer', (c) => c.references('fiscal_document.id'))
    .addUniqueConstraint('fiscal_line_no', ['document_id', 'line_no'])
    .execute();
  await db.schema
    .createIndex('fiscal_line_origin_line')
    .on('fiscal_line')
    .columns(['origin_line_id'])
    .execute();
  await db.schema
    .createIndex('fiscal_line_origin_doc')
    .on('fiscal_line')
    .columns(['origin_document_id'])
    .execute();
  await db.schema.createIndex('fiscal_line_article').on('fiscal_line').columns(['article_id']).execute();

  await db.schema
    .createTable('fiscal_tax')
    .addColumn('document_id', 'integer', (c) => c.notNull().references('fiscal_document.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('tax_type', 'text', (c) => c.notNull())
    .addColumn('region', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('pct', 'text', (c) => c.notNull())
    .addColumn('exemption_code', 'text')
    .addColumn('exemption_reason', 'text')
    .addColumn('base', 'text', (c) => c.notNull())
    .addColumn('tax', 'text', (c) => c.notNull())
    .addColumn('gross', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('fiscal_tax_pk', ['document_id', 'seq'])
    .execute();

  await db.schema
    .createTable('fiscal_payment')
    .addColumn('document_id', 'integer', (c) => c.notNull().references('fiscal_document.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('mechanism', 'text', (c) => c.notNull())
    .addColumn('amount', 'text', (c) => c.notNull())
    .addColumn('pay_date', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('fiscal_payment_pk', ['document_id', 'seq'])
    .execute();

  await db.schema
    .createTable('fiscal_info')
    .addColumn('document_id', 'integer', (c) => c.notNull().references('fiscal_document.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('fiscal_info_pk', ['document_id', 'seq'])
    .execute();

  // Status changes (cancellation) are their own rows: the document row itself never changes.
  await db.schema
    .createTable('fiscal_status')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('document_id', 'integer', (c) => c.notNull().unique().references('fiscal_document.id'))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('A')`))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('operator_id', 'integer')
    .addColumn('reason', 'text', (c) => c.notNull())
    .execute();

  // Immutability (Despacho 8632/2014 1.11): nothing of a signed document may change or disappear.
  for (const table of [
    'fiscal_document',
    'fiscal_line',
    'fiscal_tax',
    'fiscal_payment',
    'fiscal_info',
    'fiscal_status',
  ]) {
    await sql
      .raw(
        `create trigger ${table}_no_update before update on ${table} begin select raise(abort, 'fiscal records are immutable'); end`,
      )
      .execute(db);
    await sql
      .raw(
        `create trigger ${table}_no_delete before delete on ${table} begin select raise(abort, 'fiscal records are never deleted'); end`,
      )
      .execute(db);
  }

  // Customer locks (Despacho 3.3.3, 3.3.4) and product description lock (3.3.5) once documents exist.
  await sql`create trigger customer_nif_locked before update of nif on customer
    when new.nif is not old.nif and old.nif not in ('', '999999990')
      and exists (select 1 from fiscal_document where customer_id = old.id)
    begin select raise(abort, 'customer NIF is locked once documents exist'); end`.execute(db);
  await sql`create trigger customer_name_locked before update of name on customer
    when new.name is not old.name and old.nif in ('', '999999990')
      and exists (select 1 from fiscal_document where customer_id = old.id)
    begin select raise(abort, 'the name of a customer without NIF is locked once documents exist'); end`.execute(
    db,
  );
  await sql`create trigger article_name_locked before update of name on article
    when new.name is not old.name and exists (select 1 from fiscal_line where article_id = old.id)
    begin select raise(abort, 'the description of an article used on documents is locked'); end`.execute(db);
}
