import type { ParsedArticleInput } from '../../../shared/api/catalog-admin';
import { PosError } from '../../../shared/errors';
import { t } from '../../../shared/i18n';
import { Dec } from '../../../shared/money';
import type { CatalogAdmin } from '../catalog/admin';
import type { CoreContext } from '../context';
import type { StockService } from '../stock/service';
import { stockUnitCost } from '../../../shared/purchase-totals';
import { matchLine } from './matching';
import { mappingKey, type PurchaseStockStore } from './stock-store';
import type { PurchaseStore, PurchaseWithSupplier } from './store';
import { dateLabel } from './views';

export interface PurchaseStockDeps {
  readonly ctx: CoreContext;
  readonly store: PurchaseStore;
  readonly stockStore: PurchaseStockStore;
  readonly newId: () => string;
  readonly mustGet: (id: string) => PurchaseWithSupplier;
  /** The manager's accept of an iLink purchase (state + outbox job), in the caller's transaction. */
  readonly accept: (id: string, operatorId: number | null) => void;
  readonly stock: () => StockService | null;
  readonly catalogAdmin: () => CatalogAdmin | null;
}

/**
 * Issue 13 item 4: line matching, confirmation into stock (once) and returns to the supplier (purchases typed
 * by hand: manual-draft.ts). Every write runs in one `db.tx`; the stock movements are posted through `stock.postPurchase` in
 * that same transaction, so a purchase and its stock commit together or not at all. Nothing here touches the
 * fiscal documents, their signature chain, SAF-T or `balcao verify`.
 */
export function createPurchaseStock(deps: PurchaseStockDeps) {
  const { ctx, store, stockStore, newId, mustGet } = deps;
  const { db, clock } = ctx;

  const lineOf = (id: string, lineNo: number) => {
    const l = store.lines(id).find((x) => x.line_no === lineNo);
    if (!l) throw new PosError('NOT_FOUND', t('purchases.match.lineUnknown', { line: lineNo }));
    return l;
  };

  /** The operator says which article a line is; remembered for this supplier (their reference or the name). */
  function resolveLine(
    id: string,
    lineNo: number,
    articleId: number,
    by: 'operator' | 'created',
    operatorId: number | null,
  ): void {
    db.tx(() => {
      const p = mustGet(id);
      if (p.confirmed_at) throw new PosError('CONFLICT', t('purchases.match.confirmed'));
      const l = lineOf(id, lineNo);
      if (!stockStore.article(articleId)) {
        throw new PosError('NOT_FOUND', t('stock.articleNotFound', { article: String(articleId) }));
      }
      stockStore.setLineArticle(id, lineNo, articleId, by);
      if (p.source === 'ilink') {
        stockStore.remember(p.supplier_id, mappingKey(l), articleId, clock.now().toISOString());
      }
      ctx.audit('purchases.line-matched', operatorId, { purchaseId: id, lineNo, articleId, by });
    });
  }

  function createArticle(id: string, lineNo: number, article: ParsedArticleInput, operatorId: number | null) {
    const admin = deps.catalogAdmin();
    if (!admin) throw new PosError('CONFLICT', t('purchases.match.noCatalog'));
    db.tx(() => {
      const p = mustGet(id);
      if (p.confirmed_at) throw new PosError('CONFLICT', t('purchases.match.confirmed'));
      lineOf(id, lineNo);
      const { id: articleId } = admin.save({ operatorId, via: 'backoffice' }, undefined, article);
      resolveLine(id, lineNo, articleId, 'created', operatorId);
    });
  }

  function confirm(id: string, warehouseId: number, operatorId: number | null): void {
    const stock = deps.stock();
    if (!stock) throw new PosError('CONFLICT', t('purchases.confirm.noStock'));
    db.tx(() => {
      const p = mustGet(id);
      if (p.confirmed_at) {
        const w = p.warehouse_id !== null ? stockStore.warehouse(p.warehouse_id) : undefined;
        throw new PosError(
          'CONFLICT',
          t('purchases.confirm.already', { warehouse: w?.code ?? '?', when: dateLabel(p.confirmed_at) }),
        );
      }
      if (p.state === 'recusado') throw new PosError('CONFLICT', t('purchases.confirm.rejected'));
      if (p.doc_kind === 'credit-note') throw new PosError('VALIDATION', t('purchases.confirm.creditNote'));
      const w = stockStore.warehouse(warehouseId);
      if (!w)
        throw new PosError('NOT_FOUND', t('stock.warehouseNotFound', { warehouse: String(warehouseId) }));
      if (w.active !== 1) {
        throw new PosError('VALIDATION', t('purchases.confirm.warehouseInactive', { warehouse: w.code }));
      }
      const lines = store.lines(id);
      const matched = lines.map((l) => ({ l, m: matchLine(stockStore, p.supplier_id, l) }));
      const missing = matched.filter((x) => !x.m).map((x) => x.l.line_no);
      if (missing.length) {
        throw new PosError('VALIDATION', t('purchases.confirm.unmatched', { lines: missing.join(', ') }), {
          lines: missing,
        });
      }
      const at = clock.now().toISOString();
      for (const { l, m } of matched) {
        if (!m!.found) continue;
        // What the keys found now is written on the line (the purchase says which article it was) and, for an
        // iLink purchase, remembered for this supplier.
        stockStore.setLineArticle(id, l.line_no, m!.article.id, m!.by);
        if (p.source === 'ilink') stockStore.remember(p.supplier_id, mappingKey(l), m!.article.id, at);
      }
      if (p.state === 'registado') {
        if (p.source === 'ilink') deps.accept(id, operatorId);
        else
          store.decide(
            id,
            { state: 'aceite', state_reason: null, decided_at: at, decided_by: operatorId },
            'registado',
          );
      }
      // The once-only guard: a second confirmation (another process, a retried request) changes nothing here.
      if (!stockStore.confirm(id, warehouseId, at, operatorId)) {
        throw new PosError(
          'CONFLICT',
          t('purchases.confirm.already', { warehouse: w.code, when: dateLabel(at) }),
        );
      }
      // ASSUMPTION: lines of articles that keep no stock (services, "sem stock": transport, fees) are part of the
      // purchase and its totals but move nothing.
      const posting = matched
        .filter(({ m }) => stockStore.tracked(m!.article.id))
        .map(({ l, m }) => ({
          articleId: m!.article.id,
          quantity: l.quantity,
          unitCost: stockUnitCost(l.line_net, l.quantity),
        }));
      if (posting.length) {
        stock.postPurchase({
          purchaseRef: id,
          warehouseId,
          cause: 'purchase',
          lines: posting,
          operatorId,
          note: `Compra ${p.type_code} ${p.number} de ${p.s_name}`,
        });
      }
      ctx.audit('purchases.confirmed', operatorId, { purchaseId: id, warehouseId, lines: posting.length });
    });
  }

  /** What was returned so far, per line number. */
  function returnedByLine(id: string): Map<number, Dec> {
    const out = new Map<number, Dec>();
    for (const r of stockStore.returnLines(id)) {
      out.set(r.line_no, (out.get(r.line_no) ?? new Dec(0)).plus(r.quantity));
    }
    return out;
  }

  function returnGoods(
    id: string,
    reason: string,
    lines: ReadonlyArray<{ lineNo: number; quantity: string }>,
    operatorId: number | null,
  ): string {
    const stock = deps.stock();
    if (!stock) throw new PosError('CONFLICT', t('purchases.confirm.noStock'));
    return db.tx(() => {
      const p = mustGet(id);
      if (!p.confirmed_at || p.warehouse_id === null) {
        throw new PosError('CONFLICT', t('purchases.return.notConfirmed'));
      }
      const returned = returnedByLine(id);
      const seen = new Set<number>();
      const posting = lines.map((r) => {
        if (seen.has(r.lineNo))
          throw new PosError('VALIDATION', t('purchases.return.lineTwice', { line: r.lineNo }));
        seen.add(r.lineNo);
        const l = lineOf(id, r.lineNo);
        if (l.article_id === null || !stockStore.tracked(l.article_id)) {
          throw new PosError('VALIDATION', t('purchases.return.noStockLine', { line: r.lineNo }));
        }
        const before = returned.get(r.lineNo) ?? new Dec(0);
        const left = new Dec(l.quantity).minus(before);
        if (new Dec(r.quantity).gt(left)) {
          throw new PosError(
            'VALIDATION',
            t('purchases.return.tooMuch', {
              line: r.lineNo,
              article: l.name,
              bought: new Dec(l.quantity).toFixed(),
              returned: before.toFixed(),
              left: left.toFixed(),
            }),
            { field: 'lines', lineNo: r.lineNo },
          );
        }
        return {
          articleId: l.article_id,
          quantity: new Dec(r.quantity).toFixed(),
          unitCost: stockUnitCost(l.line_net, l.quantity),
          lineNo: r.lineNo,
        };
      });
      const returnId = newId();
      stockStore.insertReturn(
        {
          id: returnId,
          purchase_id: id,
          reason,
          operator_id: operatorId,
          created_at: clock.now().toISOString(),
        },
        posting.map((x) => ({ line_no: x.lineNo, quantity: x.quantity })),
      );
      stock.postPurchase({
        purchaseRef: id,
        warehouseId: p.warehouse_id,
        cause: 'purchase-return',
        lines: posting.map(({ articleId, quantity, unitCost }) => ({ articleId, quantity, unitCost })),
        operatorId,
        note: `Devolução ${returnId} ao fornecedor ${p.s_name} (${p.type_code} ${p.number}): ${reason}`,
      });
      ctx.audit('purchases.returned', operatorId, { purchaseId: id, returnId, lines: posting.length });
      return returnId;
    });
  }

  return { resolveLine, createArticle, confirm, returnGoods, returnedByLine };
}
export type PurchaseStock = ReturnType<typeof createPurchaseStock>;
