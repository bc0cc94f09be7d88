import { PosError } from '../../../shared/errors';
import { t } from '../../../shared/i18n';
import type { ParsedDocumentDraft } from '../../../shared/api/fiscal';
import type { CustomerSnapshot } from '../parties/customers/port';
import type { PreparedLine } from './lines';

/**
 * Transport documents (GT guia de transporte, GR guia de remessa; issue 13 item 7). They are signed and chained
 * like invoices, on their own series (fiscal-pt.md §2.1: message `MovementDate;SystemEntryDate;DocumentNumber;
 * GrossTotal;PrevHash`); what differs is here: the transport block and who the goods go to.
 */
export interface CompanyAddress {
  nif: string;
  name: string;
  address: string;
  postal_code: string;
  city: string;
  country: string;
}

export interface GuideTransport {
  loadFrom: { address: string; postalCode: string; city: string; country: string };
  deliverTo: { address: string; postalCode: string; city: string; country: string };
  startTime: string;
  endTime: string | null;
  vehicle: string | null;
  ownGoods: boolean;
  fromWarehouseId: number | null;
  toWarehouseId: number | null;
}

const known = (v: string): boolean => v.trim() !== '' && v.toLowerCase() !== 'desconhecido';

/**
 * Own goods (a GT between the company's warehouses): the buyer is the company itself and nothing is sold, so
 * the lines carry no price (GrossTotal 0.00, QR `I1:0`). ASSUMPTION: a GR always goes to a customer (it is the
 * delivery note of a sale to invoice) and is valued at the lines' prices; a GT to a customer is valued too,
 * so it can be invoiced later.
 */
export function ownGoodsCustomer(d: ParsedDocumentDraft, c: CompanyAddress) {
  if (d.type === 'GR') throw new PosError('FISCAL_RULE', t('guides.ownGoodsIsGt'));
  if (d.customer) throw new PosError('FISCAL_RULE', t('guides.ownGoodsNoCustomer'));
  if (d.transport?.toWarehouseId === undefined)
    throw new PosError('VALIDATION', t('guides.ownGoodsNeedsWarehouse'));
  return {
    nif: c.nif,
    name: c.name,
    address: c.address,
    postalCode: c.postal_code,
    city: c.city,
    country: c.country,
    isBusiness: true,
  };
}

export const valuelessLines = (lines: PreparedLine[]): PreparedLine[] =>
  lines.map((l) => ({ ...l, unitPriceGross: '0', discountPct: '0' }));

/**
 * The transport block stored (and sealed) with the guide. Load time = start of transport, never before the
 * guide's system entry date (DL 147/2003 art. 5.º: the document is processed before the goods leave); the
 * unload time, when given, not before the start. Places default to the shop (load) and the buyer (unload);
 * a guide to a buyer without an address must say where the goods go.
 */
export function guideTransport(
  d: ParsedDocumentDraft,
  issuedAt: string,
  company: CompanyAddress,
  customer: CustomerSnapshot,
): GuideTransport {
  const tr = d.transport ?? {};
  const startTime = tr.startTime?.slice(0, 19) ?? issuedAt;
  if (startTime < issuedAt)
    throw new PosError('FISCAL_RULE', t('guides.startBeforeIssue', { start: startTime, issued: issuedAt }));
  const endTime = tr.endTime?.slice(0, 19) ?? null;
  if (endTime !== null && endTime < startTime)
    throw new PosError('FISCAL_RULE', t('guides.endBeforeStart', { end: endTime, start: startTime }));
  const shop = {
    address: company.address,
    postalCode: company.postal_code,
    city: company.city,
    country: company.country,
  };
  const ownGoods = tr.ownGoods === true;
  let deliverTo = tr.deliverTo;
  if (!deliverTo) {
    if (ownGoods) deliverTo = shop;
    else if (!known(customer.address) || !known(customer.city))
      throw new PosError('FISCAL_RULE', t('guides.deliverToRequired', { customer: customer.name }));
    else
      deliverTo = {
        address: customer.address,
        postalCode: customer.postalCode,
        city: customer.city,
        country: customer.country === 'Desconhecido' ? 'PT' : customer.country,
      };
  }
  return {
    loadFrom: tr.loadFrom ?? shop,
    deliverTo,
    startTime,
    endTime,
    vehicle: tr.vehicle ?? null,
    ownGoods,
    fromWarehouseId: tr.fromWarehouseId ?? null,
    toWarehouseId: ownGoods ? (tr.toWarehouseId ?? null) : null,
  };
}

/**
 * ASSUMPTION (DL 147/2003 and AT's portal, which refuses to cancel a communicated guide once its transport
 * has begun): a GT/GR can be cancelled only before its start of transport; afterwards the goods really moved,
 * and bringing them back takes a new guide.
 */
export function guideCancelProblem(docNo: string, transportJson: string | null, now: string): string | null {
  const start = transportJson ? (JSON.parse(transportJson) as { startTime?: string }).startTime : undefined;
  if (start && start <= now) return t('guides.cancelStarted', { docNo, start: start.replace('T', ' ') });
  return null;
}
