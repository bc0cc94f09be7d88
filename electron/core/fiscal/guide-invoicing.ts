import { PosError } from '../../../shared/errors';
import { t } from '../../../shared/i18n';
import { Dec } from '../../../shared/money';
import type { Db } from '../db/open';
import type { CustomerSnapshot } from '../parties/customers/port';
import type { PreparedLine } from './lines';

/**
 * An FT that invoices GT/GR delivered earlier to its customer (issue 13 item 7; fiscal-pt.md §7.1: a document
 * that comes from another one — an FT from a GT — references it in SAF-T `OrderReferences`).
 *
 * The link is the FT line's origin line (`fiscal_line.origin_line_id` = the guide's line, `origin_document_id`
 * = the guide): written with the FT, signed-over and sealed with it, never changed. Everything else follows from
 * it, so nothing can disagree with it:
 * - SAF-T: the FT line's OrderReferences (OriginatingON = the guide's number, OrderDate = its date), and the
 *   guide's MovementStatus `F` while an FT referencing it is not cancelled (MovementStatusDate = that FT's
 *   system entry date, SourceID = its operator); back to `N` when that FT is cancelled. The status is outside
 *   the guide's signed message and the guide's rows never change (fiscal-pt.md §7.2).
 * - stock: such a line moves nothing (stock/document-moves.ts): the guide already took the goods out.
 * ASSUMPTION: a guide is invoiced whole — every line of it, same article and quantity, in one FT (MovementStatus
 * is a status of the whole document; a partial invoice would leave it undefined). Prices, discounts and VAT of
 * the FT lines are the FT's own (prefilled from the guide). Several guides of the same customer may go into one
 * FT, next to lines of their own (which move stock as any FT line).
 */
export interface GuideInvoicing {
  /** FT lines: checks each one that names a guide line and sets its origin document (the guide). */
  bind(lines: readonly PreparedLine[], customer: CustomerSnapshot, training: boolean): PreparedLine[];
  /** The FT (not cancelled) that invoices this guide, or null. */
  activeInvoiceOf(guideId: number): string | null;
}

export function createGuideInvoicing(db: Db): GuideInvoicing {
  const { k } = db;

  const guideLine = (id: number) =>
    db.get(
      k
        .selectFrom('fiscal_line as l')
        .innerJoin('fiscal_document as d', 'd.id', 'l.document_id')
        .leftJoin('fiscal_status as st', 'st.document_id', 'd.id')
        .select([
          'l.id',
          'l.document_id',
          'l.line_no',
          'l.article_id',
          'l.quantity',
          'l.unit',
          'l.description',
          'd.doc_type',
          'd.doc_no',
          'd.customer_id',
          'd.customer_name',
          'd.training',
          'd.transport',
          'st.status',
        ])
        .where('l.id', '=', id),
    );

  const guideLines = (guideId: number) =>
    db.all(
      k
        .selectFrom('fiscal_line')
        .select(['id', 'line_no', 'description'])
        .where('document_id', '=', guideId)
        .orderBy('line_no'),
    );

  function activeInvoiceOf(guideId: number): string | null {
    const r = db.get(
      k
        .selectFrom('fiscal_line as l')
        .innerJoin('fiscal_document as inv', 'inv.id', 'l.document_id')
        .leftJoin('fiscal_status as st', 'st.document_id', 'inv.id')
        .select('inv.doc_no')
        .where('l.origin_document_id', '=', guideId)
        .where('inv.doc_type', '=', 'FT')
        .where('st.id', 'is', null)
        .limit(1),
    );
    return r?.doc_no ?? null;
  }

  function bind(
    lines: readonly PreparedLine[],
    customer: CustomerSnapshot,
    training: boolean,
  ): PreparedLine[] {
    // guide id → the guide's lines this FT names
    const named = new Map<number, { docNo: string; lines: Set<number> }>();
    const out = lines.map((l, i): PreparedLine => {
      if (l.originLineId === null) return l;
      const line = i + 1;
      const g = guideLine(l.originLineId);
      if (!g || (g.doc_type !== 'GT' && g.doc_type !== 'GR'))
        throw new PosError('FISCAL_RULE', t('guideInvoice.notGuideLine', { line }));
      let seen = named.get(g.document_id);
      if (!seen) {
        // The guide as a whole, the first time the FT names it.
        if (g.status === 'A')
          throw new PosError('FISCAL_RULE', t('guideInvoice.cancelled', { docNo: g.doc_no }));
        const ownGoods = g.transport ? (JSON.parse(g.transport) as { ownGoods?: boolean }).ownGoods : false;
        if (ownGoods) throw new PosError('FISCAL_RULE', t('guideInvoice.ownGoods', { docNo: g.doc_no }));
        if ((g.training === 1) !== training)
          throw new PosError('FISCAL_RULE', t('guideInvoice.otherMode', { docNo: g.doc_no }));
        if (g.customer_id !== customer.id)
          throw new PosError(
            'FISCAL_RULE',
            t('guideInvoice.otherCustomer', {
              docNo: g.doc_no,
              guideCustomer: g.customer_name,
              customer: customer.name,
            }),
          );
        const invoice = activeInvoiceOf(g.document_id);
        if (invoice) throw new PosError('CONFLICT', t('guideInvoice.already', { docNo: g.doc_no, invoice }));
        seen = { docNo: g.doc_no, lines: new Set() };
        named.set(g.document_id, seen);
      }
      if (l.articleId !== g.article_id)
        throw new PosError(
          'FISCAL_RULE',
          t('guideInvoice.otherArticle', { line, guideLine: g.line_no, docNo: g.doc_no }),
        );
      if (!new Dec(l.quantity).eq(g.quantity))
        throw new PosError(
          'FISCAL_RULE',
          t('guideInvoice.otherQuantity', {
            line,
            docNo: g.doc_no,
            quantity: g.quantity,
            unit: g.unit,
            description: g.description,
          }),
        );
      if (seen.lines.has(g.id))
        throw new PosError(
          'FISCAL_RULE',
          t('guideInvoice.lineTwice', { guideLine: g.line_no, docNo: g.doc_no }),
        );
      seen.lines.add(g.id);
      return { ...l, originDocumentId: g.document_id };
    });
    for (const [guideId, seen] of named) {
      const missing = guideLines(guideId).find((gl) => !seen.lines.has(gl.id));
      if (missing)
        throw new PosError(
          'FISCAL_RULE',
          t('guideInvoice.missingLine', {
            docNo: seen.docNo,
            guideLine: missing.line_no,
            description: missing.description,
          }),
        );
    }
    return out;
  }

  return { bind, activeInvoiceOf };
}
