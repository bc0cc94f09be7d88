import type { DraftLine, ParsedDocumentDraft } from '../../../shared/api/fiscal';
import { DocumentDraft } from '../../../shared/api/fiscal';
import type { SaleCustomer } from '../../../shared/api/sales';
import { CONSUMIDOR_FINAL_NIF } from '../../../shared/fiscal/nif';
import type { DocumentAmounts } from '../../../shared/fiscal/amounts';
import { documentTotalProblem } from '../../../shared/money';
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
  /**
   * Why the fiscal service would refuse this cart (pt-PT), or null: a total above the document maximum (each
   * value valid, their sum not), or values the contract refuses today but an older version stored. The cart
   * refuses a change that leads here (cart.ts); a cart already here stays viewable, lines can be voided, and
   * no payment can start (sale-view.ts makes the document decision not ready).
   */
  problem: string | null;
}

const empty = (): DocumentAmounts => ({
  lines: [],
  groups: [],
  netTotal: '0.00',
  taxPayable: '0.00',
  grossTotal: '0.00',
  discountTotal: '0.00',
});

/** "Linha 2: A quantidade …" from the first issue of the draft's validation. */
function draftProblem(issues: readonly { path: PropertyKey[]; message: string }[]): string {
  const first = issues[0];
  const line = first?.path[0] === 'lines' && typeof first.path[1] === 'number' ? first.path[1] + 1 : null;
  const what = first?.message ?? 'dados inválidos';
  return `A venda não pode ser faturada — ${line !== null ? `linha ${line}: ` : ''}${what}`;
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
    if (active.length === 0) return { lines: [], amounts: empty(), index, problem: null };
    // The very schema the fiscal service applies to the draft: what it would refuse is caught here.
    const parsed = DocumentDraft.safeParse({
      type: 'FS',
      lines: active.map(draftLineOf),
      globalDiscountPct: sale.global_discount_pct,
    });
    if (!parsed.success) {
      return { lines: [], amounts: empty(), index: new Map(), problem: draftProblem(parsed.error.issues) };
    }
    const prepared = resolver.salesLines(parsed.data, localDate(clock.now()), company().region, null);
    const amounts = amountsOf(prepared, parsed.data.globalDiscountPct);
    const total = documentTotalProblem(amounts.grossTotal);
    return { lines: prepared, amounts, index, problem: total && `A venda não pode ser faturada — ${total}` };
  }

  return { compute, company };
}
export type Totals = ReturnType<typeof createTotals>;
