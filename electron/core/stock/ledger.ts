import { PosError } from '../../../shared/errors';
import { t } from '../../../shared/i18n';
import { Dec } from '../../../shared/money';
import type { Db } from '../db/open';
import { param, prepared } from '../db/prepared';
import type { StockCause } from '../db/schema';
import { averageAfter, valueCents } from './cost';

export type { StockCause };

export const STOCK_CAUSES = [
  'sale',
  'return',
  'purchase',
  'purchase-return',
  'transfer-out',
  'transfer-in',
  'adjustment',
  'breakage',
] as const satisfies readonly StockCause[];

/** Which way each cause moves goods (a reversal moves the other way); adjustments go either way. */
const DIRECTION: Record<StockCause, 1 | -1 | 0> = {
  sale: -1,
  return: 1,
  purchase: 1,
  'purchase-return': -1,
  'transfer-out': -1,
  'transfer-in': 1,
  adjustment: 0,
  breakage: -1,
};

/** What may happen when an outgoing movement takes a balance below zero (setting `stock.below-zero`). */
export type BelowZeroPolicy = 'allow' | 'warn' | 'refuse';

export interface MovementInput {
  readonly articleId: number;
  readonly warehouseId: number;
  /** Signed exact decimal: negative takes goods out. */
  readonly quantity: string;
  /**
   * Unit cost of the goods moved. Omitted: the balance's average cost at that moment (what a sale, a transfer,
   * a breakage takes out at). Required for purchases (it is what updates the average).
   */
  readonly unitCost?: string | null;
  readonly cause: StockCause;
  /** The fiscal document that caused it (sales, returns; later GT/GR). */
  readonly documentId?: number | null;
  readonly documentLineId?: number | null;
  /** Any other operation: `purchase:<id>`, `transfer:<id>`, `count:<id>`. */
  readonly reference?: string | null;
  /** The movement this one undoes (a cancellation): quantity opposite, same cost. */
  readonly reversesId?: string | null;
  readonly operatorId: number | null;
  readonly note?: string | null;
}

export interface PostedMovement {
  readonly id: string;
  readonly seq: number;
  readonly articleId: number;
  readonly warehouseId: number;
  readonly quantity: string;
  readonly unitCost: string | null;
  readonly balanceAfter: string;
  readonly avgCostAfter: string | null;
}

export interface PostOptions {
  readonly at: Date;
  /** Applied to outgoing sales and transfers only; counts, breakage and reversals always post. Default 'allow'. */
  readonly belowZero?: BelowZeroPolicy;
  /** Called for each movement that leaves its balance below zero (policy 'warn'). */
  readonly onBelowZero?: (m: PostedMovement) => void;
}

export interface Ledger {
  /**
   * Appends the movements and updates their balances, all or nothing, in the caller's transaction if there is
   * one (the fiscal document's: the movement commits with its cause or not at all), otherwise in its own.
   */
  post(movements: readonly MovementInput[], opts: PostOptions): PostedMovement[];
  /** Position of the last movement in the ledger (0 when empty). */
  lastSeq(): number;
}

/** Canonical text of an exact decimal: no exponent, no trailing zeros, never "-0". */
export function plainQty(v: Dec | string): string {
  const d = new Dec(v);
  return d.isZero() ? '0' : d.toFixed();
}

export function createLedger(db: Db, newId: () => string): Ledger {
  const { k } = db;
  // Prepared once: these run for every tracked line of every sale, inside the fiscal transaction (hot path).
  const selLastSeq = prepared(
    db,
    k.selectFrom('stock_movement').select((e) => e.fn.max('seq').as('seq')),
  );
  const selBalance = prepared(
    db,
    k
      .selectFrom('stock_balance')
      .select(['quantity', 'avg_cost', 'last_cost'])
      .where('article_id', '=', param<number>('article'))
      .where('warehouse_id', '=', param<number>('warehouse')),
  );
  const insMovement = prepared(
    db,
    k.insertInto('stock_movement').values({
      id: param<string>('id'),
      seq: param<number>('seq'),
      article_id: param<number>('article_id'),
      warehouse_id: param<number>('warehouse_id'),
      quantity: param<string>('quantity'),
      unit_cost: param<string>('unit_cost'),
      cause: param<StockCause>('cause'),
      document_id: param<number>('document_id'),
      document_line_id: param<number>('document_line_id'),
      reference: param<string>('reference'),
      reverses_id: param<string>('reverses_id'),
      balance_after: param<string>('balance_after'),
      operator_id: param<number>('operator_id'),
      note: param<string>('note'),
      at: param<string>('at'),
    }),
  );
  const upsertBalance = prepared(
    db,
    k
      .insertInto('stock_balance')
      .values({
        article_id: param<number>('article_id'),
        warehouse_id: param<number>('warehouse_id'),
        quantity: param<string>('quantity'),
        avg_cost: param<string>('avg_cost'),
        last_cost: param<string>('last_cost'),
        last_seq: param<number>('last_seq'),
        updated_at: param<string>('updated_at'),
        value_cents: param<number>('value_cents'),
      })
      .onConflict((oc) =>
        oc.columns(['article_id', 'warehouse_id']).doUpdateSet((e) => ({
          quantity: e.ref('excluded.quantity'),
          avg_cost: e.ref('excluded.avg_cost'),
          last_cost: e.ref('excluded.last_cost'),
          last_seq: e.ref('excluded.last_seq'),
          updated_at: e.ref('excluded.updated_at'),
          value_cents: e.ref('excluded.value_cents'),
        })),
      ),
  );
  const lastSeq = (): number => selLastSeq.get()?.seq ?? 0;

  function postOne(m: MovementInput, seq: number, opts: PostOptions): PostedMovement {
    const dq = new Dec(m.quantity);
    if (dq.isZero()) throw new PosError('VALIDATION', t('stock.zeroQuantity'));
    const dir = DIRECTION[m.cause] * (m.reversesId ? -1 : 1);
    if (dir !== 0 && dq.s !== dir) {
      throw new PosError('VALIDATION', t('stock.wrongSign', { cause: m.cause, quantity: m.quantity }));
    }
    if (m.cause === 'purchase' && !m.reversesId && (m.unitCost === undefined || m.unitCost === null)) {
      throw new PosError('VALIDATION', t('stock.costRequired', { article: String(m.articleId) }));
    }
    const bal = selBalance.get({ article: m.articleId, warehouse: m.warehouseId });
    const before = { quantity: bal?.quantity ?? '0', avgCost: bal?.avg_cost ?? null };
    const unitCost =
      m.unitCost === undefined ? before.avgCost : m.unitCost === null ? null : plainQty(m.unitCost);
    const after = new Dec(before.quantity).plus(dq);
    const balanceAfter = plainQty(after);
    const avgCostAfter = averageAfter(before, m.quantity, unitCost);
    const lastCost = m.cause === 'purchase' && !m.reversesId ? unitCost : (bal?.last_cost ?? null);
    const at = opts.at.toISOString();
    const id = newId();
    const posted: PostedMovement = {
      id,
      seq,
      articleId: m.articleId,
      warehouseId: m.warehouseId,
      quantity: plainQty(dq),
      unitCost,
      balanceAfter,
      avgCostAfter,
    };
    const guarded = !m.reversesId && (m.cause === 'sale' || m.cause === 'transfer-out');
    if (guarded && dq.isNeg() && after.isNeg()) {
      const policy = opts.belowZero ?? 'allow';
      if (policy === 'refuse') {
        throw new PosError(
          'CONFLICT',
          t('stock.belowZero', {
            article: articleLabel(db, m.articleId),
            warehouse: warehouseLabel(db, m.warehouseId),
            available: plainQty(before.quantity),
            requested: plainQty(dq.neg()),
          }),
          { articleId: m.articleId, warehouseId: m.warehouseId, available: before.quantity },
        );
      }
      if (policy === 'warn') opts.onBelowZero?.(posted);
    }
    insMovement.run({
      id,
      seq,
      article_id: m.articleId,
      warehouse_id: m.warehouseId,
      quantity: posted.quantity,
      unit_cost: unitCost,
      cause: m.cause,
      document_id: m.documentId ?? null,
      document_line_id: m.documentLineId ?? null,
      reference: m.reference ?? null,
      reverses_id: m.reversesId ?? null,
      balance_after: balanceAfter,
      operator_id: m.operatorId,
      note: m.note ?? null,
      at,
    });
    upsertBalance.run({
      article_id: m.articleId,
      warehouse_id: m.warehouseId,
      quantity: balanceAfter,
      avg_cost: avgCostAfter,
      last_cost: lastCost,
      last_seq: seq,
      updated_at: at,
      // The valuation sums this (queries.ts): computed once here, exact, instead of on every report.
      value_cents: valueCents(balanceAfter, avgCostAfter),
    });
    return posted;
  }

  return {
    lastSeq,
    post(movements, opts) {
      if (movements.length === 0) return [];
      return db.tx(() => {
        let seq = lastSeq();
        return movements.map((m) => postOne(m, ++seq, opts));
      });
    },
  };
}

function articleLabel(db: Db, id: number): string {
  const a = db.get(db.k.selectFrom('article').select(['code', 'name']).where('id', '=', id));
  return a ? `${a.code} ${a.name}` : String(id);
}

function warehouseLabel(db: Db, id: number): string {
  const w = db.get(db.k.selectFrom('warehouse').select('code').where('id', '=', id));
  return w ? w.code : String(id);
}
