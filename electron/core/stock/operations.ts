import { PosError } from '../../../shared/errors';
import { t } from '../../../shared/i18n';
import type { Db } from '../db/open';
import type { BelowZeroPolicy, Ledger, PostedMovement } from './ledger';

export function isTracked(db: Db, articleId: number): boolean {
  const a = db.get(
    db.k.selectFrom('article').select(['product_type', 'stock_tracked']).where('id', '=', articleId),
  );
  return a !== undefined && a.product_type === 'P' && a.stock_tracked === 1;
}

/** Articles whose stock is kept: products (ProductType P) not marked "sem stock". */
export function assertTracked(db: Db, articleId: number): { code: string; name: string } {
  const a = db.get(
    db.k
      .selectFrom('article')
      .select(['code', 'name', 'product_type', 'stock_tracked'])
      .where('id', '=', articleId),
  );
  if (!a) throw new PosError('NOT_FOUND', t('stock.articleNotFound', { article: String(articleId) }));
  if (a.product_type !== 'P' || a.stock_tracked !== 1) {
    throw new PosError('VALIDATION', t('stock.notTracked', { article: `${a.code} ${a.name}` }));
  }
  return a;
}

export interface PurchaseLineInput {
  readonly articleId: number;
  /** Positive exact decimal: what arrived (purchase) or went back to the supplier (purchase-return). */
  readonly quantity: string;
  /** Net unit cost paid (after the supplier's discounts, without VAT): ASSUMPTION, see README.md. */
  readonly unitCost: string;
}

/**
 * The typed entry point of the purchases domain (electron/core/purchases): confirming a purchase posts its lines
 * into one warehouse, in the caller's transaction (so the purchase and its stock commit together). `purchaseRef`
 * is the purchase document's id; the movements carry `purchase:<ref>`.
 */
export interface PurchasePosting {
  readonly purchaseRef: string;
  readonly warehouseId: number;
  readonly cause: 'purchase' | 'purchase-return';
  readonly lines: readonly PurchaseLineInput[];
  readonly operatorId: number | null;
  readonly note?: string;
}

export function postPurchase(db: Db, ledger: Ledger, p: PurchasePosting, at: Date): PostedMovement[] {
  return db.tx(() => {
    for (const l of p.lines) assertTracked(db, l.articleId);
    return ledger.post(
      p.lines.map((l) => ({
        articleId: l.articleId,
        warehouseId: p.warehouseId,
        quantity: p.cause === 'purchase' ? l.quantity : `-${l.quantity}`,
        unitCost: l.unitCost,
        cause: p.cause,
        reference: `purchase:${p.purchaseRef}`,
        operatorId: p.operatorId,
        note: p.note ?? null,
      })),
      { at },
    );
  });
}

export interface TransferInput {
  readonly fromWarehouseId: number;
  readonly toWarehouseId: number;
  readonly lines: ReadonlyArray<{ articleId: number; quantity: string }>;
  readonly operatorId: number | null;
  readonly note?: string;
}

/**
 * A transfer: out of one warehouse at its average cost, into the other at that same cost (which updates the
 * receiving average), both in one transaction, sharing `transfer:<id>`. ASSUMPTION: no transfer table; the GT
 * that will document it (item 7) references the same id.
 */
export function postTransfer(
  db: Db,
  ledger: Ledger,
  tr: TransferInput & { id: string },
  at: Date,
  belowZero: BelowZeroPolicy,
): PostedMovement[] {
  if (tr.fromWarehouseId === tr.toWarehouseId) throw new PosError('VALIDATION', t('stock.sameWarehouse'));
  const reference = `transfer:${tr.id}`;
  return db.tx(() => {
    const out: PostedMovement[] = [];
    for (const l of tr.lines) {
      assertTracked(db, l.articleId);
      const [taken] = ledger.post(
        [
          {
            articleId: l.articleId,
            warehouseId: tr.fromWarehouseId,
            quantity: `-${l.quantity}`,
            cause: 'transfer-out',
            reference,
            operatorId: tr.operatorId,
            note: tr.note ?? null,
          },
        ],
        { at, belowZero },
      );
      const [put] = ledger.post(
        [
          {
            articleId: l.articleId,
            warehouseId: tr.toWarehouseId,
            quantity: l.quantity,
            unitCost: taken.unitCost,
            cause: 'transfer-in',
            reference,
            operatorId: tr.operatorId,
            note: tr.note ?? null,
          },
        ],
        { at },
      );
      out.push(taken, put);
    }
    return out;
  });
}

export interface AdjustmentInput {
  readonly articleId: number;
  readonly warehouseId: number;
  /** Signed for an adjustment; breakage is always an exit (give the positive quantity broken). */
  readonly quantity: string;
  readonly cause: 'adjustment' | 'breakage';
  readonly unitCost?: string;
  readonly operatorId: number | null;
  readonly note?: string;
}

export function postAdjustment(db: Db, ledger: Ledger, a: AdjustmentInput, at: Date): PostedMovement {
  return db.tx(() => {
    assertTracked(db, a.articleId);
    const quantity = a.cause === 'breakage' && !a.quantity.startsWith('-') ? `-${a.quantity}` : a.quantity;
    return ledger.post(
      [
        {
          articleId: a.articleId,
          warehouseId: a.warehouseId,
          quantity,
          unitCost: a.unitCost,
          cause: a.cause,
          reference: null,
          operatorId: a.operatorId,
          note: a.note ?? null,
        },
      ],
      { at },
    )[0];
  });
}
