import { Dec, type Dec as DecT } from '../money';

/**
 * Document arithmetic from VAT-inclusive shelf prices (what the cashier sees) to SAF-T amounts.
 *
 * Why this shape: the customer pays the sum of the shelf-price line amounts, so GrossTotal must be exactly
 * that sum. Net and VAT are therefore derived per tax group (same region, code, rate and exemption):
 * groupNet = round2(groupGross / (1 + rate)), groupTax = groupGross − groupNet, and groupNet is spread over
 * the group's lines by largest remainder so that Σ line nets = groupNet to the cent. Then
 * NetTotal = Σ line nets, TaxPayable = Σ group taxes, GrossTotal = NetTotal + TaxPayable = Σ line grosses,
 * exactly, and every SAF-T total reconciles. Internal figures keep full precision until the final rounding
 * (Despacho 8632/2014 3.2.3).
 */

export interface AmountLineInput {
  quantity: string;
  /** Unit price with VAT included. */
  unitPriceGross: string;
  /** Line discount 0–100 %. */
  discountPct: string;
  /** Key of the tax group, e.g. "IVA|PT|NOR|23|" (see taxGroupKey). */
  taxKey: string;
  /** VAT percentage of the group (0 for exemptions). */
  taxPct: string;
}

export interface AmountLine {
  /** Line amount with VAT before any discount: round2(qty × price). */
  grossBeforeDiscount: string;
  /** Line amount with VAT after line and global discounts. */
  gross: string;
  /** SAF-T CreditAmount/DebitAmount: net of VAT and of all discounts. */
  net: string;
  /** gross − net. */
  tax: string;
  /** SAF-T UnitPrice: net unit price after discounts (6 decimals). */
  unitPriceNet: string;
  /** Net value of all discounts on this line (SAF-T Line/SettlementAmount), "0.00" if none. */
  discountNet: string;
}

export interface TaxGroupTotal {
  taxKey: string;
  taxPct: string;
  base: string;
  tax: string;
  gross: string;
}

export interface DocumentAmounts {
  lines: AmountLine[];
  groups: TaxGroupTotal[];
  netTotal: string;
  taxPayable: string;
  grossTotal: string;
  /** Total discount with VAT (line + global), for the receipt. */
  discountTotal: string;
}

export const taxGroupKey = (
  taxType: string,
  region: string,
  code: string,
  pct: string,
  exemption: string | null,
): string => `${taxType}|${region}|${code}|${new Dec(pct).toString()}|${exemption ?? ''}`;

const r2 = (v: DecT): DecT => v.toDecimalPlaces(2);

export function computeAmounts(lines: readonly AmountLineInput[], globalDiscountPct = '0'): DocumentAmounts {
  const hundred = new Dec(100);
  const globalFactor = hundred.minus(globalDiscountPct).dividedBy(hundred);
  const pre = lines.map((l) => {
    const full = r2(new Dec(l.quantity).times(l.unitPriceGross));
    const afterLine = r2(
      new Dec(l.quantity).times(l.unitPriceGross).times(hundred.minus(l.discountPct)).dividedBy(hundred),
    );
    const gross = r2(afterLine.times(globalFactor));
    return { full, gross };
  });

  const order: string[] = [];
  const byKey = new Map<string, { pct: DecT; idx: number[]; gross: DecT }>();
  lines.forEach((l, i) => {
    let g = byKey.get(l.taxKey);
    if (!g) {
      g = { pct: new Dec(l.taxPct), idx: [], gross: new Dec(0) };
      byKey.set(l.taxKey, g);
      order.push(l.taxKey);
    }
    g.idx.push(i);
    g.gross = g.gross.plus(pre[i].gross);
  });

  const net: DecT[] = lines.map(() => new Dec(0));
  const groups: TaxGroupTotal[] = [];
  for (const key of order) {
    const g = byKey.get(key)!;
    const groupNet = r2(g.gross.dividedBy(g.pct.dividedBy(hundred).plus(1)));
    spread(groupNet, g.idx, g.gross, pre, net);
    groups.push({
      taxKey: key,
      taxPct: g.pct.toString(),
      base: groupNet.toFixed(2),
      tax: g.gross.minus(groupNet).toFixed(2),
      gross: g.gross.toFixed(2),
    });
  }

  const out: AmountLine[] = lines.map((l, i) => {
    const qty = new Dec(l.quantity);
    const pctFactor = new Dec(l.taxPct).dividedBy(hundred).plus(1);
    const discountGross = pre[i].full.minus(pre[i].gross);
    return {
      grossBeforeDiscount: pre[i].full.toFixed(2),
      gross: pre[i].gross.toFixed(2),
      net: net[i].toFixed(2),
      tax: pre[i].gross.minus(net[i]).toFixed(2),
      unitPriceNet: qty.isZero() ? '0' : net[i].dividedBy(qty).toDecimalPlaces(6).toString(),
      discountNet: r2(discountGross.dividedBy(pctFactor)).toFixed(2),
    };
  });

  const netTotal = net.reduce((a, b) => a.plus(b), new Dec(0));
  const grossTotal = pre.reduce((a, b) => a.plus(b.gross), new Dec(0));
  const discountTotal = pre.reduce((a, b) => a.plus(b.full.minus(b.gross)), new Dec(0));
  return {
    lines: out,
    groups,
    netTotal: netTotal.toFixed(2),
    taxPayable: grossTotal.minus(netTotal).toFixed(2),
    grossTotal: grossTotal.toFixed(2),
    discountTotal: discountTotal.toFixed(2),
  };
}

/** Largest-remainder split of `total` (2 decimals) over lines proportionally to their gross. */
function spread(total: DecT, idx: number[], groupGross: DecT, pre: { gross: DecT }[], out: DecT[]): void {
  if (groupGross.isZero()) {
    for (const i of idx) out[i] = new Dec(0);
    return;
  }
  const cents = total.times(100);
  const parts = idx.map((i) => {
    const exact = cents.times(pre[i].gross).dividedBy(groupGross);
    const floor = exact.floor();
    return { i, floor, rem: exact.minus(floor) };
  });
  let left = cents.minus(parts.reduce((a, p) => a.plus(p.floor), new Dec(0))).toNumber();
  const byRem = [...parts].sort((a, b) => b.rem.comparedTo(a.rem) || a.i - b.i);
  for (const p of byRem) {
    if (left <= 0) break;
    p.floor = p.floor.plus(1);
    left--;
  }
  for (const p of parts) out[p.i] = p.floor.dividedBy(100);
}
