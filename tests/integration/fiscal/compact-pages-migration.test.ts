import path from 'node:path';
import { Migrator } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/core/db/open';
import { migrationProvider } from '../../../electron/core/db/migrations';
import { tempDir } from '../../helpers/tmp';

/**
 * 0402 rebuilds fiscal_tax / fiscal_payment / fiscal_info as WITHOUT ROWID tables and makes the origin indexes
 * partial. A database that already holds documents must come out with the same rows, and with the
 * immutability triggers back in place.
 */
describe('migration 0402 (fewer pages per document) on a database with documents', () => {
  const tmp = tempDir('balcao-0402-');
  afterAll(() => tmp.cleanup());

  it('keeps every row and the immutability triggers; origin lookups still use their index', async () => {
    const db = openDatabase(path.join(tmp.dir, 'balcao.sqlite'));
    const migrator = new Migrator({ db: db.k, provider: migrationProvider });
    const before = await migrator.migrateTo('0401-print-job-report');
    expect(before.error).toBeUndefined();
    const s = db.sqlite;
    s.prepare(
      `insert into customer (id, nif, name, created_at) values (7, '999999990', 'Consumidor final', 'x')`,
    ).run();
    s.prepare(
      `insert into fiscal_series (id, terminal_id, doc_type, code, series_type, validation_code, created_at)
       values (3, 'T1', 'FS', 'T1F', 'F', 'ABCD1234', 'x')`,
    ).run();
    const doc = s.prepare(
      `insert into fiscal_document (id, series_id, doc_type, number, doc_no, atcud, doc_date, system_entry_date, training,
         terminal_id, customer_id, customer_nif, customer_name, customer_address, customer_postal_code, customer_city,
         customer_country, global_discount_pct, net_total, tax_payable, gross_total, hash, hash_control, origin_document_id)
       values (?, 3, 'FS', ?, ?, 'ABCD1234-1', '2025-03-14', '2025-03-14T09:00:00', 1, 'T1', 7, '999999990',
         'Consumidor final', 'D', 'D', 'D', 'PT', '0', '10.00', '1.30', '11.30', 'h', '1', ?)`,
    );
    doc.run(1, 1, 'FS T1F/1', null);
    doc.run(2, 2, 'FS T1F/2', 1);
    const tax = s.prepare(`insert into fiscal_tax values (?, ?, 'IVA', 'PT', ?, ?, null, null, ?, ?, ?)`);
    tax.run(1, 1, 'NOR', '23', '5.00', '1.15', '6.15');
    tax.run(1, 2, 'RED', '6', '5.00', '0.30', '5.30');
    tax.run(2, 1, 'NOR', '23', '1.00', '0.23', '1.23');
    s.prepare(`insert into fiscal_payment values (1, 1, 'cash', 'NU', '11.30', '2025-03-14')`).run();
    s.prepare(`insert into fiscal_payment values (1, 2, 'card', 'CC', '0.00', '2025-03-14')`).run();
    s.prepare(`insert into fiscal_info values (1, 1, 'Nº Encomenda', 'E-42')`).run();
    const dump = () =>
      ['fiscal_tax', 'fiscal_payment', 'fiscal_info'].map((t) =>
        s.prepare(`select * from ${t} order by document_id, seq`).all(),
      );
    const rowsBefore = dump();

    const after = await migrator.migrateToLatest();
    expect(after.error).toBeUndefined();
    expect(dump()).toEqual(rowsBefore);
    for (const t of ['fiscal_tax', 'fiscal_payment', 'fiscal_info']) {
      const ddl = (s.prepare(`select sql from sqlite_master where name = ?`).get(t) as { sql: string }).sql;
      expect(ddl).toMatch(/without rowid$/i);
      expect(() => s.prepare(`update ${t} set seq = seq`).run()).toThrow('fiscal records are immutable');
      expect(() => s.prepare(`delete from ${t}`).run()).toThrow('fiscal records are never deleted');
    }
    expect(s.pragma('foreign_key_check')).toEqual([]);
    const plan = s
      .prepare(`explain query plan select id from fiscal_document where origin_document_id = ?`)
      .all(1) as Array<{ detail: string }>;
    expect(plan.map((p) => p.detail).join(' ')).toContain('fiscal_document_origin');
    expect(s.prepare('select id from fiscal_document where origin_document_id = ?').all(1)).toEqual([
      { id: 2 },
    ]);
    db.close();
  });
});
