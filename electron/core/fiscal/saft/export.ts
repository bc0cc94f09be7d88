import { PosError } from '../../../../shared/errors';
import { Dec } from '../../../../shared/money';
import type { Db } from '../../db/open';
import { FREE_LINE_PRODUCT } from '../lines';
import { createLineFragments, el, pct } from './fragments';
import { productsAndTaxes } from './master-files';
import { saftPeriod } from './period';
import { ChunkWriter } from './writer';
import { findOrderReference } from '../../integrations/ilink/codec/order-reference';
import {
  createSaftQueries,
  docOf,
  lineOf,
  type SaftDocRow as DocRow,
  type SaftLineRow as LineRow,
  type SaftRange,
} from './queries';

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

/**
 * SAF-T (PT) 1.04_01 export (Portaria 302/2016; fiscal-pt.md §1), streamed: rows are read with cursors and
 * written in ~256 KB chunks, so memory stays flat as the data grows. Synchronous on purpose — run it in a
 * worker thread with a read-only connection (see saft/worker.ts) to keep the till responsive.
 * Control totals come from SQL over integer cents (exact), before the documents are written.
 */
export function exportSaft(db: Db, o: SaftOptions): SaftResult {
  const period = saftPeriod(o.from, o.to);
  const q = createSaftQueries(db);
  const company = q.company().get();
  if (!company) throw new PosError('NOT_FOUND', 'Não há empresa configurada nesta pasta de dados.');
  const range: SaftRange = { from: o.from, to: o.to, training: o.training ? 1 : 0 };
  const w = new ChunkWriter(o.out);
  try {
    const total = q.count().get(range)?.total ?? 0;
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
    for (const c of q.customers().all(range)) {
      w.write(
        `<Customer>${el('CustomerID', c.saft_id)}${el('AccountID', 'Desconhecido')}${el('CustomerTaxID', c.nif || '999999990')}${el('CompanyName', c.name)}` +
          `<BillingAddress>${el('AddressDetail', c.address || 'Desconhecido')}${el('City', c.city || 'Desconhecido')}${el('PostalCode', c.postal_code || 'Desconhecido')}${el('Country', c.country || 'Desconhecido')}</BillingAddress>` +
          `${el('SelfBillingIndicator', 0)}</Customer>\n`,
      );
    }
    const master = productsAndTaxes(q.lineGroups().all(range));
    // Products referenced in the period (ProductDescription is locked once used: Despacho 3.3.5).
    for (const p of master.products) {
      const desc =
        p.product_code === FREE_LINE_PRODUCT.code
          ? FREE_LINE_PRODUCT.description
          : (p.article_name ?? p.description);
      w.write(
        `<Product>${el('ProductType', p.product_type)}${el('ProductCode', p.product_code)}${el('ProductDescription', desc.padEnd(2, '.'))}${el('ProductNumberCode', p.barcode ?? p.product_code)}</Product>\n`,
      );
    }
    // Tax table: every rate used in the period.
    const taxes = master.taxes;
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

    const lines = q.lines();
    const linesOf = (id: number): LineRow[] => lines.all({ id }).map(lineOf);
    // The customer's order number (fiscal_info "N.º Encomenda" and its spellings, see order-reference.ts):
    // Line/OrderReferences/OriginatingON, right after LineNumber as the XSD orders it (≤ 60 characters).
    const info = q.info();
    // An FT line that invoices a GT/GR line (fiscal/guide-invoicing.ts): one more OrderReferences, the guide's
    // number and date (fiscal-pt.md §7.1: an FT from a GT references it), after the customer's order number.
    const guideRefOf = (l: LineRow): string =>
      l.origin_doc_no
        ? `<OrderReferences>${el('OriginatingON', l.origin_doc_no)}${el('OrderDate', l.origin_date ?? '')}</OrderReferences>`
        : '';
    const orderRefOf = (id: number): string => {
      const e = findOrderReference(info.all({ id }));
      return e
        ? `<OrderReferences>${el('OriginatingON', e.value.trim().slice(0, 60))}</OrderReferences>`
        : '';
    };
    const pays = q.payments();
    const money = (cents: number): string => (cents / 100).toFixed(2);
    const sourceId = (d: DocRow): string => (d.operator_id === null ? 'Sistema' : String(d.operator_id));
    const status = (d: DocRow, tag: string, source: string): string =>
      `<DocumentStatus>${el(`${tag}Status`, d.status ?? 'N')}${el(`${tag}StatusDate`, d.status_at ?? d.system_entry_date)}${d.status_reason ? el('Reason', d.status_reason) : ''}${el('SourceID', sourceId(d))}${el(source, 'P')}</DocumentStatus>`;
    const part = createLineFragments();

    // SalesInvoices
    const si = q.salesTotals().get(range) ?? { n: 0, debit: 0, credit: 0 };
    w.write(
      `<SalesInvoices>${el('NumberOfEntries', si.n)}${el('TotalDebit', money(si.debit))}${el('TotalCredit', money(si.credit))}\n`,
    );
    for (const r of q.sales().iterate(range)) {
      const d = docOf(r);
      let x = `<Invoice>${el('InvoiceNo', d.doc_no)}${el('ATCUD', d.atcud)}${status(d, 'Invoice', 'SourceBilling')}${el('Hash', d.hash)}${el('HashControl', d.hash_control)}`;
      x += `${el('Period', Number(d.doc_date.slice(5, 7)))}${el('InvoiceDate', d.doc_date)}${el('InvoiceType', d.doc_type)}`;
      x += `<SpecialRegimes><SelfBillingIndicator>0</SelfBillingIndicator><CashVATSchemeIndicator>0</CashVATSchemeIndicator><ThirdPartiesBillingIndicator>0</ThirdPartiesBillingIndicator></SpecialRegimes>`;
      x += `${el('SourceID', sourceId(d))}${el('SystemEntryDate', d.system_entry_date)}${el('CustomerID', d.customer_saft_id)}\n`;
      const amountTag = d.doc_type === 'NC' ? 'DebitAmount' : 'CreditAmount';
      const orderRef = orderRefOf(d.id);
      // The same for every line of the document: built once.
      const taxPoint = el('TaxPointDate', d.doc_date);
      const references = d.origin_doc_no
        ? `<References>${el('Reference', d.origin_doc_no)}${el('Reason', d.origin_reason ?? '')}</References>`
        : '';
      for (const l of linesOf(d.id)) {
        x += `<Line>${el('LineNumber', l.line_no)}${orderRef}${d.doc_type === 'FT' ? guideRefOf(l) : ''}${part.product(l)}${el('Quantity', l.quantity)}${part.unit(l)}${el('UnitPrice', l.unit_price_net)}${taxPoint}`;
        x += `${references}${part.description(l)}${el(amountTag, l.net)}${part.tax(l)}`;
        if (l.discount_net !== '0.00') x += el('SettlementAmount', l.discount_net);
        x += '</Line>\n';
      }
      x += `<DocumentTotals>${el('TaxPayable', d.tax_payable)}${el('NetTotal', d.net_total)}${el('GrossTotal', d.gross_total)}`;
      for (const [mechanism, amount, payDate] of pays.all({ id: d.id })) {
        x += `<Payment>${el('PaymentMechanism', mechanism)}${el('PaymentAmount', amount)}${el('PaymentDate', payDate)}</Payment>`;
      }
      w.write(`${x}</DocumentTotals></Invoice>\n`);
      tick();
    }
    w.write('</SalesInvoices>\n');

    // MovementOfGoods (GT/GR): every guide of the period; the control totals leave cancelled ones out
    // (Portaria 302/2016 4.2.1–4.2.2), summed exactly (quantities are decimals: weighed goods).
    const mgCount = q.movementCount().get(range) ?? { n: 0 };
    if (mgCount.n > 0) {
      let lineCount = 0;
      let qty = new Dec(0);
      for (const [quantity] of q.movementQuantities().iterate(range)) {
        lineCount++;
        qty = qty.plus(quantity);
      }
      w.write(
        `<MovementOfGoods>${el('NumberOfMovementLines', lineCount)}${el('TotalQuantityIssued', qty.toFixed())}\n`,
      );
      // The AT code (0690-guides) may be missing in a database not yet migrated (SAF-T opens it read-only).
      const selAtCode = q.hasAtCodes() ? q.atCode() : null;
      const invoicedBy = q.invoicedBy();
      const movementStatus = (d: DocRow): string => {
        if (d.status === 'A') return status(d, 'Movement', 'SourceBilling');
        const inv = invoicedBy.all({ id: d.id });
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
      const selWarehouse = q.warehouseCode();
      const warehouseCode = (id: number | null | undefined): string | null =>
        id ? (selWarehouse.get({ id })?.code ?? null) : null;
      for (const r of q.movements().iterate(range)) {
        const d = docOf(r);
        const t = JSON.parse(d.transport ?? '{}') as {
          loadFrom?: Addr;
          deliverTo?: Addr;
          startTime?: string;
          endTime?: string | null;
          ownGoods?: boolean;
          fromWarehouseId?: number | null;
          toWarehouseId?: number | null;
        };
        const atCode = selAtCode?.get({ id: d.id })?.code;
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
        for (const l of linesOf(d.id)) {
          x += `<Line>${el('LineNumber', l.line_no)}${part.product(l)}${el('Quantity', l.quantity)}${part.unit(l)}${el('UnitPrice', l.unit_price_net)}`;
          x += `${part.description(l)}${el('CreditAmount', l.net)}${part.tax(l)}</Line>\n`;
        }
        w.write(
          `${x}<DocumentTotals>${el('TaxPayable', d.tax_payable)}${el('NetTotal', d.net_total)}${el('GrossTotal', d.gross_total)}</DocumentTotals></StockMovement>\n`,
        );
        tick();
      }
      w.write('</MovementOfGoods>\n');
    }

    // Payments (receipts: not signed, no Hash)
    const py = q.receiptTotals().get(range) ?? { n: 0, debit: 0, credit: 0 };
    if (py.n > 0) {
      w.write(
        `<Payments>${el('NumberOfEntries', py.n)}${el('TotalDebit', money(py.debit))}${el('TotalCredit', money(py.credit))}\n`,
      );
      for (const r of q.receipts().iterate(range)) {
        const d = docOf(r);
        let x = `<Payment>${el('PaymentRefNo', d.doc_no)}${el('ATCUD', d.atcud)}${el('Period', Number(d.doc_date.slice(5, 7)))}${el('TransactionDate', d.doc_date)}${el('PaymentType', 'RG')}`;
        x += status(d, 'Payment', 'SourcePayment');
        for (const [mechanism, amount, payDate] of pays.all({ id: d.id })) {
          x += `<PaymentMethod>${el('PaymentMechanism', mechanism)}${el('PaymentAmount', amount)}${el('PaymentDate', payDate)}</PaymentMethod>`;
        }
        x += `${el('SourceID', sourceId(d))}${el('SystemEntryDate', d.system_entry_date)}${el('CustomerID', d.customer_saft_id)}\n`;
        for (const l of linesOf(d.id)) {
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
