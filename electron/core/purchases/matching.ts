import type { PurchaseMatchBy } from '../db/schema';
import type { PurchaseLineRow } from './store';
import { mappingKey, type ArticleRef, type PurchaseStockStore } from './stock-store';

export interface LineMatch {
  readonly article: ArticleRef;
  readonly by: PurchaseMatchBy;
  /** True when it was found now by a key, not stored on the line yet. */
  readonly found: boolean;
}

/**
 * The article a purchase line is. A stored choice wins (typed on a manual purchase, resolved by the operator,
 * or matched at an earlier confirmation). Otherwise, in this order: the remembered mapping of this supplier
 * (their reference, or the line's name when they send none), the barcode (StandardItemIdentification), our
 * code (BuyersItemIdentification). ASSUMPTION: the supplier's own reference is never taken as our code (a
 * supplier's "A12" is not our A12); the operator maps it once and it is remembered.
 */
export function matchLine(
  store: PurchaseStockStore,
  supplierId: string,
  l: PurchaseLineRow,
): LineMatch | null {
  if (l.article_id !== null) {
    const a = store.article(l.article_id);
    return a ? { article: a, by: l.match_by ?? 'operator', found: false } : null;
  }
  const mapped = store.bySupplierRef(supplierId, mappingKey(l));
  if (mapped) return { article: mapped, by: 'supplier-ref', found: true };
  if (l.standard_item_id) {
    const a = store.byBarcode(l.standard_item_id);
    if (a) return { article: a, by: 'barcode', found: true };
  }
  if (l.buyer_item_id) {
    const a = store.byCode(l.buyer_item_id);
    if (a) return { article: a, by: 'code', found: true };
  }
  return null;
}
