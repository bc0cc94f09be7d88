import { PosError } from '../../../../shared/errors';
import { Dec } from '../../../../shared/money';
import type { Sqlite } from '../../db/open';
import { FREE_LINE_PRODUCT } from '../lines';
import { esc } from './encoding';
import { saftPeriod } from './period';
import { ChunkWriter } from './writer';
import { SAFT_CUSTOMER_ID } from './customer-id';
import { findOrderReference } from '../../integrations/ilink/codec/order-reference';

export interface SaftOptions {
  from: string;
  to: string;
  out: string;
  /** Export training (formação) documents instead of production ones. */
  training: boolean;
  productVersion: string;
  /** NIF of the software producer (Header/ProductCompanyTaxID); configurable, defaults to the company NIF. */
  productCompanyTaxId?: string;
  /** "Product/Producer" (Header/ProductID, pattern `[^/]+/[^/]+`). */
  productId?: string;
  /** DateCreated; defaults to today. */
  today?: string;
  /** Documents written so far of the period's total, every PROGRESS_EVERY documents and at the end. */
  onProgress?: (done: number, total: number) => void;
}

const PROGRESS_EVERY = 250;

export interface SaftResult {
  file: string;
  bytes: number;
  invoices: number;
  movements: number;
  payments: number;
  /** About the period (see period.ts), for the user; the file is written either way. */
  warnings: string[];
}

const SALES = `('FT','FS','FR','NC','ND')`;
const MOVES = `('GT','GR')`;

interface CompanyRow {
  name: string;
  nif: string;
  address: string;
  postal_code: string;
  city: string;
  country: string;
  certificate_number: string;
  software_name: string;
}

type DocRow = {
  id: number;
  doc_type: string;
  doc_no: string;
  atcud: string;
  doc_date: string;
  system_entry_date: string;
  operator_id: number | null;
  /** The customer's SAF-T CustomerID (its code, see customer-id.ts), never its row id. */
  customer_saft_id: string;
  net_total: string;
  tax_payable: string;
  gross_total: string;
  hash: string;
  hash_control: string;
  origin_reason: string | null;
  origin_doc_no: string | null;
  transport: string | null;
  status: 'A' | null;
  status_at: string | null;
  status_reason: string | null;
};

type LineRow = {
  line_no: number;
  product_code: string;
  description: string;
  quantity: string;
  unit: string;
  unit_price_net: string;
  net: string;
  discount_net: string;
  tax_type: string;
  tax_region: string;
  tax_code: string;
  tax_pct: string;
  exemption_code: string | null;
  exemption_reason: string | null;
  origin_doc_no: string | null;
  origin_date: string | null;
};

const el = (name: string, v: string | number): string => `<${name}>${esc(String(v))}</${name}>`;
const pct = (v: string): string => (v.includes('.') ? v : `${v}.00`);

/**
 * SAF-T (PT) 1.04_01 export (Portaria 302/2016; fiscal-pt.md §1), streamed: rows are read with cursors and
 * written in ~256 KB chunks, so memory stays flat as the data grows. Synchronous on purpose — run it in a
 * worker thread with a read-only connection (see saft/worker.ts) to keep the till responsive.
 * Control totals come from SQL over integer cents (exact), before the documents are written.
 */
export function exportSaft(sqlite: Sqlite, o: SaftOptions): SaftResult {
  const period = saftPeriod(o.from, o.to);
  const company = sqlite.prepare('select * from company where id = 1').get() as CompanyRow | undefined;
  if (!company) throw new PosError('NOT_FOUND', 'Não há empresa configurada nesta pasta de dados.');
  const tr = o.training ? 1 : 0;
  const range = [o.from, o.to, tr] as const;
  const inRange = `d.doc_date between ? and ? and d.training = ?`;
  const w = new ChunkWriter(o.out);
  try {
    const { total } = sqlite
      .prepare(`select count(*) as total from fiscal_document d where ${inRange}`)
      .get(...range) as { total: number };
    let done = 0;
    const tick = (): void => {
      done++;
      if (o.onProgress && done % PROGRESS_EVERY === 0) o.onProgress(done, total);
    };
    o.onProgress?.(0, total);
    const today = o.today ?? new Date().toISOString().slice(0, 10);
    w.write('<?xml version="1.0" encoding="Windows-1252"?>\n');
    w.write('<AuditFile xmlns="urn:OECD:StandardAuditFile-Tax:PT_1.04_01">\n<Header>');
    w.write(
      el('AuditFileVersion', '1.04_01') +
        el('CompanyID', company.nif) +
        el('TaxRegistrationNumber', company.nif),
    );
    w.write(el('TaxAccountingBasis', 'F') + el('CompanyName', company.name));
    w.write(
      `<CompanyAddress>${el('AddressDetail', company.address)}${el('City', company.city)}${el('PostalCode', company.postal_code)}${el('Country', company.country)}</CompanyAddress>`,
    );
    w.write(
      el('FiscalYear', period.fiscalYear) +
        el('StartDate', period.startDate) +
        el('EndDate', period.endDate) +
        el('CurrencyCode', 'EUR'),
    );
    w.write(el('DateCreated', today) + el('TaxEntity', 'Global'));
    w.write(el('ProductCompanyTaxID', o.productCompanyTaxId ?? company.nif));
    w.write(el('SoftwareCertificateNumber', Number(company.certificate_number) || 0));
    w.write(
      el('ProductID', o.productId ?? `${company.software_name}/${company.software_name}`) +
        el('ProductVersion', o.productVersion),
    );
    if (o.training) w.write(el('HeaderComment', 'Documentos emitidos para fins de Formação'));
    w.write('</Header>\n<MasterFiles>\n');

    // Customers referenced in the period.
    const customers = sqlite.prepare(
      `select c.*, ${SAFT_CUSTOMER_ID} as saft_id from customer c where c.id in (select distinct d.customer_id from fiscal_document d where ${inRange}) order by c.id`,
    );
    for (const c of customers.iterate(...range) as IterableIterator<{
      saft_id: string;
      nif: string;
      name: string;
      address: string;
      postal_code: string;
      city: string;
      country: string;
    }>) {
      w.write(
        `<Customer>${el('CustomerID', c.saft_id)}${el('AccountID', 'Desconhecido')}${el('CustomerTaxID', c.nif || '999999990')}${el('CompanyName', c.name)}` +
          `<BillingAddress>${el('AddressDetail', c.address || 'Desconhecido')}${el('City', c.city || 'Desconhecido')}${el('PostalCode', c.postal_code || 'Desconhecido')}${el('Country', c.country || 'Desconhecido')}</BillingAddress>` +
          `${el('SelfBillingIndicator', 0)}</Customer>\n`,
      );
    }
    // Products referenced in the period (ProductDescription is locked once used: Despacho 3.3.5).
    const products = sqlite.prepare(
      `select l.product_code, min(l.product_type) as product_type, min(l.description) as description, a.name as article_name, a.barcode
       from fiscal_line l join fiscal_document d on d.id = l.document_id left join article a on a.code = l.product_code
       where ${inRange} and d.doc_type <> 'RG' group by l.product_code order by l.product_code`,
    );
    for (const p of products.iterate(...range) as IterableIterator<{
      product_code: string;
      product_type: string;
      description: string;
      article_name: string | null;
      barcode: string | null;
    }>) {
      const desc =
        p.product_code === FREE_LINE_PRODUCT.code
          ? FREE_LINE_PRODUCT.description
          : (p.article_name ?? p.description);
      w.write(
        `<Product>${el('ProductType', p.product_type)}${el('ProductCode', p.product_code)}${el('ProductDescription', desc.padEnd(2, '.'))}${el('ProductNumberCode', p.barcode ?? p.product_code)}</Product>\n`,
      );
    }
    // Tax table: every rate used in the period.
    const taxes = sqlite
      .prepare(
        `select distinct l.tax_region, l.tax_code, l.tax_pct from fiscal_line l join fiscal_document d on d.id = l.document_id
       where ${inRange} and d.doc_type <> 'RG' order by l.tax_region, l.tax_code, l.tax_pct`,
      )
      .all(...range) as Array<{ tax_region: string; tax_code: string; tax_pct: string }>;
    if (taxes.length) {
      w.write('<TaxTable>');
      for (const t of taxes) {
        const desc =
          t.tax_code === 'ISE'
            ? 'Isento'
            : ({ NOR: 'Taxa normal', INT: 'Taxa intermédia', RED: 'Taxa reduzida' }[t.tax_code] ??
              t.tax_code);
        w.write(
          `<TaxTableEntry>${el('TaxType', 'IVA')}${el('TaxCountryRegion', t.tax_region)}${el('TaxCode', t.tax_code)}${el('Description', desc)}${el('TaxPercentage', pct(t.tax_pct))}</TaxTableEntry>`,
        );
      }
      w.write('</TaxTable>\n');
    }
    w.write('</MasterFiles>\n<SourceDocuments>\n');

    const docSql = (
      types: string,
    ) => `select d.id, d.doc_type, d.doc_no, d.atcud, d.doc_date, d.system_entry_date, d.operator_id,
      ${SAFT_CUSTOMER_ID} as customer_saft_id, d.net_total, d.tax_payable, d.gross_total, d.hash, d.hash_control, d.origin_reason, od.doc_no as origin_doc_no,
      d.transport, st.status, st.at as status_at, st.reason as status_reason
      from fiscal_document d join customer c on c.id = d.customer_id
      left join fiscal_status st on st.document_id = d.id left join fiscal_document od on od.id = d.origin_document_id
      where ${inRange} and d.doc_type in ${types} order by d.doc_type, d.series_id, d.number`;
    const selLines = sqlite.prepare(
      `select l.line_no, l.product_code, l.description, l.quantity, l.unit, l.unit_price_net, l.net, l.discount_net, l.tax_type,
       l.tax_region, l.tax_code, l.tax_pct, l.exemption_code, l.exemption_reason, od.doc_no as origin_doc_no, od.doc_date as origin_date
       from fiscal_line l left join fiscal_document od on od.id = l.origin_document_id where l.document_id = ? order by l.line_no`,
    );
    // The customer's order number (fiscal_info "N.º Encomenda" and its spellings, see order-reference.ts):
    // Line/OrderReferences/OriginatingON, right after LineNumber as the XSD orders it (≤ 60 characters).
    const selInfo = sqlite.prepare('select name, value from fiscal_info where document_id = ? order by seq');
    const orderRefOf = (id: number): string => {
      const e = findOrderReference(selInfo.all(id) as Array<{ name: string; value: string }>);
      return e
        ? `<OrderReferences>${el('OriginatingON', e.value.trim().slice(0, 60))}</OrderReferences>`
        : '';
    };
    // An FT line that invoices a GT/GR line (fiscal/guide-invoicing.ts): one more OrderReferences, the guide's
    // number and date (fiscal-pt.md §7.1: an FT from a GT references it), after the customer's order number.
    const guideRefOf = (l: LineRow): string =>
      l.origin_doc_no
        ? `<OrderReferences>${el('OriginatingON', l.origin_doc_no)}${el('OrderDate', l.origin_date ?? '')}</OrderReferences>`
        : '';
    const selPays = sqlite.prepare(
      'select mechanism, amount, pay_date from fiscal_payment where document_id = ? order by seq',
    );
    const totals = (types: string, debitTypes: string) =>
      sqlite
        .prepare(
          `select count(*) as n,
           coalesce(sum(case when st.status is null and d.doc_type in ${debitTypes} then cast(round(d.net_total * 100) as integer) end), 0) as debit,
           coalesce(sum(case when st.status is null and d.doc_type not in ${debitTypes} then cast(round(d.net_total * 100) as integer) end), 0) as credit
           from fiscal_document d left join fiscal_status st on st.document_id = d.id where ${inRange} and d.doc_type in ${types}`,
        )
        .get(...range) as { n: number; debit: number; credit: number };
    const money = (cents: number): string => (cents / 100).toFixed(2);
    const sourceId = (d: DocRow): string => (d.operator_id === null ? 'Sistema' : String(d.operator_id));
    const status = (d: DocRow, tag: string, source: string): string =>
      `<DocumentStatus>${el(`${tag}Status`, d.status ?? 'N')}${el(`${tag}StatusDate`, d.status_at ?? d.system_entry_date)}${d.status_reason ? el('Reason', d.status_reason) : ''}${el('SourceID', sourceId(d))}${el(source, 'P')}</DocumentStatus>`;
    const taxXml = (l: LineRow): string =>
      `<Tax>${el('TaxType', l.tax_type)}${el('TaxCountryRegion', l.tax_region)}${el('TaxCode', l.tax_code)}${el('TaxPercentage', pct(l.tax_pct))}</Tax>` +
      (l.exemption_code
        ? el('TaxExemptionReason', l.exemption_reason ?? '') + el('TaxExemptionCode', l.exemption_code)
        : '');

    // SalesInvoices
    const si = totals(SALES, `('NC')`);
    w.write(
      `<SalesInvoices>${el('NumberOfEntries', si.n)}${el('TotalDebit', money(si.debit))}${el('TotalCredit', money(si.credit))}\n`,
    );
    for (const d of sqlite.prepare(docSql(SALES)).iterate(...range) as IterableIterator<DocRow>) {
      let x = `<Invoice>${el('InvoiceNo', d.doc_no)}${el('ATCUD', d.atcud)}${status(d, 'Invoice', 'SourceBilling')}${el('Hash', d.hash)}${el('HashControl', d.hash_control)}`;
      x += `${el('Period', Number(d.doc_date.slice(5, 7)))}${el('InvoiceDate', d.doc_date)}${el('InvoiceType', d.doc_type)}`;
      x += `<SpecialRegimes><SelfBillingIndicator>0</SelfBillingIndicator><CashVATSchemeIndicator>0</CashVATSchemeIndicator><ThirdPartiesBillingIndicator>0</ThirdPartiesBillingIndicator></SpecialRegimes>`;
      x += `${el('SourceID', sourceId(d))}${el('SystemEntryDate', d.system_entry_date)}${el('CustomerID', d.customer_saft_id)}\n`;
      const debit = d.doc_type === 'NC';
      const orderRef = orderRefOf(d.id);
      for (const l of selLines.all(d.id) as LineRow[]) {
        x += `<Line>${el('LineNumber', l.line_no)}${orderRef}${d.doc_type === 'FT' ? guideRefOf(l) : ''}${el('ProductCode', l.product_code)}${el('ProductDescription', l.description.padEnd(2, '.'))}${el('Quantity', l.quantity)}${el('UnitOfMeasure', l.unit)}${el('UnitPrice', l.unit_price_net)}${el('TaxPointDate', d.doc_date)}`;
        if (d.origin_doc_no)
          x += `<References>${el('Reference', d.origin_doc_no)}${el('Reason', d.origin_reason ?? '')}</References>`;
        x += `${el('Description', l.description)}${el(debit ? 'DebitAmount' : 'CreditAmount', l.net)}${taxXml(l)}`;
        if (l.discount_net !== '0.00') x += el('SettlementAmount', l.discount_net);
        x += '</Line>\n';
      }
      x += `<DocumentTotals>${el('TaxPayable', d.tax_payable)}${el('NetTotal', d.net_total)}${el('GrossTotal', d.gross_total)}`;
      for (const p of selPays.all(d.id) as Array<{
        mechanism: string;
        amount: string;
        pay_date: string;
      }>) {
        x += `<Payment>${el('PaymentMechanism', p.mechanism)}${el('PaymentAmount', p.amount)}${el('PaymentDate', p.pay_date)}</Payment>`;
      }
      w.write(`${x}</DocumentTotals></Invoice>\n`);
      tick();
    }
    w.write('</SalesInvoices>\n');

    // MovementOfGoods (GT/GR): every guide of the period; the control totals leave cancelled ones out
    // (Portaria 302/2016 4.2.1–4.2.2), summed exactly (quantities are decimals: weighed goods).
    const mgCount = sqlite
      .prepare(`select count(*) as n from fiscal_document d where ${inRange} and d.doc_type in ${MOVES}`)
      .get(...range) as { n: number };
    if (mgCount.n > 0) {
      let lines = 0;
      let qty = new Dec(0);
      for (const r of sqlite
        .prepare(
          `select l.quantity from fiscal_line l join fiscal_document d on d.id = l.document_id left join fiscal_status st on st.document_id = d.id
           where ${inRange} and d.doc_type in ${MOVES} and st.status is null`,
        )
        .iterate(...range) as IterableIterator<{ quantity: string }>) {
        lines++;
        qty = qty.plus(r.quantity);
      }
      w.write(
        `<MovementOfGoods>${el('NumberOfMovementLines', lines)}${el('TotalQuantityIssued', qty.toFixed())}\n`,
      );
      // The AT code (0690-guides) may be missing in a database not yet migrated (SAF-T opens it read-only).
      const hasAtCodes =
        sqlite
          .prepare(`select 1 from sqlite_master where type = 'table' and name = 'movement_at_code'`)
          .get() !== undefined;
      const selAtCode = hasAtCodes
        ? sqlite.prepare('select code from movement_at_code where document_id = ? order by id desc limit 1')
        : null;
      // The FTs that invoice a guide (their lines name its lines: fiscal/guide-invoicing.ts), for its status.
      const selInvoicedBy = sqlite.prepare(
        `select inv.doc_no, inv.system_entry_date, inv.operator_id, st.at as cancelled_at, st.operator_id as cancelled_by
         from fiscal_document inv left join fiscal_status st on st.document_id = inv.id
         where inv.doc_type = 'FT' and inv.id in (select l.document_id from fiscal_line l where l.origin_document_id = ?)
         order by inv.id`,
      );
      const movementStatus = (d: DocRow): string => {
        if (d.status === 'A') return status(d, 'Movement', 'SourceBilling');
        const inv = selInvoicedBy.all(d.id) as Array<{
          doc_no: string;
          system_entry_date: string;
          operator_id: number | null;
          cancelled_at: string | null;
          cancelled_by: number | null;
        }>;
        if (!inv.length) return status(d, 'Movement', 'SourceBilling');
        const who = (id: number | null): string => (id === null ? 'Sistema' : String(id));
        const live = inv.find((i) => i.cancelled_at === null);
        // F while an FT invoicing it stands (the date and author of that FT); back to N when it is cancelled
        // (the date and author of the cancellation: the last status change).
        const last = inv.reduce((a, i) => (i.cancelled_at! > a.cancelled_at! ? i : a));
        const [st, at, src, reason] = live
          ? ['F', live.system_entry_date, who(live.operator_id), `Faturada: ${live.doc_no}`]
          : ['N', last.cancelled_at!, who(last.cancelled_by), `Fatura anulada: ${last.doc_no}`];
        return `<DocumentStatus>${el('MovementStatus', st)}${el('MovementStatusDate', at)}${el('Reason', reason.slice(0, 50))}${el('SourceID', src)}${el('SourceBilling', 'P')}</DocumentStatus>`;
      };
      const selWarehouse = sqlite.prepare('select code from warehouse where id = ?');
      const warehouseCode = (id: number | null | undefined): string | null =>
        id ? ((selWarehouse.get(id) as { code: string } | undefined)?.code ?? null) : null;
      for (const d of sqlite.prepare(docSql(MOVES)).iterate(...range) as IterableIterator<DocRow>) {
        const t = JSON.parse(d.transport ?? '{}') as {
          loadFrom?: Addr;
          deliverTo?: Addr;
          startTime?: string;
          endTime?: string | null;
          ownGoods?: boolean;
          fromWarehouseId?: number | null;
          toWarehouseId?: number | null;
        };
        const atCode = (selAtCode?.get(d.id) as { code: string } | undefined)?.code;
        let x = `<StockMovement>${el('DocumentNumber', d.doc_no)}${el('ATCUD', d.atcud)}${movementStatus(d)}${el('Hash', d.hash)}${el('HashControl', d.hash_control)}`;
        x += `${el('Period', Number(d.doc_date.slice(5, 7)))}${el('MovementDate', d.doc_date)}${el('MovementType', d.doc_type)}${el('SystemEntryDate', d.system_entry_date)}`;
        x += `${el('CustomerID', d.customer_saft_id)}${el('SourceID', sourceId(d))}`;
        // Own goods: the warehouses the goods leave and reach (ShipFrom/ShipTo WarehouseID).
        const toWh = t.ownGoods ? warehouseCode(t.toWarehouseId) : null;
        const fromWh = t.ownGoods ? warehouseCode(t.fromWarehouseId ?? 1) : null;
        if (t.deliverTo) x += `<ShipTo>${toWh ? el('WarehouseID', toWh) : ''}${addr(t.deliverTo)}</ShipTo>`;
        if (t.loadFrom)
          x += `<ShipFrom>${fromWh ? el('WarehouseID', fromWh) : ''}${addr(t.loadFrom)}</ShipFrom>`;
        if (t.endTime) x += el('MovementEndTime', t.endTime);
        x += el('MovementStartTime', t.startTime ?? d.system_entry_date);
        if (atCode) x += el('ATDocCodeID', atCode);
        x += '\n';
        for (const l of selLines.all(d.id) as LineRow[]) {
          x += `<Line>${el('LineNumber', l.line_no)}${el('ProductCode', l.product_code)}${el('ProductDescription', l.description.padEnd(2, '.'))}${el('Quantity', l.quantity)}${el('UnitOfMeasure', l.unit)}${el('UnitPrice', l.unit_price_net)}`;
          x += `${el('Description', l.description)}${el('CreditAmount', l.net)}${taxXml(l)}</Line>\n`;
        }
        w.write(
          `${x}<DocumentTotals>${el('TaxPayable', d.tax_payable)}${el('NetTotal', d.net_total)}${el('GrossTotal', d.gross_total)}</DocumentTotals></StockMovement>\n`,
        );
        tick();
      }
      w.write('</MovementOfGoods>\n');
    }

    // Payments (receipts: not signed, no Hash)
    const py = totals(`('RG')`, `('none')`);
    if (py.n > 0) {
      w.write(
        `<Payments>${el('NumberOfEntries', py.n)}${el('TotalDebit', money(py.debit))}${el('TotalCredit', money(py.credit))}\n`,
      );
      for (const d of sqlite.prepare(docSql(`('RG')`)).iterate(...range) as IterableIterator<DocRow>) {
        let x = `<Payment>${el('PaymentRefNo', d.doc_no)}${el('ATCUD', d.atcud)}${el('Period', Number(d.doc_date.slice(5, 7)))}${el('TransactionDate', d.doc_date)}${el('PaymentType', 'RG')}`;
        x += status(d, 'Payment', 'SourcePayment');
        for (const p of selPays.all(d.id) as Array<{
          mechanism: string;
          amount: string;
          pay_date: string;
        }>) {
          x += `<PaymentMethod>${el('PaymentMechanism', p.mechanism)}${el('PaymentAmount', p.amount)}${el('PaymentDate', p.pay_date)}</PaymentMethod>`;
        }
        x += `${el('SourceID', sourceId(d))}${el('SystemEntryDate', d.system_entry_date)}${el('CustomerID', d.customer_saft_id)}\n`;
        for (const l of selLines.all(d.id) as LineRow[]) {
          x += `<Line>${el('LineNumber', l.line_no)}<SourceDocumentID>${el('OriginatingON', l.origin_doc_no ?? '')}${el('InvoiceDate', l.origin_date ?? d.doc_date)}</SourceDocumentID>${el('CreditAmount', l.net)}</Line>\n`;
        }
        w.write(
          `${x}<DocumentTotals>${el('TaxPayable', d.tax_payable)}${el('NetTotal', d.net_total)}${el('GrossTotal', d.gross_total)}</DocumentTotals></Payment>\n`,
        );
        tick();
      }
      w.write('</Payments>\n');
    }
    w.write('</SourceDocuments>\n</AuditFile>\n');
    w.close();
    o.onProgress?.(total, total);
    return {
      file: o.out,
      bytes: w.bytes,
      invoices: si.n,
      movements: mgCount.n,
      payments: py.n,
      warnings: period.warnings,
    };
  } catch (e) {
    w.abort();
    throw e;
  }
}

interface Addr {
  address: string;
  city: string;
  postalCode: string;
  country: string;
}

const addr = (a: Addr): string =>
  `<Address>${el('AddressDetail', a.address)}${el('City', a.city)}${el('PostalCode', a.postalCode)}${el('Country', a.country)}</Address>`;
