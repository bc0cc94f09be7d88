import { dec } from '../../../shared/money';
import type { SupplierStore } from '../parties/suppliers';
import type { ParsedPurchase } from './parse-ubl';
import type { PurchaseStore } from './store';
import type { UblLine } from './ubl-schema';

export interface RegisterDeps {
  readonly store: PurchaseStore;
  readonly suppliers: SupplierStore;
  readonly newId: () => string;
  /** ISO timestamp of the registration (created_at). */
  readonly now: string;
}

const sumOf = (l: UblLine, charge: boolean): string =>
  l.allowances
    .filter((a) => a.charge === charge)
    .reduce((s, a) => s.plus(a.amount), dec(0))
    .toFixed();

/**
 * Writes one parsed purchase with its supplier (found by VAT id, or created from the seller party), lines and
 * VAT breakdown. Runs inside the caller's transaction: the import is all or nothing.
 */
export function registerPurchase(
  deps: RegisterDeps,
  p: ParsedPurchase,
  source: { ilinkId: string; receivedAt: string },
): { purchaseId: string; supplierId: string; supplierCreated: boolean } {
  const { doc } = p;
  const { supplier, created } = deps.suppliers.findOrCreate(p.supplier, deps.newId(), deps.now);
  const id = deps.newId();
  const T = doc.totals;
  deps.store.insert(
    {
      id,
      supplier_id: supplier.id,
      doc_kind: doc.kind,
      type_code: doc.typeCode,
      number: doc.number,
      issue_date: doc.issueDate,
      due_date: doc.dueDate ?? null,
      currency: doc.currency,
      customization_id: doc.customizationId ?? null,
      order_reference: doc.orderReference ?? null,
      billing_reference: doc.billingReference ?? null,
      line_total: T.lineExtension,
      allowance_total: T.allowanceTotal ?? '0.00',
      charge_total: T.chargeTotal ?? '0.00',
      net_total: T.taxExclusive,
      vat_total: doc.taxAmount,
      gross_total: T.taxInclusive,
      prepaid_total: T.prepaid ?? '0.00',
      rounding_total: T.rounding ?? '0.00',
      payable_total: T.payable,
      source: 'ilink',
      ilink_id: source.ilinkId,
      received_at: source.receivedAt,
      state: 'registado',
      state_reason: null,
      decided_at: null,
      decided_by: null,
      xml: p.xml,
      created_at: deps.now,
    },
    doc.lines.map((l, i) => ({
      purchase_id: id,
      line_no: i + 1,
      line_ref: l.ref,
      name: l.name,
      description: l.description ?? null,
      seller_item_id: l.sellerItemId ?? null,
      buyer_item_id: l.buyerItemId ?? null,
      standard_item_id: l.standardItemId ?? null,
      standard_item_scheme: l.standardItemScheme ?? null,
      quantity: l.quantity,
      unit_code: l.unitCode ?? null,
      unit_price: l.price,
      base_quantity: l.baseQuantity ?? null,
      discount_amount: sumOf(l, false),
      charge_amount: sumOf(l, true),
      vat_category: l.vatCategory,
      vat_rate: l.vatRate ?? null,
      exemption_code: l.exemptionCode ?? null,
      exemption_reason: l.exemptionReason ?? null,
      line_net: l.lineNet,
    })),
    doc.taxSubtotals.map((x, i) => ({
      purchase_id: id,
      seq: i + 1,
      tax_scheme: x.scheme ?? null,
      category: x.category ?? null,
      rate: x.rate ?? null,
      exemption_code: x.exemptionCode ?? null,
      exemption_reason: x.exemptionReason ?? null,
      taxable_amount: x.taxable,
      tax_amount: x.tax,
    })),
  );
  return { purchaseId: id, supplierId: supplier.id, supplierCreated: created };
}
