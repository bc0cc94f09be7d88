import { Dec } from './money';

/** One manual purchase line as the core computes it. */
export interface ComputedLine {
  readonly quantity: string;
  readonly unitCost: string;
  readonly discountPct: string;
  readonly vatRate: string;
  /** round½↑(quantity × unit cost × (1 − discount / 100)) to the cent. */
  readonly lineNet: string;
  /** round½↑(quantity × unit cost × discount / 100) to the cent (shown; the net is what counts). */
  readonly discountAmount: string;
}

export interface ComputedTotals {
  readonly lines: ComputedLine[];
  /** One entry per VAT rate, in the order the rates first appear. */
  readonly taxes: Array<{ rate: string; taxable: string; tax: string }>;
  readonly net: string;
  readonly vat: string;
  readonly gross: string;
}

const cents = (d: Dec): string => d.toDecimalPlaces(2, Dec.ROUND_HALF_UP).toFixed(2);

/**
 * The totals of a purchase typed by hand, exactly (decimal.js). ASSUMPTION (how Portuguese supplier invoices
 * are usually computed): each line's net is rounded to the cent; VAT is computed once per rate on the sum of
 * the nets at that rate, rounded half-up to the cent; gross = net + VAT.
 */
export function computeManualTotals(
  lines: ReadonlyArray<{ quantity: string; unitCost: string; discountPct: string; vatRate: string }>,
): ComputedTotals {
  const out: ComputedLine[] = lines.map((l) => {
    const gross = new Dec(l.quantity).times(l.unitCost);
    const discount = gross.times(l.discountPct).dividedBy(100);
    return {
      quantity: l.quantity,
      unitCost: l.unitCost,
      discountPct: l.discountPct,
      vatRate: l.vatRate,
      lineNet: cents(gross.minus(discount)),
      discountAmount: cents(discount),
    };
  });
  const byRate = new Map<string, Dec>();
  for (const l of out) {
    const rate = new Dec(l.vatRate).toFixed();
    byRate.set(rate, (byRate.get(rate) ?? new Dec(0)).plus(l.lineNet));
  }
  const taxes = [...byRate].map(([rate, taxable]) => ({
    rate,
    taxable: taxable.toFixed(2),
    tax: cents(taxable.times(rate).dividedBy(100)),
  }));
  const net = taxes.reduce((s, x) => s.plus(x.taxable), new Dec(0));
  const vat = taxes.reduce((s, x) => s.plus(x.tax), new Dec(0));
  return { lines: out, taxes, net: net.toFixed(2), vat: vat.toFixed(2), gross: net.plus(vat).toFixed(2) };
}

/** The totals that differ between what the core computed and what the user typed from the paper. */
export function totalsDifferences(
  computed: ComputedTotals,
  typed: { net: string; vat: string; gross: string },
): Array<{ what: 'net' | 'vat' | 'gross'; computed: string; typed: string }> {
  return (['net', 'vat', 'gross'] as const)
    .filter((k) => !new Dec(computed[k]).eq(typed[k]))
    .map((k) => ({ what: k, computed: computed[k], typed: new Dec(typed[k]).toFixed(2) }));
}

/** The UBL-like VAT category Balcão's tax codes use for a rate (mainland, Madeira, Azores). */
export function vatCategoryOf(rate: string): 'NOR' | 'INT' | 'RED' | 'ISE' {
  const r = new Dec(rate);
  if (r.isZero()) return 'ISE';
  if (['6', '5', '4'].some((x) => r.eq(x))) return 'RED';
  if (['13', '12', '9'].some((x) => r.eq(x))) return 'INT';
  return 'NOR';
}

/** Net unit cost that enters stock: line net ÷ quantity, to 6 decimals (the ledger's precision). */
export const stockUnitCost = (lineNet: string, quantity: string): string =>
  new Dec(lineNet).dividedBy(quantity).toDecimalPlaces(6, Dec.ROUND_HALF_UP).toFixed();
