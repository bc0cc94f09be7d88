import type { Db } from '../db/open';
import type { PurchaseMatchBy } from '../db/schema';

export interface ArticleRef {
  id: number;
  code: string;
  name: string;
}

/** The article a remembered mapping keys on: the supplier's reference, or else the line's name. */
export function mappingKey(l: { seller_item_id: string | null; name: string }): string {
  const ref = l.seller_item_id?.trim();
  return ref ? ref : `nome:${l.name.trim().replace(/\s+/g, ' ').toLowerCase()}`;
}

/**
 * Queries of issue 13 item 4 (migration 0750): the articles lines match, the remembered supplier references,
 * the confirmation and returns. Everything here runs inside the caller's transaction.
 */
export function createPurchaseStockStore(db: Db) {
  const k = db.k;
  const articleCols = ['a.id', 'a.code', 'a.name'] as const;
  return {
    article: (id: number): ArticleRef | undefined =>
      db.get(k.selectFrom('article as a').select(articleCols).where('a.id', '=', id)),
    byCode: (code: string): ArticleRef | undefined =>
      db.get(k.selectFrom('article as a').select(articleCols).where('a.code', '=', code.trim())),
    byBarcode(barcode: string): ArticleRef | undefined {
      const b = barcode.trim();
      return (
        db.get(
          k
            .selectFrom('article_barcode as b')
            .innerJoin('article as a', 'a.id', 'b.article_id')
            .select(articleCols)
            .where('b.barcode', '=', b),
        ) ?? db.get(k.selectFrom('article as a').select(articleCols).where('a.barcode', '=', b))
      );
    },
    bySupplierRef: (supplierId: string, key: string): ArticleRef | undefined =>
      db.get(
        k
          .selectFrom('supplier_article_ref as r')
          .innerJoin('article as a', 'a.id', 'r.article_id')
          .select(articleCols)
          .where('r.supplier_id', '=', supplierId)
          .where('r.supplier_ref', '=', key),
      ),
    remember(supplierId: string, key: string, articleId: number, at: string): void {
      db.run(
        k
          .insertInto('supplier_article_ref')
          .values({ supplier_id: supplierId, supplier_ref: key, article_id: articleId, updated_at: at })
          .onConflict((oc) =>
            oc
              .columns(['supplier_id', 'supplier_ref'])
              .doUpdateSet({ article_id: articleId, updated_at: at }),
          ),
      );
    },
    setLineArticle(purchaseId: string, lineNo: number, articleId: number, by: PurchaseMatchBy): void {
      db.run(
        k
          .updateTable('purchase_line')
          .set({ article_id: articleId, match_by: by })
          .where('purchase_id', '=', purchaseId)
          .where('line_no', '=', lineNo),
      );
    },
    /** Marks the purchase confirmed into a warehouse; false when it already was (the once-only guard). */
    confirm(id: string, warehouseId: number, at: string, by: number | null): boolean {
      return (
        db.run(
          k
            .updateTable('purchase')
            .set({ warehouse_id: warehouseId, confirmed_at: at, confirmed_by: by })
            .where('id', '=', id)
            .where('confirmed_at', 'is', null),
        ).changes === 1
      );
    },
    /** Same supplier and same number (case and spacing aside), whatever the source; `except` is the one edited. */
    sameNumber(
      supplierId: string,
      number: string,
      except?: string,
    ): { id: string; created_at: string } | undefined {
      let q = k
        .selectFrom('purchase')
        .select(['id', 'created_at'])
        .where('supplier_id', '=', supplierId)
        .where((eb) => eb(eb.fn('upper', ['number']), '=', number.toUpperCase()));
      if (except !== undefined) q = q.where('id', '<>', except);
      return db.get(q);
    },
    returns: (purchaseId: string) =>
      db.all(
        k
          .selectFrom('purchase_return')
          .selectAll()
          .where('purchase_id', '=', purchaseId)
          .orderBy('created_at')
          .orderBy('id'),
      ),
    returnLines: (purchaseId: string) =>
      db.all(
        k
          .selectFrom('purchase_return_line as l')
          .innerJoin('purchase_return as r', 'r.id', 'l.return_id')
          .select(['l.return_id', 'l.line_no', 'l.quantity'])
          .where('r.purchase_id', '=', purchaseId),
      ),
    insertReturn(
      r: { id: string; purchase_id: string; reason: string; operator_id: number | null; created_at: string },
      lines: ReadonlyArray<{ line_no: number; quantity: string }>,
    ): void {
      db.run(k.insertInto('purchase_return').values(r));
      for (const l of lines) db.run(k.insertInto('purchase_return_line').values({ return_id: r.id, ...l }));
    },
    warehouse: (id: number) =>
      db.get(k.selectFrom('warehouse').select(['id', 'code', 'name', 'active']).where('id', '=', id)),
    tracked(articleId: number): boolean {
      const a = db.get(
        k.selectFrom('article').select(['product_type', 'stock_tracked']).where('id', '=', articleId),
      );
      return a !== undefined && a.product_type === 'P' && a.stock_tracked === 1;
    },
  };
}
export type PurchaseStockStore = ReturnType<typeof createPurchaseStockStore>;
