import { Dec, type Dec as DecT } from '../../../../../shared/money';
import type { FiscalDocumentView } from '../../../../../shared/api/fiscal';
import { computeAmounts } from '../../../../../shared/fiscal/amounts';
import { categoryOfLine, keyOfGroup, keyOfLine, type TaxCategory } from './tax';

/**
 * The UBL amounts of a document, derived exactly (decimal.js) from what the fiscal service stored.
 *
 * Balcão's arithmetic works from VAT-inclusive shelf prices and applies the global discount inside each line's
 * amount; UBL wants line net amounts (BT-131) before the document-level allowance (BG-20). So:
 * - no global discount: BT-131 = the stored line net, exactly;
 * - a global discount: BT-131 = the line net *before* it, computed with the fiscal service's own arithmetic
 *   (computeAmounts, global 0 %), and one document allowance per VAT group = Σ BT-131 − stored group base
 *   (never negative: both sides are round2(gross / (1 + rate)) and the discount only lowers the gross);
 * - a line discount: a line allowance (BG-27) = round2(line discount with VAT / (1 + rate)), and the price
 *   (BT-146) = (BT-131 + allowance) / quantity to 8 decimals (DT-CIUS-PT-127: 8; DT-CIUS-PT-157 tolerates 1 €).
 * Totals: BT-106 = Σ BT-131, BT-109 = BT-106 − BT-107 = stored NetTotal, BT-110 = stored TaxPayable,
 * BT-112 = stored GrossTotal: BR-CO-10…16 hold exactly, and `checkTotals` proves it before any XML is written.
 */
export interface UblLine {
  lineNo: number;
  net: string;
  allowance: string | null;
  price: string;
  category: TaxCategory;
}

export interface DocumentAllowance {
  category: TaxCategory;
  amount: string;
}

export interface UblAmounts {
  lines: UblLine[];
  allowances: DocumentAllowance[];
  lineExtension: string;
  allowanceTotal: string;
  taxExclusive: string;
  taxTotal: string;
  taxInclusive: string;
  prepaid: string;
  payable: string;
}

const r2 = (v: DecT): DecT => v.toDecimalPlaces(2);

/** 8 decimals at most, trailing zeros dropped but at least 2 ("1.50", "0.81300813"). */
export function price8(v: DecT): string {
  const s = v.toDecimalPlaces(8).toFixed(8).replace(/0+$/, '');
  const [i, f = ''] = s.split('.');
  return `${i}.${f.padEnd(2, '0')}`;
}

export function ublAmounts(doc: FiscalDocumentView): UblAmounts {
  const global = new Dec(doc.totals.globalDiscountPct);
  const inputs = doc.lines.map((l) => ({
    quantity: l.quantity,
    unitPriceGross: l.unitPriceGross,
    discountPct: l.discountPct,
    taxKey: keyOfLine(l),
    taxPct: l.taxPct,
  }));
  // Before the global discount, with the fiscal arithmetic. Used only if it reproduces the stored nets once the
  // global discount is applied (it does for every document the service issues); otherwise the stored nets are
  // used as they are, with the global discount inside them (still exact, only less detailed).
  let beforeGlobal: string[] | null = null;
  if (!global.isZero()) {
    const again = computeAmounts(inputs, doc.totals.globalDiscountPct);
    if (again.lines.every((a, i) => a.net === doc.lines[i].net && a.gross === doc.lines[i].gross)) {
      beforeGlobal = computeAmounts(inputs, '0').lines.map((a) => a.net);
    }
  }
  const afterLineGross = beforeGlobal ? computeAmounts(inputs, '0').lines.map((a) => a.gross) : null;

  const lines: UblLine[] = doc.lines.map((l, i) => {
    const net = new Dec(beforeGlobal ? beforeGlobal[i] : l.net);
    const rate = new Dec(l.taxPct).dividedBy(100).plus(1);
    const gross = new Dec(afterLineGross ? afterLineGross[i] : l.gross);
    let allowance: DecT | null = null;
    if (!new Dec(l.discountPct).isZero()) {
      // Line discount with VAT = before-discount amount − after-line-discount amount; net of VAT.
      const a = r2(new Dec(l.grossBeforeDiscount).minus(beforeGlobal ? gross : l.gross).dividedBy(rate));
      if (a.greaterThan(0)) allowance = a;
    }
    const qty = new Dec(l.quantity);
    const full = net.plus(allowance ?? 0);
    return {
      lineNo: l.lineNo,
      net: net.toFixed(2),
      allowance: allowance ? allowance.toFixed(2) : null,
      price: qty.isZero() ? '0.00' : price8(full.dividedBy(qty)),
      category: categoryOfLine(l),
    };
  });

  const allowances: DocumentAllowance[] = [];
  if (beforeGlobal) {
    for (const g of doc.taxSummary) {
      const key = keyOfGroup(g);
      const sum = doc.lines.reduce(
        (a, l, i) => (keyOfLine(l) === key ? a.plus(lines[i].net) : a),
        new Dec(0),
      );
      const amount = sum.minus(g.base);
      if (amount.greaterThan(0)) {
        allowances.push({
          category: {
            code: g.code,
            percent: new Dec(g.pct).toFixed(2),
            exemptionCode: g.exemptionCode,
            exemptionReason: g.exemptionReason,
          },
          amount: amount.toFixed(2),
        });
      }
    }
  }

  const lineExtension = lines.reduce((a, l) => a.plus(l.net), new Dec(0));
  const allowanceTotal = allowances.reduce((a, x) => a.plus(x.amount), new Dec(0));
  const paid = doc.type === 'FR' || doc.type === 'FS';
  // ASSUMPTION: FR/FS are paid when issued, so what was paid is BT-113 and BT-115 is what remains (0.00);
  // FT/ND/NC carry their whole amount as due.
  const prepaid = paid
    ? Dec.min(
        doc.payments.reduce((a, p) => a.plus(p.amount), new Dec(0)),
        new Dec(doc.totals.gross),
      )
    : new Dec(0);
  const out: UblAmounts = {
    lines,
    allowances,
    lineExtension: lineExtension.toFixed(2),
    allowanceTotal: allowanceTotal.toFixed(2),
    taxExclusive: lineExtension.minus(allowanceTotal).toFixed(2),
    taxTotal: new Dec(doc.totals.tax).toFixed(2),
    taxInclusive: new Dec(doc.totals.gross).toFixed(2),
    prepaid: prepaid.toFixed(2),
    payable: new Dec(doc.totals.gross).minus(prepaid).toFixed(2),
  };
  checkTotals(doc, out);
  return out;
}

/**
 * EN 16931 BR-CO-10…16 (exact, as the validator's `oracle` profile checks them) and agreement with the stored
 * fiscal totals. A failure here is a bug in this module, never the document's: it throws rather than send it.
 */
export function checkTotals(doc: FiscalDocumentView, a: UblAmounts): void {
  const sum = (xs: string[]) => xs.reduce((s, x) => s.plus(x), new Dec(0));
  const eq = (x: string | DecT, y: string | DecT) => new Dec(x).equals(y);
  const problems: string[] = [];
  if (!eq(a.lineExtension, sum(a.lines.map((l) => l.net)))) problems.push('BR-CO-10');
  if (!eq(a.allowanceTotal, sum(a.allowances.map((x) => x.amount)))) problems.push('BR-CO-11');
  if (!eq(a.taxExclusive, new Dec(a.lineExtension).minus(a.allowanceTotal))) problems.push('BR-CO-13');
  if (!eq(a.taxTotal, sum(doc.taxSummary.map((t) => t.tax)))) problems.push('BR-CO-14');
  if (!eq(a.taxInclusive, new Dec(a.taxExclusive).plus(a.taxTotal))) problems.push('BR-CO-15');
  if (!eq(a.payable, new Dec(a.taxInclusive).minus(a.prepaid))) problems.push('BR-CO-16');
  if (!eq(a.taxExclusive, doc.totals.net)) problems.push('NetTotal');
  if (!eq(a.taxExclusive, sum(doc.taxSummary.map((t) => t.base)))) problems.push('Σ TaxableAmount');
  for (const x of a.allowances) if (new Dec(x.amount).lessThan(0)) problems.push('BT-92 < 0');
  if (problems.length) {
    throw new Error(`CIUS-PT: totais incoerentes em ${doc.docNo} (${problems.join(', ')})`);
  }
}
