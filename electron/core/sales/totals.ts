import type { DraftLine, ParsedDocumentDraft } from '../../../shared/api/fiscal';
import { DocumentDraft } from '../../../shared/api/fiscal';
import type { SaleCustomer } from '../../../shared/api/sales';
import { CONSUMIDOR_FINAL_NIF } from '../../../shared/fiscal/nif';
import type { DocumentAmounts } from '../../../shared/fiscal/amounts';
import type { Db } from '../db/open';
import { amountsOf, createLineResolver, type PreparedLine } from '../fiscal/lines';
import { localDate, type Clock } from '../util/clock';
import type { SaleLineRow, SaleRow } from './store';

/** The draft line a sale line becomes on the document (what the fiscal core will receive). */
export function draftLineOf(l: SaleLineRow): DraftLine {
  return {
    ...(l.article_id !== null ? { articleId: l.article_id } : { productCode: l.product_code }),
    description: l.description,
    quantity: l.quantity,
    unit: l.unit,
    unitPrice: l.unit_price,
    discountPct: l.discount_pct,
    taxCode: l.tax_code,
    ...(l.exemption_code ? { exemptionCode: l.exemption_code } : {}),
  };
}

export function customerDraftOf(c: SaleCustomer | null): ParsedDocumentDraft['customer'] {
  if (!c) return null;
  return {
    ...(c.id !== null ? { id: c.id } : {}),
    nif: c.nif || CONSUMIDOR_FINAL_NIF,
    name: c.name,
    ...(c.address ? { address: c.address } : {}),
    ...(c.postalCode ? { postalCode: c.postalCode } : {}),
    ...(c.city ? { city: c.city } : {}),
    country: c.country,
    isBusiness: c.isBusiness,
  };
}

export interface SaleAmounts {
  lines: PreparedLine[];
  amounts: DocumentAmounts;
  /** Index in `lines` of each active sale line id. */
  index: Map<number, number>;
}

/**
 * Totals of the cart computed by the fiscal core's own line resolution (article defaults, VAT rate of the day
 * by region, exemption text) and amount rules (shared/fiscal/amounts.ts), so the screen total is the document
 * total to the cent.
 */
export function createTotals(db: Db, clock: Clock) {
  const resolver = createLineResolver(db);
  const selCompany = db.sqlite.prepare('select retailer, tax_region from company where id = 1');

  function company(): { retailer: boolean; region: string } {
    const c = selCompany.get() as { retailer: 0 | 1; tax_region: string } | undefined;
    return { retailer: (c?.retailer ?? 1) === 1, region: c?.tax_region ?? 'PT' };
  }

  function compute(sale: SaleRow, lines: readonly SaleLineRow[]): SaleAmounts {
    const active = lines.filter((l) => l.voided === 0);
    const index = new Map<number, number>();
    active.forEach((l, i) => index.set(l.id, i));
    if (active.length === 0) {
      return {
        lines: [],
        amounts: {
          lines: [],
          groups: [],
          netTotal: '0.00',
          taxPayable: '0.00',
          grossTotal: '0.00',
          discountTotal: '0.00',
        },
        index,
      };
    }
    const draft = DocumentDraft.parse({ type: 'FS', lines: active.map(draftLineOf) });
    const prepared = resolver.salesLines(draft, localDate(clock.now()), company().region, null);
    return { lines: prepared, amounts: amountsOf(prepared, sale.global_discount_pct), index };
  }

  return { compute, company };
}
export type Totals = ReturnType<typeof createTotals>;
