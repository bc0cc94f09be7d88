import { PosError } from '../../../shared/errors';
import { t } from '../../../shared/i18n';
import { Dec } from '../../../shared/money';
import type { Db } from '../db/open';
import { plainQty } from './ledger';
import { assertTracked } from './operations';

export interface ReorderRule {
  articleId: number;
  warehouseId: number;
  minimum: string;
  reorderQty: string | null;
}

export interface ToOrderLine {
  articleId: number;
  code: string;
  name: string;
  unit: string;
  warehouseId: number;
  warehouse: string;
  quantity: string;
  minimum: string;
  reorderQty: string | null;
  suggested: string;
  lastCost: string | null;
  supplier: string | null;
}

/**
 * What is needed to bring a balance back to its minimum. ASSUMPTION: the reorder quantity is the lot ordered
 * in one go, so the suggestion is the smallest number of lots that reaches the minimum (at least one lot);
 * without a reorder quantity it is exactly what is missing. Only below the minimum (strictly) is anything
 * suggested: at the minimum nothing is missing.
 */
export function suggestedQuantity(
  quantity: string,
  minimum: string,
  reorderQty: string | null,
): string | null {
  const missing = new Dec(minimum).minus(quantity);
  if (missing.lte(0)) return null;
  if (reorderQty === null) return plainQty(missing);
  const lot = new Dec(reorderQty);
  return plainQty(lot.times(Dec.max(1, missing.dividedBy(lot).ceil())));
}

/**
 * Reorder rules (minimum and reorder quantity per article and warehouse, table `stock_reorder`) and the
 * "Artigos a encomendar" list: every active tracked article whose balance is below its minimum (no balance = 0).
 */
export function createReorder(db: Db) {
  const { k } = db;

  /** The supplier of the article's last purchase into that warehouse, if any (its movements name the purchase). */
  const lastSupplier = (articleId: number, warehouseId: number): string | null => {
    const m = db.get(
      k
        .selectFrom('stock_movement')
        .select('reference')
        .where('article_id', '=', articleId)
        .where('warehouse_id', '=', warehouseId)
        .where('cause', '=', 'purchase')
        .where('reverses_id', 'is', null)
        .orderBy('seq', 'desc')
        .limit(1),
    );
    const ref = m?.reference?.startsWith('purchase:') ? m.reference.slice('purchase:'.length) : null;
    if (!ref) return null;
    const s = db.get(
      k
        .selectFrom('purchase as p')
        .innerJoin('supplier as s', 's.id', 'p.supplier_id')
        .select('s.name')
        .where('p.id', '=', ref),
    );
    return s?.name ?? null;
  };

  return {
    rules(f: { articleId?: number; warehouseId?: number } = {}): ReorderRule[] {
      let q = k
        .selectFrom('stock_reorder')
        .select(['article_id', 'warehouse_id', 'minimum', 'reorder_qty'])
        .orderBy('article_id')
        .orderBy('warehouse_id');
      if (f.articleId !== undefined) q = q.where('article_id', '=', f.articleId);
      if (f.warehouseId !== undefined) q = q.where('warehouse_id', '=', f.warehouseId);
      return db.all(q).map((r) => ({
        articleId: r.article_id,
        warehouseId: r.warehouse_id,
        minimum: r.minimum,
        reorderQty: r.reorder_qty,
      }));
    },
    /** Sets the rule; a minimum of null removes it (the article is no longer watched in that warehouse). */
    save(
      rule: { articleId: number; warehouseId: number; minimum: string | null; reorderQty: string | null },
      at: Date,
    ): ReorderRule | null {
      assertTracked(db, rule.articleId);
      if (rule.minimum === null) {
        db.run(
          k
            .deleteFrom('stock_reorder')
            .where('article_id', '=', rule.articleId)
            .where('warehouse_id', '=', rule.warehouseId),
        );
        return null;
      }
      if (rule.reorderQty !== null && new Dec(rule.reorderQty).lte(0))
        throw new PosError('VALIDATION', t('stock.reorderQtyPositive'));
      const row = {
        article_id: rule.articleId,
        warehouse_id: rule.warehouseId,
        minimum: plainQty(rule.minimum),
        reorder_qty: rule.reorderQty === null ? null : plainQty(rule.reorderQty),
        updated_at: at.toISOString(),
      };
      db.run(
        k
          .insertInto('stock_reorder')
          .values(row)
          .onConflict((oc) =>
            oc.columns(['article_id', 'warehouse_id']).doUpdateSet({
              minimum: row.minimum,
              reorder_qty: row.reorder_qty,
              updated_at: row.updated_at,
            }),
          ),
      );
      return {
        articleId: row.article_id,
        warehouseId: row.warehouse_id,
        minimum: row.minimum,
        reorderQty: row.reorder_qty,
      };
    },
    /** "Artigos a encomendar": below the minimum, in article code then warehouse code order. */
    toOrder(f: { warehouseId?: number } = {}): ToOrderLine[] {
      let q = k
        .selectFrom('stock_reorder as r')
        .innerJoin('article as a', 'a.id', 'r.article_id')
        .innerJoin('warehouse as w', 'w.id', 'r.warehouse_id')
        .leftJoin('stock_balance as b', (j) =>
          j.onRef('b.article_id', '=', 'r.article_id').onRef('b.warehouse_id', '=', 'r.warehouse_id'),
        )
        .select([
          'r.article_id',
          'a.code',
          'a.name',
          'a.unit',
          'r.warehouse_id',
          'w.code as warehouse',
          'b.quantity',
          'b.last_cost',
          'r.minimum',
          'r.reorder_qty',
        ])
        .where('a.active', '=', 1)
        .where('a.product_type', '=', 'P')
        .where('a.stock_tracked', '=', 1)
        .orderBy('a.code')
        .orderBy('w.code');
      if (f.warehouseId !== undefined) q = q.where('r.warehouse_id', '=', f.warehouseId);
      const out: ToOrderLine[] = [];
      for (const r of db.all(q)) {
        const quantity = r.quantity ?? '0';
        const suggested = suggestedQuantity(quantity, r.minimum, r.reorder_qty);
        if (suggested === null) continue;
        out.push({
          articleId: r.article_id,
          code: r.code,
          name: r.name,
          unit: r.unit,
          warehouseId: r.warehouse_id,
          warehouse: r.warehouse,
          quantity,
          minimum: r.minimum,
          reorderQty: r.reorder_qty,
          suggested,
          lastCost: r.last_cost ?? null,
          supplier: lastSupplier(r.article_id, r.warehouse_id),
        });
      }
      return out;
    },
  };
}
export type Reorder = ReturnType<typeof createReorder>;
