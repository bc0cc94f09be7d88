import { PosError } from '../../../shared/errors';
import { t } from '../../../shared/i18n';
import type { Db } from '../db/open';
import type { WrittenDocument } from '../fiscal/store';
import type { GuideTransport } from '../fiscal/guide-rules';
import type { DocumentHooks, FiscalTx } from '../sync/document-hooks';
import type { BelowZeroPolicy, Ledger, PostedMovement } from '../stock/ledger';
import { isTracked } from '../stock/operations';
import type { Warehouses } from '../stock/warehouses';

export interface GuideMovesDeps {
  readonly db: Db;
  readonly ledger: Ledger;
  readonly warehouses: Warehouses;
  readonly belowZero: () => BelowZeroPolicy;
  readonly onBelowZero: (m: PostedMovement, docNo: string) => void;
}

/**
 * A GT/GR moves the goods it documents, in the transaction that numbers and signs it (a guide whose movements
 * cannot be written is not issued):
 * - own goods (GT between warehouses): per tracked line, `transfer-out` of the origin at its average cost and
 *   `transfer-in` of the destination at that cost; both carry the guide and its line, and `transfer:<docNo>`;
 * - to a customer (GT or GR): the goods leave the origin warehouse (`sale`: they are delivered to be invoiced).
 * Origin = the guide's `fromWarehouseId`, else the terminal's selling warehouse. Cancelling the guide reverses
 * every movement of it through the stock document hooks (stock/document-moves.ts), as for a sale.
 * The FT that later bills a GT/GR to a customer does not move the goods again (fiscal/guide-invoicing.ts,
 * stock/document-moves.ts).
 */
export function registerGuideMoves(hooks: DocumentHooks, deps: GuideMovesDeps): () => void {
  const { ledger, warehouses } = deps;
  const active = (id: number): number => {
    const w = warehouses.find(id);
    if (!w.active) throw new PosError('VALIDATION', t('stock.warehouseInactive', { warehouse: w.code }));
    return w.id;
  };

  function issued(w: WrittenDocument, tx: FiscalTx): void {
    const type = w.doc.doc_type;
    if ((type !== 'GT' && type !== 'GR') || !w.doc.transport) return;
    const tr = JSON.parse(w.doc.transport) as GuideTransport;
    const from = active(tr.fromWarehouseId ?? warehouses.defaultId());
    const to = tr.ownGoods && tr.toWarehouseId !== null ? active(tr.toWarehouseId) : null;
    if (tr.ownGoods && (to === null || to === from))
      throw new PosError(
        'VALIDATION',
        t(to === null ? 'guides.ownGoodsNeedsWarehouse' : 'stock.sameWarehouse'),
      );
    const reference = to === null ? null : `transfer:${w.doc.doc_no}`;
    const opts = {
      at: tx.at,
      belowZero: deps.belowZero(),
      onBelowZero: (m: PostedMovement) => deps.onBelowZero(m, w.doc.doc_no),
    };
    for (const l of w.lines) {
      if (l.article_id === null || l.product_type !== 'P' || !isTracked(deps.db, l.article_id)) continue;
      const common = {
        articleId: l.article_id,
        documentId: w.doc.id,
        documentLineId: l.id,
        operatorId: w.doc.operator_id,
        reference,
      };
      const [taken] = ledger.post(
        [
          {
            ...common,
            warehouseId: from,
            quantity: `-${l.quantity}`,
            cause: to === null ? 'sale' : 'transfer-out',
          },
        ],
        opts,
      );
      if (to !== null) {
        ledger.post(
          [
            {
              ...common,
              warehouseId: to,
              quantity: l.quantity,
              unitCost: taken.unitCost,
              cause: 'transfer-in',
            },
          ],
          { at: tx.at },
        );
      }
    }
  }

  return hooks.onIssued(issued);
}
