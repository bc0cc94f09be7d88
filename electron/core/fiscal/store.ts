import type { Db } from '../db/open';
import type { PreparedLine } from './lines';
import type { AmountLine, TaxGroupTotal } from '../../../shared/fiscal/amounts';

export interface DocumentRecord {
  seriesId: number;
  docType: string;
  number: number;
  docNo: string;
  atcud: string;
  date: string;
  systemEntryDate: string;
  training: boolean;
  terminalId: string;
  operatorId: number | null;
  customer: {
    id: number;
    nif: string;
    name: string;
    address: string;
    postalCode: string;
    city: string;
    country: string;
  };
  globalDiscountPct: string;
  netTotal: string;
  taxPayable: string;
  grossTotal: string;
  hash: string;
  hashControl: string;
  keyId: number | null;
  originDocumentId: number | null;
  originReason: string | null;
  transport: string | null;
  cashTendered: string | null;
}

export interface TaxRecord extends TaxGroupTotal {
  taxType: string;
  region: string;
  code: string;
  exemptionCode: string | null;
  exemptionReason: string | null;
}

/** Prepared INSERTs for one document (the hot path: prepared once, run inside the caller's transaction). */
export function createDocumentStore(db: Db) {
  const s = db.sqlite;
  const insDoc =
    s.prepare(`insert into fiscal_document (series_id, doc_type, number, doc_no, atcud, doc_date, system_entry_date,
    training, terminal_id, operator_id, customer_id, customer_nif, customer_name, customer_address, customer_postal_code,
    customer_city, customer_country, global_discount_pct, net_total, tax_payable, gross_total, hash, hash_control, key_id,
    origin_document_id, origin_reason, transport, cash_tendered)
    values (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`);
  const insLine =
    s.prepare(`insert into fiscal_line (document_id, line_no, article_id, product_code, product_type, description,
    quantity, unit, unit_price_gross, unit_price_net, discount_pct, gross_before_discount, gross, net, tax, discount_net,
    tax_type, tax_region, tax_code, tax_pct, exemption_code, exemption_reason, origin_line_id, origin_document_id)
    values (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`);
  const insTax =
    s.prepare(`insert into fiscal_tax (document_id, seq, tax_type, region, code, pct, exemption_code,
    exemption_reason, base, tax, gross) values (?,?,?,?,?,?,?,?,?,?,?)`);
  const insPay = s.prepare(
    'insert into fiscal_payment (document_id, seq, method, mechanism, amount, pay_date) values (?,?,?,?,?,?)',
  );
  const insInfo = s.prepare('insert into fiscal_info (document_id, seq, name, value) values (?,?,?,?)');

  return {
    insert(
      d: DocumentRecord,
      lines: readonly PreparedLine[],
      amounts: readonly AmountLine[],
      taxes: readonly TaxRecord[],
      payments: ReadonlyArray<{ method: string; mechanism: string; amount: string }>,
      info: ReadonlyArray<{ name: string; value: string }>,
    ): number {
      const c = d.customer;
      const id = Number(
        insDoc.run(
          d.seriesId,
          d.docType,
          d.number,
          d.docNo,
          d.atcud,
          d.date,
          d.systemEntryDate,
          d.training ? 1 : 0,
          d.terminalId,
          d.operatorId,
          c.id,
          c.nif,
          c.name,
          c.address,
          c.postalCode,
          c.city,
          c.country,
          d.globalDiscountPct,
          d.netTotal,
          d.taxPayable,
          d.grossTotal,
          d.hash,
          d.hashControl,
          d.keyId,
          d.originDocumentId,
          d.originReason,
          d.transport,
          d.cashTendered,
        ).lastInsertRowid,
      );
      lines.forEach((l, i) => {
        const a = amounts[i];
        insLine.run(
          id,
          i + 1,
          l.articleId,
          l.productCode,
          l.productType,
          l.description,
          l.quantity,
          l.unit,
          l.unitPriceGross,
          a.unitPriceNet,
          l.discountPct,
          a.grossBeforeDiscount,
          a.gross,
          a.net,
          a.tax,
          a.discountNet,
          l.taxType,
          l.taxRegion,
          l.taxCode,
          l.taxPct,
          l.exemptionCode,
          l.exemptionReason,
          l.originLineId,
          l.originDocumentId,
        );
      });
      taxes.forEach((t, i) => {
        insTax.run(
          id,
          i + 1,
          t.taxType,
          t.region,
          t.code,
          t.taxPct,
          t.exemptionCode,
          t.exemptionReason,
          t.base,
          t.tax,
          t.gross,
        );
      });
      payments.forEach((p, i) => insPay.run(id, i + 1, p.method, p.mechanism, p.amount, d.date));
      info.forEach((e, i) => insInfo.run(id, i + 1, e.name, e.value));
      return id;
    },
  };
}
