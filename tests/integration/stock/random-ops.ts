import type { Core } from '../../../electron/core/core';
import { Dec } from '../../../shared/money';

/**
 * Random stock operations on a real core, seeded: purchases, purchase returns, sales (FT) with weighed and unit
 * articles, partial returns (NC), cancellations, transfers, adjustments, breakage and inventory counts. Each
 * operation is what the till, the back office or the purchases domain would do. Refused operations (e.g. a
 * transfer below zero under 'refuse') are part of the mix: they must leave nothing behind.
 */
export interface RandomOpsState {
  articles: Array<{ id: number; unit: string }>;
  warehouses: number[];
}

export function prepare(core: Core): RandomOpsState {
  const db = core.ctx.db;
  const articles = db.all(
    db.k
      .selectFrom('article')
      .select(['id', 'unit'])
      .where('product_type', '=', 'P')
      .where('stock_tracked', '=', 1)
      .orderBy('id')
      .limit(12),
  );
  let warehouses = core.stock.warehouses.list().map((w) => w.id);
  if (warehouses.length < 3) {
    const at = core.ctx.clock.now();
    core.stock.warehouses.create({ code: 'ARM', name: 'Armazém' }, at);
    core.stock.warehouses.create({ code: 'CAVE', name: 'Cave' }, at);
    warehouses = core.stock.warehouses.list().map((w) => w.id);
  }
  return { articles, warehouses };
}

function qty(rng: () => number, unit: string): string {
  const n =
    unit === 'KG'
      ? new Dec(Math.floor(rng() * 3000) + 1).dividedBy(1000)
      : new Dec(Math.floor(rng() * 5) + 1);
  return n.toFixed();
}

export function randomOp(core: Core, s: RandomOpsState, rng: () => number, i: number): string {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)];
  const art = pick(s.articles);
  const r = rng();
  const db = core.ctx.db;
  try {
    if (r < 0.15) {
      core.stock.postPurchase({
        purchaseRef: `R-${i}`,
        warehouseId: pick(s.warehouses),
        cause: rng() < 0.85 ? 'purchase' : 'purchase-return',
        lines: [{ articleId: art.id, quantity: qty(rng, art.unit), unitCost: (rng() * 9 + 0.1).toFixed(4) }],
        operatorId: 2,
      });
      return 'purchase';
    }
    if (r < 0.4) {
      const other = pick(s.articles);
      core.fiscal.issue(
        {
          type: 'FT',
          lines: [
            { articleId: art.id, quantity: qty(rng, art.unit) },
            { articleId: other.id, quantity: qty(rng, other.unit) },
          ],
        },
        1,
      );
      return 'sale';
    }
    if (r < 0.5) {
      const ft = db.get(
        db.k
          .selectFrom('fiscal_line as l')
          .innerJoin('fiscal_document as d', 'd.id', 'l.document_id')
          .select(['l.id', 'l.document_id', 'l.quantity'])
          .where('d.doc_type', '=', 'FT')
          .where('l.article_id', 'is not', null)
          .orderBy('l.id', 'desc')
          .limit(1)
          .offset(Math.floor(rng() * 5)),
      );
      if (!ft) return 'none';
      core.fiscal.issue(
        {
          type: 'NC',
          origin: { documentId: ft.document_id, reason: 'Devolução' },
          lines: [
            { originLineId: ft.id, quantity: new Dec(ft.quantity).dividedBy(2).toDecimalPlaces(3).toFixed() },
          ],
        },
        1,
      );
      return 'return';
    }
    if (r < 0.58) {
      const d = db.get(
        db.k
          .selectFrom('fiscal_document')
          .select('id')
          .where('doc_type', 'in', ['FT', 'NC'])
          .orderBy('id', 'desc')
          .limit(1)
          .offset(Math.floor(rng() * 4)),
      );
      if (!d) return 'none';
      core.fiscal.cancel(d.id, 'Anulação de teste', 2);
      return 'cancel';
    }
    if (r < 0.75) {
      const from = pick(s.warehouses);
      const to = pick(s.warehouses.filter((w) => w !== from));
      core.stock.transfer({
        fromWarehouseId: from,
        toWarehouseId: to,
        lines: [{ articleId: art.id, quantity: qty(rng, art.unit) }],
        operatorId: 2,
      });
      return 'transfer';
    }
    if (r < 0.9) {
      const cause = rng() < 0.5 ? 'adjustment' : 'breakage';
      const q = qty(rng, art.unit);
      core.stock.adjust({
        articleId: art.id,
        warehouseId: pick(s.warehouses),
        quantity: cause === 'adjustment' && rng() < 0.5 ? `-${q}` : q,
        cause,
        operatorId: 2,
      });
      return cause;
    }
    // Inventory: start a count (or continue the open one), count one article, sometimes confirm.
    const w = pick(s.warehouses);
    const open = db.get(
      db.k.selectFrom('stock_count').select('id').where('warehouse_id', '=', w).where('status', '=', 'open'),
    );
    const id =
      open?.id ?? core.stock.counts.start({ warehouseId: w, operatorId: 2 }, core.ctx.clock.now()).id;
    core.stock.counts.record(id, art.id, qty(rng, art.unit), core.ctx.clock.now());
    if (rng() < 0.4) core.stock.counts.confirm(id, 2, core.ctx.clock.now());
    return 'count';
  } catch (e) {
    // Refusals by the rules (NC above what is left, cancelling a corrected document…) are expected.
    if (e instanceof Error && e.name === 'PosError') return 'refused';
    throw e;
  }
}

/** Every ledger row's balance_after is the running sum of its article/warehouse, in ledger order. */
export function runningSumProblems(core: Core): string[] {
  const db = core.ctx.db;
  const sums = new Map<string, Dec>();
  const problems: string[] = [];
  let lastSeq = 0;
  for (const m of db.all(
    db.k
      .selectFrom('stock_movement')
      .select(['seq', 'article_id', 'warehouse_id', 'quantity', 'balance_after'])
      .orderBy('seq'),
  )) {
    if (m.seq !== lastSeq + 1) problems.push(`gap before seq ${m.seq}`);
    lastSeq = m.seq;
    const key = `${m.article_id}:${m.warehouse_id}`;
    const s = (sums.get(key) ?? new Dec(0)).plus(m.quantity);
    sums.set(key, s);
    if (!s.eq(m.balance_after)) problems.push(`seq ${m.seq}: running ${s.toFixed()} ≠ ${m.balance_after}`);
  }
  return problems;
}

/**
 * Every FT line of a tracked product has exactly one sale movement of its quantity; every movement of a cancelled
 * document is reversed exactly once, and no movement of an active document is.
 */
export function documentProblems(core: Core): string[] {
  const db = core.ctx.db;
  const problems: string[] = [];
  const lines = db.all(
    db.k
      .selectFrom('fiscal_line as l')
      .innerJoin('fiscal_document as d', 'd.id', 'l.document_id')
      .innerJoin('article as a', 'a.id', 'l.article_id')
      .select(['l.id', 'l.quantity', 'd.doc_no'])
      .where('d.doc_type', '=', 'FT')
      .where('a.stock_tracked', '=', 1)
      .where('a.product_type', '=', 'P'),
  );
  for (const l of lines) {
    const ms = db.all(
      db.k
        .selectFrom('stock_movement')
        .select('quantity')
        .where('document_line_id', '=', l.id)
        .where('reverses_id', 'is', null),
    );
    if (ms.length !== 1 || !new Dec(ms[0].quantity).eq(new Dec(l.quantity).neg())) {
      problems.push(`${l.doc_no} line ${l.id}: ${JSON.stringify(ms)}`);
    }
  }
  const cancelled = new Set(
    db.all(db.k.selectFrom('fiscal_status').select('document_id')).map((r) => r.document_id),
  );
  const all = db.all(
    db.k
      .selectFrom('stock_movement')
      .select(['id', 'document_id', 'reverses_id'])
      .where('document_id', 'is not', null),
  );
  const reversed = new Map<string, number>();
  for (const m of all) if (m.reverses_id) reversed.set(m.reverses_id, (reversed.get(m.reverses_id) ?? 0) + 1);
  for (const m of all) {
    if (m.reverses_id) continue;
    const want = cancelled.has(m.document_id!) ? 1 : 0;
    if ((reversed.get(m.id) ?? 0) !== want)
      problems.push(`movement ${m.id} reversed ${reversed.get(m.id) ?? 0}×`);
  }
  return problems;
}
