import { findOrderReference } from '../../integrations/ilink/codec/order-reference';
import { documentStatus, sourceId } from './document-status';
import { createLineFragments, el } from './fragments';
import {
  docOf,
  lineOf,
  type createSaftQueries,
  type SaftDocTuple,
  type SaftLineRow as LineRow,
} from './queries';

/**
 * One SalesInvoices/Invoice element, from its document row, with its lines, order references and payments
 * read here. A pure function of the data read: the export's thread and its helper thread (parallel.ts) each
 * make their own renderer and write the same bytes for the same document.
 */
export function createInvoiceRenderer(q: ReturnType<typeof createSaftQueries>): (r: SaftDocTuple) => string {
  const lines = q.lines();
  const info = q.info();
  const pays = q.payments();
  const part = createLineFragments();
  // An FT line that invoices a GT/GR line (fiscal/guide-invoicing.ts): one more OrderReferences, the guide's
  // number and date (fiscal-pt.md §7.1: an FT from a GT references it), after the customer's order number.
  const guideRefOf = (l: LineRow): string =>
    l.origin_doc_no
      ? `<OrderReferences>${el('OriginatingON', l.origin_doc_no)}${el('OrderDate', l.origin_date ?? '')}</OrderReferences>`
      : '';
  // The customer's order number (fiscal_info "N.º Encomenda" and its spellings, see order-reference.ts):
  // Line/OrderReferences/OriginatingON, right after LineNumber as the XSD orders it (≤ 60 characters).
  const orderRefOf = (id: number): string => {
    const e = findOrderReference(info.all({ id }));
    return e ? `<OrderReferences>${el('OriginatingON', e.value.trim().slice(0, 60))}</OrderReferences>` : '';
  };
  return (r) => {
    const d = docOf(r);
    let x = `<Invoice>${el('InvoiceNo', d.doc_no)}${el('ATCUD', d.atcud)}${documentStatus(d, 'Invoice', 'SourceBilling')}${el('Hash', d.hash)}${el('HashControl', d.hash_control)}`;
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
    for (const row of lines.all({ id: d.id })) {
      const l = lineOf(row);
      x += `<Line>${el('LineNumber', l.line_no)}${orderRef}${d.doc_type === 'FT' ? guideRefOf(l) : ''}${part.product(l)}${el('Quantity', l.quantity)}${part.unit(l)}${el('UnitPrice', l.unit_price_net)}${taxPoint}`;
      x += `${references}${part.description(l)}${el(amountTag, l.net)}${part.tax(l)}`;
      if (l.discount_net !== '0.00') x += el('SettlementAmount', l.discount_net);
      x += '</Line>\n';
    }
    x += `<DocumentTotals>${el('TaxPayable', d.tax_payable)}${el('NetTotal', d.net_total)}${el('GrossTotal', d.gross_total)}`;
    for (const [mechanism, amount, payDate] of pays.all({ id: d.id })) {
      x += `<Payment>${el('PaymentMechanism', mechanism)}${el('PaymentAmount', amount)}${el('PaymentDate', payDate)}</Payment>`;
    }
    return `${x}</DocumentTotals></Invoice>\n`;
  };
}
