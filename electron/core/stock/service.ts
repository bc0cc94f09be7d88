import { z } from 'zod';
import { Dec } from '../../../shared/money';
import type { CoreContext } from '../context';
import { writeSetting } from '../system/settings';
import { prepared } from '../db/prepared';
import type { DocumentHooks } from '../sync/document-hooks';
import { createCounts } from './counts';
import { registerDocumentMoves } from './document-moves';
import { stockIdFactory } from './ids';
import { createLedger, type BelowZeroPolicy, type PostedMovement } from './ledger';
import {
  isTracked,
  postAdjustment,
  postPurchase,
  postTransfer,
  type AdjustmentInput,
  type PurchasePosting,
  type TransferInput,
} from './operations';
import { mismatches, movements, stockLines, stockListing, valuation, type StockFilter } from './queries';
import { stockPage, type StockPageQuery } from './levels-page';
import { createReorder } from './reorder';
import { createWarehouses } from './warehouses';

export const BELOW_ZERO_SETTING = 'stock.below-zero';
export const BelowZero = z.enum(['allow', 'warn', 'refuse']);
/** Small shops sell what is on the shelf even when the system says there is none (issue 13). */
export const DEFAULT_BELOW_ZERO: BelowZeroPolicy = 'warn';

/**
 * Stock: warehouses, the append-only ledger and its balances, costs, transfers, counts. Sales and returns move
 * stock through the fiscal document hooks (document-moves.ts); purchases post through `postPurchase`.
 */
export function createStockService(ctx: CoreContext, hooks: DocumentHooks) {
  const { db, clock } = ctx;
  const newId = stockIdFactory(ctx.terminalId, () => clock.now().getTime());
  const ledger = createLedger(db, newId);
  const warehouses = createWarehouses(db, ctx.terminalId);
  const counts = createCounts(db, ledger, newId);
  // Prepared once: read for every sale. The value is checked (the database file is a trust boundary).
  const selBelowZero = prepared(
    db,
    db.k.selectFrom('setting').select('value').where('key', '=', BELOW_ZERO_SETTING),
  );
  // Re-read every time (another process may change it), parsed only when the stored text changed.
  let parsed: { raw: string; policy: BelowZeroPolicy } | null = null;
  const belowZero = (): BelowZeroPolicy => {
    const row = selBelowZero.get();
    if (!row) return DEFAULT_BELOW_ZERO;
    if (parsed?.raw !== row.value)
      parsed = { raw: row.value, policy: BelowZero.parse(JSON.parse(row.value)) };
    return parsed.policy;
  };
  const unregister = registerDocumentMoves(hooks, {
    db,
    ledger,
    warehouseId: () => warehouses.defaultId(),
    belowZero,
    onBelowZero: (m: PostedMovement, docNo: string) => {
      // Allowed with a warning: the till asks `stock/availability` before; this is the trace afterwards.
      ctx.log.warn('stock below zero', {
        docNo,
        articleId: m.articleId,
        warehouseId: m.warehouseId,
        balance: m.balanceAfter,
      });
    },
  });
  return {
    ledger,
    warehouses,
    counts,
    reorder: createReorder(db),
    belowZero,
    setBelowZero(p: BelowZeroPolicy): void {
      writeSetting(db, BELOW_ZERO_SETTING, p);
    },
    /** For the purchases domain: call inside the purchase's confirming transaction. */
    postPurchase: (p: PurchasePosting): PostedMovement[] => postPurchase(db, ledger, p, clock.now()),
    transfer: (tr: TransferInput): { id: string; movements: PostedMovement[] } => {
      const id = newId();
      return { id, movements: postTransfer(db, ledger, { ...tr, id }, clock.now(), belowZero()) };
    },
    adjust: (a: AdjustmentInput): PostedMovement => postAdjustment(db, ledger, a, clock.now()),
    stock: (f?: StockFilter) => stockLines(db, f),
    /** Every line with what `balcao stock` prints (the CLI reads it from the data folder directly). */
    stockListing: (f?: StockFilter) => stockListing(db, f),
    /** What the Stock and Valorização screens show: one sorted, filtered page and the count of lines. */
    stockPage: (p: StockPageQuery) => stockPage(db, p),
    valuation: (f?: StockFilter) => valuation(db, f),
    movements: (f?: Parameters<typeof movements>[1]) => movements(db, f),
    mismatches: () => mismatches(db),
    /**
     * What is on hand in the terminal's warehouse for these quantities (the till's warning). Services and
     * articles "sem stock" are never short.
     */
    availability(lines: ReadonlyArray<{ articleId: number; quantity: string }>) {
      const warehouseId = warehouses.defaultId();
      return lines.map((l) => {
        const tracked = isTracked(db, l.articleId);
        const [s] = stockLines(db, { warehouseId, articleId: l.articleId });
        const available = s?.quantity ?? '0';
        return {
          articleId: l.articleId,
          warehouseId,
          tracked,
          available,
          short: tracked && new Dec(available).lt(l.quantity),
        };
      });
    },
    stop: unregister,
  };
}
export type StockService = ReturnType<typeof createStockService>;
