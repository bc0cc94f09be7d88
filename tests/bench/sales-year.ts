import type { Insertable } from 'kysely';
import type { Db } from '../../electron/core/db/open';
import type { FiscalDocumentTable, FiscalLineTable } from '../../electron/core/db/schema';

/**
 * Bench data only: a year of `docs` FS documents with two lines each, written straight into the fiscal tables
 * with Kysely multi-row inserts (no signing, no fiscal service: the report reads amounts, not signatures).
 * Amounts are exact 2-decimal strings computed in integer cents.
 */
export function seedSalesYear(db: Db, o: { docs: number; year: number }): { from: string; to: string } {
  const { k } = db;
  const series = db.get(k.selectFrom('fiscal_series').select(['id', 'code']).where('doc_type', '=', 'FS'))!;
  const customer = db.get(k.selectFrom('customer').select('id').orderBy('id'))!.id;
  const articles = db.all(
    k
      .selectFrom('article')
      .select(['id', 'code', 'name', 'product_type', 'tax_code'])
      .where('tax_code', '<>', 'ISE')
      .orderBy('id'),
  );
  const base = (db.get(k.selectFrom('fiscal_document').select((eb) => eb.fn.max('id').as('m')))?.m ?? 0) + 1;
  const money = (c: number) => `${Math.floor(c / 100)}.${String(c % 100).padStart(2, '0')}`;
  const day = (i: number) => {
    const d = new Date(Date.UTC(o.year, 0, 1 + Math.floor((i * 365) / o.docs)));
    return d.toISOString().slice(0, 10);
  };
  const BATCH = 400;
  db.tx(() => {
    for (let from = 0; from < o.docs; from += BATCH) {
      const docs: Insertable<FiscalDocumentTable>[] = [];
      const lines: Insertable<FiscalLineTable>[] = [];
      for (let i = from; i < Math.min(o.docs, from + BATCH); i++) {
        const id = base + i;
        const date = day(i);
        let net = 0;
        let tax = 0;
        for (let n = 1; n <= 2; n++) {
          const a = articles[(i * 7 + n * 13) % articles.length];
          const lineNet = 100 + ((i * 31 + n * 17) % 900);
          const lineTax = Math.round(lineNet * 0.23);
          net += lineNet;
          tax += lineTax;
          lines.push({
            document_id: id,
            line_no: n,
            article_id: a.id,
            product_code: a.code,
            product_type: a.product_type,
            description: a.name,
            quantity: '1',
            unit: 'UN',
            unit_price_gross: money(lineNet + lineTax),
            unit_price_net: money(lineNet),
            discount_pct: '0',
            gross_before_discount: money(lineNet + lineTax),
            gross: money(lineNet + lineTax),
            net: money(lineNet),
            tax: money(lineTax),
            discount_net: '0.00',
            tax_type: 'IVA',
            tax_region: 'PT',
            tax_code: 'NOR',
            tax_pct: '23',
            exemption_code: null,
            exemption_reason: null,
            origin_line_id: null,
            origin_document_id: null,
          });
        }
        const number = 1_000_000 + i;
        docs.push({
          id,
          series_id: series.id,
          doc_type: 'FS',
          number,
          doc_no: `FS ${series.code}/${number}`,
          atcud: `BENCH-${number}`,
          doc_date: date,
          system_entry_date: `${date}T${String(8 + (i % 12)).padStart(2, '0')}:00:00`,
          training: 1,
          terminal_id: 'T1',
          operator_id: 1 + (i % 2),
          customer_id: customer,
          customer_nif: '999999990',
          customer_name: 'Consumidor final',
          customer_address: 'Desconhecido',
          customer_postal_code: 'Desconhecido',
          customer_city: 'Desconhecido',
          customer_country: 'PT',
          global_discount_pct: '0',
          net_total: money(net),
          tax_payable: money(tax),
          gross_total: money(net + tax),
          hash: 'bench',
          hash_control: '1',
          key_id: null,
          origin_document_id: null,
          origin_reason: null,
          transport: null,
          cash_tendered: null,
        });
      }
      db.run(k.insertInto('fiscal_document').values(docs));
      db.run(k.insertInto('fiscal_line').values(lines));
    }
  });
  return { from: `${o.year}-01-01`, to: `${o.year}-12-31` };
}
