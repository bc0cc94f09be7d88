import type { Insertable } from 'kysely';
import type { ParsedManualPurchase } from '../../../shared/api/purchases-stock';
import { PosError } from '../../../shared/errors';
import { t } from '../../../shared/i18n';
import { Dec, formatEuro } from '../../../shared/money';
import { computeManualTotals, totalsDifferences, vatCategoryOf } from '../../../shared/purchase-totals';
import type { Db } from '../db/open';
import type { PurchaseLineTable, PurchaseTaxTable } from '../db/schema';
import type { SupplierStore } from '../parties/suppliers';
import type { PurchaseStockStore } from './stock-store';
import type { PurchaseWithSupplier } from './store';
import { dateLabel } from './views';

export interface ManualCheckDeps {
  readonly db: Db;
  readonly stockStore: PurchaseStockStore;
  readonly suppliers: SupplierStore;
}

const TOTAL_LABEL = {
  net: 'purchases.manual.net',
  vat: 'purchases.manual.vat',
  gross: 'purchases.manual.gross',
} as const;

/**
 * Every check of a typed purchase, registered or corrected (`self`: the draft being corrected, which is no
 * duplicate of itself), and the rows it becomes: so a correction is refused exactly where a creation would be.
 */
export function checkManualPurchase(
  deps: ManualCheckDeps,
  input: ParsedManualPurchase,
  self: PurchaseWithSupplier | null,
) {
  const { db, stockStore, suppliers } = deps;
  const supplier = suppliers.get(input.supplierId);
  if (!supplier)
    throw new PosError('NOT_FOUND', t('purchases.manual.supplierUnknown'), { field: 'supplierId' });
  // A supplier deactivated after the purchase was registered does not block correcting its other fields.
  if (supplier.active !== 1 && supplier.id !== self?.supplier_id) {
    throw new PosError('VALIDATION', t('purchases.manual.supplierInactive', { supplier: supplier.name }), {
      field: 'supplierId',
    });
  }
  const number = input.number.replace(/\s+/g, ' ');
  const twin = stockStore.sameNumber(supplier.id, number, self?.id);
  if (twin) {
    throw new PosError(
      'CONFLICT',
      t('purchases.manual.duplicate', {
        number,
        supplier: supplier.name,
        when: dateLabel(twin.created_at),
      }),
      { field: 'number', purchaseId: twin.id },
    );
  }
  if (input.warehouseId !== null) {
    const w = stockStore.warehouse(input.warehouseId);
    if (!w) {
      throw new PosError(
        'NOT_FOUND',
        t('stock.warehouseNotFound', { warehouse: String(input.warehouseId) }),
        {
          field: 'warehouseId',
        },
      );
    }
    if (w.active !== 1 && w.id !== self?.warehouse_id) {
      throw new PosError('VALIDATION', t('purchases.confirm.warehouseInactive', { warehouse: w.code }), {
        field: 'warehouseId',
      });
    }
  }
  const articles = input.lines.map((l, i) => {
    const a = stockStore.article(l.articleId);
    if (!a) {
      throw new PosError(
        'NOT_FOUND',
        t('purchases.manual.articleUnknown', { line: i + 1, article: String(l.articleId) }),
        { field: 'lines' },
      );
    }
    return a;
  });
  const totals = computeManualTotals(input.lines);
  const diffs = totalsDifferences(totals, input.typedTotals);
  if (diffs.length) {
    throw new PosError(
      'VALIDATION',
      t('purchases.manual.totalsDiffer', {
        diffs: diffs
          .map((d) =>
            t('purchases.manual.totalDiff', {
              what: t(TOTAL_LABEL[d.what]),
              computed: formatEuro(d.computed),
              typed: formatEuro(d.typed),
            }),
          )
          .join('; '),
      }),
      { field: 'typedTotals', computed: { net: totals.net, vat: totals.vat, gross: totals.gross } },
    );
  }
  const barcode = (articleId: number): string | null =>
    db.get(db.k.selectFrom('article').select('barcode').where('id', '=', articleId))?.barcode ?? null;
  const lines = (id: string): Insertable<PurchaseLineTable>[] =>
    totals.lines.map((l, i) => {
      const code = barcode(articles[i].id);
      return {
        purchase_id: id,
        line_no: i + 1,
        line_ref: String(i + 1),
        name: articles[i].name,
        description: null,
        seller_item_id: null,
        buyer_item_id: articles[i].code,
        standard_item_id: code,
        standard_item_scheme: code ? '0160' : null,
        quantity: new Dec(l.quantity).toFixed(),
        unit_code: null,
        unit_price: new Dec(l.unitCost).toFixed(),
        base_quantity: null,
        discount_amount: l.discountAmount,
        charge_amount: '0.00',
        vat_category: vatCategoryOf(l.vatRate),
        vat_rate: new Dec(l.vatRate).toFixed(),
        exemption_code: null,
        exemption_reason: null,
        line_net: l.lineNet,
        article_id: articles[i].id,
        match_by: 'manual' as const,
        discount_pct: new Dec(l.discountPct).toFixed(),
      };
    });
  const taxes = (id: string): Insertable<PurchaseTaxTable>[] =>
    totals.taxes.map((x, i) => ({
      purchase_id: id,
      seq: i + 1,
      tax_scheme: 'VAT',
      category: vatCategoryOf(x.rate),
      rate: x.rate,
      exemption_code: null,
      exemption_reason: null,
      taxable_amount: x.taxable,
      tax_amount: x.tax,
    }));
  const header = {
    supplier_id: supplier.id,
    type_code: input.typeCode,
    number,
    issue_date: input.issueDate,
    due_date: input.dueDate,
    warehouse_id: input.warehouseId,
    line_total: totals.net,
    net_total: totals.net,
    vat_total: totals.vat,
    gross_total: totals.gross,
    payable_total: totals.gross,
  };
  return { supplier, number, totals, header, lines, taxes };
}
