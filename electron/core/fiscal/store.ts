import type { Db } from '../db/open';
import type {
  FiscalDocumentTable,
  FiscalInfoTable,
  FiscalLineTable,
  FiscalPaymentTable,
  FiscalTaxTable,
} from '../db/schema';
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

/** Rows exactly as stored (column names and values), so the read model can be built without reading back. */
export type DocumentRow = Omit<FiscalDocumentTable, 'id'> & { id: number };
export type LineRow = Omit<FiscalLineTable, 'id'> & { id: number };
export type TaxRow = FiscalTaxTable;
export type PaymentRow = FiscalPaymentTable;
export type InfoRow = FiscalInfoTable;

export interface WrittenDocument {
  doc: DocumentRow;
  lines: LineRow[];
  taxes: TaxRow[];
  payments: PaymentRow[];
  info: InfoRow[];
}

const DOC_COLUMNS = [
  'series_id',
  'doc_type',
  'number',
  'doc_no',
  'atcud',
  'doc_date',
  'system_entry_date',
  'training',
  'terminal_id',
  'operator_id',
  'customer_id',
  'customer_nif',
  'customer_name',
  'customer_address',
  'customer_postal_code',
  'customer_city',
  'customer_country',
  'global_discount_pct',
  'net_total',
  'tax_payable',
  'gross_total',
  'hash',
  'hash_control',
  'key_id',
  'origin_document_id',
  'origin_reason',
  'transport',
  'cash_tendered',
] as const satisfies ReadonlyArray<keyof DocumentRow>;
const LINE_COLUMNS = [
  'document_id',
  'line_no',
  'article_id',
  'product_code',
  'product_type',
  'description',
  'quantity',
  'unit',
  'unit_price_gross',
  'unit_price_net',
  'discount_pct',
  'gross_before_discount',
  'gross',
  'net',
  'tax',
  'discount_net',
  'tax_type',
  'tax_region',
  'tax_code',
  'tax_pct',
  'exemption_code',
  'exemption_reason',
  'origin_line_id',
  'origin_document_id',
] as const satisfies ReadonlyArray<keyof LineRow>;
const TAX_COLUMNS = [
  'document_id',
  'seq',
  'tax_type',
  'region',
  'code',
  'pct',
  'exemption_code',
  'exemption_reason',
  'base',
  'tax',
  'gross',
] as const satisfies ReadonlyArray<keyof TaxRow>;
const PAY_COLUMNS = [
  'document_id',
  'seq',
  'method',
  'mechanism',
  'amount',
  'pay_date',
] as const satisfies ReadonlyArray<keyof PaymentRow>;
const INFO_COLUMNS = ['document_id', 'seq', 'name', 'value'] as const satisfies ReadonlyArray<keyof InfoRow>;

/** Prepared INSERTs for one document (the hot path: prepared once, run inside the caller's transaction). */
export function createDocumentStore(db: Db) {
  const s = db.sqlite;
  // Each row object is built once and its values bound in column order (positional binding is cheaper than
  // named): what is returned is exactly what was written.
  const insert = (table: string, columns: readonly string[]) =>
    s.prepare(`insert into ${table} (${columns.join(', ')}) values (${columns.map(() => '?').join(', ')})`);
  const insDoc = insert('fiscal_document', DOC_COLUMNS);
  const insLine = insert('fiscal_line', LINE_COLUMNS);
  const insTax = insert('fiscal_tax', TAX_COLUMNS);
  const insPay = insert('fiscal_payment', PAY_COLUMNS);
  const insInfo = insert('fiscal_info', INFO_COLUMNS);

  return {
    /** Inserts one document with its rows (inside the caller's transaction) and returns them as stored. */
    insert(
      d: DocumentRecord,
      lines: readonly PreparedLine[],
      amounts: readonly AmountLine[],
      taxes: readonly TaxRecord[],
      payments: ReadonlyArray<{ method: string; mechanism: string; amount: string }>,
      info: ReadonlyArray<{ name: string; value: string }>,
    ): WrittenDocument {
      const c = d.customer;
      const doc: DocumentRow = {
        id: 0,
        series_id: d.seriesId,
        doc_type: d.docType,
        number: d.number,
        doc_no: d.docNo,
        atcud: d.atcud,
        doc_date: d.date,
        system_entry_date: d.systemEntryDate,
        training: d.training ? 1 : 0,
        terminal_id: d.terminalId,
        operator_id: d.operatorId,
        customer_id: c.id,
        customer_nif: c.nif,
        customer_name: c.name,
        customer_address: c.address,
        customer_postal_code: c.postalCode,
        customer_city: c.city,
        customer_country: c.country,
        global_discount_pct: d.globalDiscountPct,
        net_total: d.netTotal,
        tax_payable: d.taxPayable,
        gross_total: d.grossTotal,
        hash: d.hash,
        hash_control: d.hashControl,
        key_id: d.keyId,
        origin_document_id: d.originDocumentId,
        origin_reason: d.originReason,
        transport: d.transport,
        cash_tendered: d.cashTendered,
      };
      const id = Number(insDoc.run(...DOC_COLUMNS.map((k) => doc[k])).lastInsertRowid);
      doc.id = id;
      const lineRows = lines.map((l, i): LineRow => {
        const a = amounts[i];
        const row: LineRow = {
          id: 0,
          document_id: id,
          line_no: i + 1,
          article_id: l.articleId,
          product_code: l.productCode,
          product_type: l.productType,
          description: l.description,
          quantity: l.quantity,
          unit: l.unit,
          unit_price_gross: l.unitPriceGross,
          unit_price_net: a.unitPriceNet,
          discount_pct: l.discountPct,
          gross_before_discount: a.grossBeforeDiscount,
          gross: a.gross,
          net: a.net,
          tax: a.tax,
          discount_net: a.discountNet,
          tax_type: l.taxType,
          tax_region: l.taxRegion,
          tax_code: l.taxCode,
          tax_pct: l.taxPct,
          exemption_code: l.exemptionCode,
          exemption_reason: l.exemptionReason,
          origin_line_id: l.originLineId,
          origin_document_id: l.originDocumentId,
        };
        row.id = Number(insLine.run(...LINE_COLUMNS.map((k) => row[k])).lastInsertRowid);
        return row;
      });
      const taxRows = taxes.map((t, i): TaxRow => {
        const row: TaxRow = {
          document_id: id,
          seq: i + 1,
          tax_type: t.taxType,
          region: t.region,
          code: t.code,
          pct: t.taxPct,
          exemption_code: t.exemptionCode,
          exemption_reason: t.exemptionReason,
          base: t.base,
          tax: t.tax,
          gross: t.gross,
        };
        insTax.run(...TAX_COLUMNS.map((k) => row[k]));
        return row;
      });
      const payRows = payments.map((p, i): PaymentRow => {
        const row: PaymentRow = {
          document_id: id,
          seq: i + 1,
          method: p.method,
          mechanism: p.mechanism,
          amount: p.amount,
          pay_date: d.date,
        };
        insPay.run(...PAY_COLUMNS.map((k) => row[k]));
        return row;
      });
      const infoRows = info.map((e, i): InfoRow => {
        const row: InfoRow = { document_id: id, seq: i + 1, name: e.name, value: e.value };
        insInfo.run(...INFO_COLUMNS.map((k) => row[k]));
        return row;
      });
      return { doc, lines: lineRows, taxes: taxRows, payments: payRows, info: infoRows };
    },
  };
}
