import type { Db } from '../db/open';
import { param, prepared } from '../db/prepared';
import type { WrittenDocument } from '../fiscal/store';
import type { CancelledDocument, DocumentHooks, FiscalTx } from '../sync/document-hooks';
import type { BelowZeroPolicy, Ledger, MovementInput, PostedMovement } from './ledger';

/** Documents that take goods out of the selling warehouse. */
const OUTGOING = new Set(['FS', 'FR', 'FT']);

export interface DocumentMovesDeps {
  readonly db: Db;
  readonly ledger: Ledger;
  readonly warehouseId: () => number;
  readonly belowZero: () => BelowZeroPolicy;
  readonly onBelowZero: (m: PostedMovement, docNo: string) => void;
}

/**
 * Sales and returns move stock in the transaction that issues (or cancels) their document: a document whose
 * movements could not be written is not issued (a listener that throws rolls the document back).
 * - FS/FR/FT: every line of a tracked product leaves the terminal's warehouse at its average cost — except an
 *   FT line that invoices a GT/GR line (its origin line): the guide moved those goods when it was issued;
 * - NC: each credited line comes back into the warehouse its sale left, at the cost it left at. ASSUMPTION: a
 *   line whose sale moved no stock (sold before stock existed, or not tracked then) brings nothing back;
 * - cancellation (status A) reverses every movement of that document, one reversal each.
 * ASSUMPTION: ND, RG, and GT/GR (transport, which only documents a movement: transfers post their own) move
 * nothing here; services (ProductType S) and articles marked "sem stock" never move.
 */
export function registerDocumentMoves(hooks: DocumentHooks, deps: DocumentMovesDeps): () => void {
  const { db, ledger } = deps;
  const { k } = db;
  // Prepared once: asked for every line of every sale, inside the fiscal transaction.
  const selTracked = prepared(
    db,
    k
      .selectFrom('article')
      .select('id')
      .where('id', '=', param<number>('id'))
      .where('stock_tracked', '=', 1)
      .where('product_type', '=', 'P'),
  );
  const tracked = (articleId: number): boolean => selTracked.get({ id: articleId }) !== undefined;

  function issued(w: WrittenDocument, tx: FiscalTx): void {
    const type = w.doc.doc_type;
    const moves: MovementInput[] = [];
    if (OUTGOING.has(type)) {
      let warehouseId: number | null = null;
      for (const l of w.lines) {
        if (l.article_id === null || l.product_type !== 'P' || !tracked(l.article_id)) continue;
        // An FT line invoicing a GT/GR line: the guide already took the goods out (fiscal/guide-invoicing.ts).
        if (l.origin_line_id !== null) continue;
        warehouseId ??= deps.warehouseId();
        moves.push({
          articleId: l.article_id,
          warehouseId,
          quantity: `-${l.quantity}`,
          cause: 'sale',
          documentId: w.doc.id,
          documentLineId: l.id,
          operatorId: w.doc.operator_id,
        });
      }
    } else if (type === 'NC') {
      for (const l of w.lines) {
        if (l.origin_line_id === null || l.article_id === null) continue;
        const sold = db.get(
          k
            .selectFrom('stock_movement')
            .select(['id', 'warehouse_id', 'unit_cost'])
            .where('document_line_id', '=', l.origin_line_id)
            .where('cause', '=', 'sale')
            .where('reverses_id', 'is', null)
            .orderBy('seq')
            .limit(1),
        );
        if (!sold) continue;
        moves.push({
          articleId: l.article_id,
          warehouseId: sold.warehouse_id,
          quantity: l.quantity,
          unitCost: sold.unit_cost,
          cause: 'return',
          documentId: w.doc.id,
          documentLineId: l.id,
          operatorId: w.doc.operator_id,
        });
      }
    }
    if (!moves.length) return;
    ledger.post(moves, {
      at: tx.at,
      belowZero: deps.belowZero(),
      onBelowZero: (m) => deps.onBelowZero(m, w.doc.doc_no),
    });
  }

  function cancelled(d: CancelledDocument, tx: FiscalTx): void {
    const open = db.all(
      k
        .selectFrom('stock_movement as m')
        .leftJoin('stock_movement as r', 'r.reverses_id', 'm.id')
        .select(['m.id', 'm.article_id', 'm.warehouse_id', 'm.quantity', 'm.unit_cost', 'm.cause'])
        .where('m.document_id', '=', d.documentId)
        // Through the document's lines: the ledger keeps no index on document_id (fewer pages per sale).
        .where('m.document_line_id', 'in', (e) =>
          e
            .selectFrom('fiscal_line')
            .select('fiscal_line.id')
            .where('fiscal_line.document_id', '=', d.documentId),
        )
        .where('m.reverses_id', 'is', null)
        .where('r.id', 'is', null)
        .orderBy('m.seq'),
    );
    if (!open.length) return;
    ledger.post(
      open.map((m) => ({
        articleId: m.article_id,
        warehouseId: m.warehouse_id,
        quantity: m.quantity.startsWith('-') ? m.quantity.slice(1) : `-${m.quantity}`,
        unitCost: m.unit_cost,
        cause: m.cause,
        documentId: d.documentId,
        reversesId: m.id,
        operatorId: d.operatorId,
        note: d.reason,
      })),
      { at: tx.at },
    );
  }

  const offIssued = hooks.onIssued(issued);
  const offCancelled = hooks.onCancelled(cancelled);
  return () => {
    offIssued();
    offCancelled();
  };
}
