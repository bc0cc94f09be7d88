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

/** Rows per multi-row statement (15 values a movement: far below SQLite's parameter limit). */
const CHUNK = 16;

interface BalanceState {
  quantity: string;
  avgCost: string | null;
  lastCost: string | null;
  lastSeq: number;
}

export function createLedger(db: Db, newId: () => string): Ledger {
  const { k } = db;
  // Prepared once (per row count): these run for every sale, inside the fiscal transaction (hot path). A post
  // reads all its balances in one statement, writes all its movements in one and its final balances in one:
  // three statements for a sale of any number of lines, instead of three per line.
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
  const insMovements = byCount((n) =>
    prepared(
      db,
      k.insertInto('stock_movement').values(
        Array.from({ length: n }, (_, i) => ({
          id: param<string>(`id${i}`),
          seq: param<number>(`seq${i}`),
          article_id: param<number>(`article_id${i}`),
          warehouse_id: param<number>(`warehouse_id${i}`),
          quantity: param<string>(`quantity${i}`),
          unit_cost: param<string>(`unit_cost${i}`),
          cause: param<StockCause>(`cause${i}`),
          document_id: param<number>(`document_id${i}`),
          document_line_id: param<number>(`document_line_id${i}`),
          reference: param<string>(`reference${i}`),
          reverses_id: param<string>(`reverses_id${i}`),
          balance_after: param<string>(`balance_after${i}`),
          operator_id: param<number>(`operator_id${i}`),
          note: param<string>(`note${i}`),
          at: param<string>('at'),
        })),
      ),
    ),
  );
  const upsertBalances = byCount((n) =>
    prepared(
      db,
      k
        .insertInto('stock_balance')
        .values(
          Array.from({ length: n }, (_, i) => ({
            article_id: param<number>(`article_id${i}`),
            warehouse_id: param<number>(`warehouse_id${i}`),
            quantity: param<string>(`quantity${i}`),
            avg_cost: param<string>(`avg_cost${i}`),
            last_cost: param<string>(`last_cost${i}`),
            last_seq: param<number>(`last_seq${i}`),
            updated_at: param<string>('at'),
            value_cents: param<number>(`value_cents${i}`),
          })),
        )
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
    ),
  );
  const lastSeq = (): number => selLastSeq.get()?.seq ?? 0;
  const key = (articleId: number, warehouseId: number): string => `${articleId}:${warehouseId}`;

  /** The balances of these article/warehouse pairs as they stand (absent: none yet). */
  function readBalances(pairs: ReadonlyArray<readonly [number, number]>): Map<string, BalanceState> {
    const out = new Map<string, BalanceState>();
    for (const [a, w] of pairs) {
      const b = selBalance.get({ article: a, warehouse: w });
      if (b)
        out.set(key(a, w), { quantity: b.quantity, avgCost: b.avg_cost, lastCost: b.last_cost, lastSeq: 0 });
    }
    return out;
  }

  /** Checks one movement against the balance before it and computes the balance after (no write). */
  function apply(m: MovementInput, seq: number, bal: BalanceState | undefined, opts: PostOptions) {
    const dq = new Dec(m.quantity);
    if (dq.isZero()) throw new PosError('VALIDATION', t('stock.zeroQuantity'));
    const dir = DIRECTION[m.cause] * (m.reversesId ? -1 : 1);
    if (dir !== 0 && dq.s !== dir) {
      throw new PosError('VALIDATION', t('stock.wrongSign', { cause: m.cause, quantity: m.quantity }));
    }
    if (m.cause === 'purchase' && !m.reversesId && (m.unitCost === undefined || m.unitCost === null)) {
      throw new PosError('VALIDATION', t('stock.costRequired', { article: String(m.articleId) }));
    }
    const before = { quantity: bal?.quantity ?? '0', avgCost: bal?.avgCost ?? null };
    const unitCost =
      m.unitCost === undefined ? before.avgCost : m.unitCost === null ? null : plainQty(m.unitCost);
    const after = new Dec(before.quantity).plus(dq);
    const balanceAfter = plainQty(after);
    const avgCostAfter = averageAfter(before, m.quantity, unitCost);
    const lastCost = m.cause === 'purchase' && !m.reversesId ? unitCost : (bal?.lastCost ?? null);
    const posted: PostedMovement = {
      id: newId(),
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
    const state: BalanceState = { quantity: balanceAfter, avgCost: avgCostAfter, lastCost, lastSeq: seq };
    return { posted, state };
  }

  return {
    lastSeq,
    post(movements, opts) {
      if (movements.length === 0) return [];
      return db.tx(() => {
        const balances = readBalances([
          ...new Map(
            movements.map((m) => [key(m.articleId, m.warehouseId), [m.articleId, m.warehouseId] as const]),
          ).values(),
        ]);
        // Every movement is checked and computed before anything is written (a refusal writes nothing); one
        // article twice in a post chains through `balances`, as consecutive movements do.
        let seq = lastSeq();
        const touched = new Map<string, BalanceState & { articleId: number; warehouseId: number }>();
        const posted = movements.map((m) => {
          const kk = key(m.articleId, m.warehouseId);
          const r = apply(m, ++seq, balances.get(kk), opts);
          balances.set(kk, r.state);
          touched.set(kk, { ...r.state, articleId: m.articleId, warehouseId: m.warehouseId });
          return r.posted;
        });
        const at = opts.at.toISOString();
        for (let i = 0; i < movements.length; i += CHUNK) {
          const values: Record<string, unknown> = { at };
          const n = Math.min(CHUNK, movements.length - i);
          for (let j = 0; j < n; j++) {
            const m = movements[i + j]!;
            const p = posted[i + j]!;
            values[`id${j}`] = p.id;
            values[`seq${j}`] = p.seq;
            values[`article_id${j}`] = m.articleId;
            values[`warehouse_id${j}`] = m.warehouseId;
            values[`quantity${j}`] = p.quantity;
            values[`unit_cost${j}`] = p.unitCost;
            values[`cause${j}`] = m.cause;
            values[`document_id${j}`] = m.documentId ?? null;
            values[`document_line_id${j}`] = m.documentLineId ?? null;
            values[`reference${j}`] = m.reference ?? null;
            values[`reverses_id${j}`] = m.reversesId ?? null;
            values[`balance_after${j}`] = p.balanceAfter;
            values[`operator_id${j}`] = m.operatorId;
            values[`note${j}`] = m.note ?? null;
          }
          insMovements(n).run(values);
        }
        // The final balance of each pair once (the state after its last movement of this post).
        const finals = [...touched.values()];
        for (let i = 0; i < finals.length; i += CHUNK) {
          const values: Record<string, unknown> = { at };
          const part = finals.slice(i, i + CHUNK);
          part.forEach((b, j) => {
            values[`article_id${j}`] = b.articleId;
            values[`warehouse_id${j}`] = b.warehouseId;
            values[`quantity${j}`] = b.quantity;
            values[`avg_cost${j}`] = b.avgCost;
            values[`last_cost${j}`] = b.lastCost;
            values[`last_seq${j}`] = b.lastSeq;
            // The valuation sums this (queries.ts): computed once here, exact, instead of on every report.
            values[`value_cents${j}`] = valueCents(b.quantity, b.avgCost);
          });
          upsertBalances(part.length).run(values);
        }
        return posted;
      });
    },
  };
}

/** One prepared statement per row count (1…CHUNK), built on first use. */
function byCount<P>(build: (n: number) => P): (n: number) => P {
  const cache = new Map<number, P>();
  return (n) => {
    let p = cache.get(n);
    if (!p) {
      p = build(n);
      cache.set(n, p);
    }
    return p;
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
