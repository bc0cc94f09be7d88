import { t } from '../../../shared/i18n';
import { dec, type Dec } from '../../../shared/money';
import type { UblDocument } from './ubl-schema';

const sum = (xs: readonly string[]): Dec => xs.reduce((a, x) => a.plus(x), dec(0));
const money = (v: Dec): string => v.toFixed(2);

/**
 * The EN 16931 totals rules, exact (decimal.js), as CEN states them (BR-CO-10…16):
 * - BR-CO-10 sum of line net amounts = LineExtensionAmount;
 * - BR-CO-11/12 sums of document allowances / charges = AllowanceTotalAmount / ChargeTotalAmount;
 * - BR-CO-13 TaxExclusive = LineExtension − allowances + charges;
 * - BR-CO-14 sum of the VAT breakdown's tax amounts = TaxTotal/TaxAmount; the breakdown's taxable amounts add
 *   up to TaxExclusive (every category's base is in one subtotal);
 * - BR-CO-15 TaxInclusive = TaxExclusive + TaxAmount;
 * - BR-CO-16 Payable = TaxInclusive − Prepaid + Rounding.
 * ASSUMPTION: the sum of the lines is rounded half-up to the cent before BR-CO-10 is checked, because iLink's own
 * samples carry 8-decimal line amounts (20.00000000); every other comparison is exact to the cent. eSPap's
 * validator tolerates 1,00 €; we do not: a purchase registered with totals that do not add up would put wrong
 * costs into stock (issue 13), so the supplier is told at once (the import ack carries the reason).
 * Returns the first mismatch as a pt-PT reason, or null.
 */
export function totalsProblem(d: UblDocument): string | null {
  const T = d.totals;
  const mismatch = (what: string, expected: Dec, stated: string): string | null =>
    expected.toDecimalPlaces(2).eq(dec(stated))
      ? null
      : t('purchases.totals.mismatch', { what, expected: money(expected), stated });

  const lines = sum(d.lines.map((l) => l.lineNet)).toDecimalPlaces(2);
  const allowances = sum(d.allowances.filter((a) => !a.charge).map((a) => a.amount));
  const charges = sum(d.allowances.filter((a) => a.charge).map((a) => a.amount));
  return (
    mismatch(t('purchases.totals.lines'), lines, T.lineExtension) ??
    mismatch(t('purchases.totals.allowances'), allowances, T.allowanceTotal ?? '0') ??
    mismatch(t('purchases.totals.charges'), charges, T.chargeTotal ?? '0') ??
    mismatch(
      t('purchases.totals.taxExclusive'),
      dec(T.lineExtension).minus(allowances).plus(charges),
      T.taxExclusive,
    ) ??
    mismatch(t('purchases.totals.vat'), sum(d.taxSubtotals.map((s) => s.tax)), d.taxAmount) ??
    mismatch(t('purchases.totals.vatBase'), sum(d.taxSubtotals.map((s) => s.taxable)), T.taxExclusive) ??
    mismatch(t('purchases.totals.taxInclusive'), dec(T.taxExclusive).plus(d.taxAmount), T.taxInclusive) ??
    mismatch(
      t('purchases.totals.payable'),
      dec(T.taxInclusive)
        .minus(T.prepaid ?? '0')
        .plus(T.rounding ?? '0'),
      T.payable,
    )
  );
}
