import type { Core } from '../../../electron/core/core';

/** An article of the embedded demo catalogue by code (A0056…A0062 are weighed, A0054/A0055 services). */
export function article(core: Core, code: string): { id: number; price: string; unit: string } {
  const db = core.ctx.db;
  const a = db.get(db.k.selectFrom('article').select(['id', 'price', 'unit']).where('code', '=', code));
  if (!a) throw new Error(`no article ${code}`);
  return a;
}

/** The fiscal line ids of a document, in line order. */
export function lineIds(core: Core, documentId: number): number[] {
  const db = core.ctx.db;
  return db
    .all(db.k.selectFrom('fiscal_line').select('id').where('document_id', '=', documentId).orderBy('line_no'))
    .map((r) => r.id);
}

/** Quantity on hand (canonical decimal text) of an article in a warehouse, from the maintained balance. */
export function onHand(core: Core, articleId: number, warehouseId = 1): string {
  return core.stock.stock({ articleId, warehouseId })[0]?.quantity ?? '0';
}
