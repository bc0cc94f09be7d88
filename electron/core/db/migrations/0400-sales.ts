import { sql, type Kysely } from 'kysely';

// Frozen in time: this migration declares what it needs and imports no app code.
/* eslint-disable @typescript-eslint/no-explicit-any */
export async function up(db: Kysely<any>): Promise<void> {
  // Shifts (turnos): one open shift per terminal, enforced by a partial unique index.
  await db.schema
    .createTable('shift')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('terminal_id', 'text', (c) => c.notNull())
    .addColumn('operator_id', 'integer', (c) => c.notNull().references('operator.id'))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('open','closed')`))
    .addColumn('opened_at', 'text', (c) => c.notNull())
    .addColumn('opening_float', 'text', (c) => c.notNull())
    // Float counted into the CI-5 by the machine, the deposit still running, and the machine's own total
    // when the shift opened (its count of the shift's movement is measured from there).
    .addColumn('machine_float', 'text', (c) => c.notNull().defaultTo('0.00'))
    .addColumn('float_deposit_pending', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('machine_at_open', 'text')
    .addColumn('closed_at', 'text')
    .addColumn('closed_by', 'integer', (c) => c.references('operator.id'))
    .addColumn('counted_cash', 'text')
    .addColumn('z_number', 'integer')
    .addColumn('z_report', 'text')
    .execute();
  await sql`create unique index shift_one_open on shift(terminal_id) where status = 'open'`.execute(db);

  await db.schema
    .createTable('shift_cash_movement')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('shift_id', 'integer', (c) => c.notNull().references('shift.id'))
    .addColumn('kind', 'text', (c) =>
      c.notNull().check(sql`kind in ('float','payin','payout','refund','drawer-open')`),
    )
    .addColumn('amount', 'text', (c) => c.notNull())
    .addColumn('via', 'text', (c) => c.notNull().check(sql`via in ('manual','machine')`))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('operator_id', 'integer', (c) => c.notNull().references('operator.id'))
    .addColumn('approved_by', 'integer', (c) => c.references('operator.id'))
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();

  // The cart, persisted: a sale survives a crash or restart at any step.
  await db.schema
    .createTable('sale')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('terminal_id', 'text', (c) => c.notNull())
    .addColumn('shift_id', 'integer', (c) => c.references('shift.id'))
    .addColumn('operator_id', 'integer', (c) => c.notNull().references('operator.id'))
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('open','suspended','paying','paid','completed','abandoned')`),
    )
    .addColumn('label', 'text')
    .addColumn('customer', 'text')
    .addColumn('global_discount_pct', 'text', (c) => c.notNull().defaultTo('0'))
    .addColumn('requested_type', 'text')
    .addColumn('issue_type', 'text')
    .addColumn('document_id', 'integer', (c) => c.unique().references('fiscal_document.id'))
    .addColumn('issue_error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sale_status').on('sale').columns(['terminal_id', 'status']).execute();
  await db.schema.createIndex('sale_shift').on('sale').column('shift_id').execute();

  await db.schema
    .createTable('sale_line')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('sale_id', 'integer', (c) => c.notNull().references('sale.id'))
    .addColumn('article_id', 'integer', (c) => c.references('article.id'))
    .addColumn('product_code', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('barcode', 'text')
    .addColumn('quantity', 'text', (c) => c.notNull())
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('unit_price', 'text', (c) => c.notNull())
    .addColumn('catalog_price', 'text')
    .addColumn('price_overridden', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('discount_pct', 'text', (c) => c.notNull().defaultTo('0'))
    .addColumn('tax_code', 'text', (c) => c.notNull())
    .addColumn('exemption_code', 'text')
    .addColumn('note', 'text')
    .addColumn('voided', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('approved_by', 'integer', (c) => c.references('operator.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sale_line_sale').on('sale_line').column('sale_id').execute();

  // Payment journal: the intent row is written before a provider is called, the outcome after it.
  await db.schema
    .createTable('sale_payment')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('sale_id', 'integer', (c) => c.notNull().references('sale.id'))
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('mechanism', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .check(sql`status in ('pending','awaiting-confirmation','settled','failed','cancelled','refunded')`),
    )
    .addColumn('requested', 'text', (c) => c.notNull())
    .addColumn('amount', 'text', (c) => c.notNull().defaultTo('0.00'))
    .addColumn('tendered', 'text')
    .addColumn('change_given', 'text')
    .addColumn('provider_ref', 'text')
    .addColumn('message', 'text')
    .addColumn('operator_id', 'integer', (c) => c.notNull().references('operator.id'))
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .execute();
  await db.schema.createIndex('sale_payment_sale').on('sale_payment').column('sale_id').execute();
  await db.schema.createIndex('sale_payment_status').on('sale_payment').column('status').execute();

  // Returns: the NC issued and how the money went back.
  await db.schema
    .createTable('sale_return')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('shift_id', 'integer', (c) => c.references('shift.id'))
    .addColumn('origin_document_id', 'integer', (c) => c.notNull().references('fiscal_document.id'))
    .addColumn('document_id', 'integer', (c) => c.unique().references('fiscal_document.id'))
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('amount', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('pending','settled','failed')`))
    .addColumn('message', 'text')
    .addColumn('operator_id', 'integer', (c) => c.notNull().references('operator.id'))
    .addColumn('approved_by', 'integer', (c) => c.references('operator.id'))
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
}
