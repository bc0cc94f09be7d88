import { PosError } from '../../../shared/errors';
import { t } from '../../../shared/i18n';
import type { DocumentDraft, FiscalDocumentView } from '../../../shared/api/fiscal';
import { AtDocCode, GuideDraft, type GuideInvoiceLines, type GuideSummary } from '../../../shared/api/guides';
import { Dec } from '../../../shared/money';
import { createGuideInvoicing } from '../fiscal/guide-invoicing';
import type { CoreContext } from '../context';
import type { FiscalService } from '../fiscal/service';
import type { GuideTransport } from '../fiscal/guide-rules';
import type { StockService } from '../stock/service';
import type { DocumentHooks } from '../sync/document-hooks';
import { registerGuideMoves } from './moves';

/**
 * Transport guides (GT/GR, issue 13 item 7). Issuing goes through the fiscal service (own series, gapless
 * numbering, signature chain, ATCUD, QR, seal); the stock moves ride on its document hooks (moves.ts).
 *
 * The AT communication: a guide must be communicated to AT before the transport starts (DL 147/2003 art. 5.º).
 * ASSUMPTION: Balcão does not call AT's web service; the shop communicates the guide on the AT portal (or by
 * its own means) and types the code AT returns here (`setAtCode`), which is printed on the 2.ª via and
 * exported as SAF-T ATDocCodeID. `AtCommunicator` is the extension point for a future web-service client
 * (see README.md): when one is given, `issue` hands it the new guide after commit and records the code.
 */
export interface AtCommunicator {
  /** Communicates the committed guide; resolves with the code AT returned. */
  communicate(guide: FiscalDocumentView): Promise<string>;
}

export function createGuidesService(
  ctx: CoreContext,
  deps: { fiscal: FiscalService; stock: StockService; hooks: DocumentHooks; at?: AtCommunicator },
) {
  const { db, clock } = ctx;
  const { fiscal, stock } = deps;
  const unregister = registerGuideMoves(deps.hooks, {
    db,
    ledger: stock.ledger,
    warehouses: stock.warehouses,
    belowZero: stock.belowZero,
    onBelowZero: (m, docNo) =>
      ctx.log.warn('stock below zero', { docNo, articleId: m.articleId, warehouseId: m.warehouseId }),
  });

  const invoicing = createGuideInvoicing(db);

  const guideOf = (id: number): FiscalDocumentView => {
    const g = fiscal.get(id);
    if (g.type !== 'GT' && g.type !== 'GR')
      throw new PosError('VALIDATION', t('guides.notAGuide', { docNo: g.docNo }));
    return g;
  };

  function issue(raw: unknown, operatorId: number | null): FiscalDocumentView {
    const r = GuideDraft.safeParse(raw);
    if (!r.success) throw new PosError('VALIDATION', r.error.issues[0]?.message ?? 'Guia inválida');
    const g = r.data;
    if (g.fromWarehouseId !== undefined) stock.warehouses.find(g.fromWarehouseId);
    if (g.toWarehouseId !== undefined) stock.warehouses.find(g.toWarehouseId);
    const draft: DocumentDraft = {
      type: g.type,
      lines: g.lines.map((l) => ({ articleId: l.articleId, quantity: l.quantity })),
      ...(g.customer ? { customer: g.customer } : {}),
      transport: {
        ...(g.loadFrom ? { loadFrom: g.loadFrom } : {}),
        ...(g.deliverTo ? { deliverTo: g.deliverTo } : {}),
        ...(g.startTime ? { startTime: g.startTime } : {}),
        ...(g.endTime ? { endTime: g.endTime } : {}),
        ...(g.vehicle ? { vehicle: g.vehicle } : {}),
        ownGoods: g.ownGoods,
        ...(g.fromWarehouseId !== undefined ? { fromWarehouseId: g.fromWarehouseId } : {}),
        ...(g.toWarehouseId !== undefined ? { toWarehouseId: g.toWarehouseId } : {}),
      },
    };
    const doc = fiscal.issue(draft, operatorId);
    if (deps.at) {
      const at = deps.at;
      // After commit and never blocking the guide: a failure leaves the code to be typed by hand.
      void at.communicate(doc).then(
        (code) => setAtCode(doc.id, code, operatorId),
        (e: unknown) => ctx.log.warn('AT communication failed', { docNo: doc.docNo, error: String(e) }),
      );
    }
    return doc;
  }

  function setAtCode(id: number, rawCode: string, operatorId: number | null): FiscalDocumentView {
    const parsed = AtDocCode.safeParse(rawCode);
    if (!parsed.success) throw new PosError('VALIDATION', t('guides.atCodeInvalid'));
    const code = parsed.data;
    db.tx(() => {
      const g = guideOf(id);
      if (g.status === 'A')
        throw new PosError('FISCAL_RULE', t('guides.cancelledNoCode', { docNo: g.docNo }));
      if (g.transport?.atCode === code)
        throw new PosError('CONFLICT', t('guides.atCodeSame', { docNo: g.docNo, code }));
      db.run(
        db.k.insertInto('movement_at_code').values({
          document_id: id,
          code,
          entered_at: clock.now().toISOString(),
          operator_id: operatorId,
        }),
      );
      ctx.audit('guides.at-code', operatorId, {
        id,
        docNo: g.docNo,
        code,
        previous: g.transport?.atCode ?? null,
      });
    });
    return fiscal.get(id);
  }

  function list(q: { from?: string; to?: string; limit?: number } = {}): GuideSummary[] {
    let query = db.k
      .selectFrom('fiscal_document as d')
      .leftJoin('fiscal_status as s', 's.document_id', 'd.id')
      .select([
        'd.id',
        'd.doc_type',
        'd.doc_no',
        'd.doc_date',
        'd.system_entry_date',
        'd.transport',
        'd.customer_name',
        'd.gross_total',
        'd.customer_id',
        's.status',
      ])
      // The FT (not cancelled) whose lines invoice this guide: MovementStatus F (fiscal/guide-invoicing.ts).
      .select((e) =>
        e
          .selectFrom('fiscal_line as il')
          .innerJoin('fiscal_document as inv', 'inv.id', 'il.document_id')
          .leftJoin('fiscal_status as ist', 'ist.document_id', 'inv.id')
          .select('inv.doc_no')
          .whereRef('il.origin_document_id', '=', 'd.id')
          .where('inv.doc_type', '=', 'FT')
          .where('ist.id', 'is', null)
          .limit(1)
          .as('invoice'),
      )
      .select((e) =>
        e
          .selectFrom('movement_at_code as c')
          .select('c.code')
          .whereRef('c.document_id', '=', 'd.id')
          .orderBy('c.id', 'desc')
          .limit(1)
          .as('at_code'),
      )
      .where('d.doc_type', 'in', ['GT', 'GR']);
    if (q.from) query = query.where('d.doc_date', '>=', q.from);
    if (q.to) query = query.where('d.doc_date', '<=', q.to);
    const rows = db.all(query.orderBy('d.id', 'desc').limit(q.limit ?? 100));
    return rows.map((r) => {
      const tr = JSON.parse(r.transport ?? '{}') as Partial<GuideTransport>;
      return {
        id: r.id,
        type: r.doc_type as 'GT' | 'GR',
        docNo: r.doc_no,
        date: r.doc_date,
        startTime: tr.startTime ?? r.system_entry_date,
        status: r.status === 'A' ? 'A' : r.invoice ? 'F' : 'N',
        invoice: r.invoice ?? null,
        customerId: r.customer_id,
        ownGoods: tr.ownGoods ?? false,
        fromWarehouseId: tr.fromWarehouseId ?? null,
        toWarehouseId: tr.toWarehouseId ?? null,
        customerName: r.customer_name,
        gross: r.gross_total,
        atCode: r.at_code ?? null,
      };
    });
  }

  /**
   * The FT lines that invoice these guides (issue 13 item 7): each guide to a customer, not cancelled, not yet
   * invoiced, all of the same customer; the fiscal core checks it all again when the FT is issued
   * (fiscal/guide-invoicing.ts), this only prefills the form with the same refusals.
   */
  function invoiceLines(ids: readonly number[]): GuideInvoiceLines {
    const guides = [...new Set(ids)].map(guideOf);
    const first = guides[0]!;
    const out: GuideInvoiceLines['lines'] = [];
    for (const g of guides) {
      if (g.status === 'A')
        throw new PosError('FISCAL_RULE', t('guideInvoice.cancelled', { docNo: g.docNo }));
      if (g.transport?.ownGoods)
        throw new PosError('FISCAL_RULE', t('guideInvoice.ownGoods', { docNo: g.docNo }));
      const invoice = invoicing.activeInvoiceOf(g.id);
      if (invoice) throw new PosError('CONFLICT', t('guideInvoice.already', { docNo: g.docNo, invoice }));
      if (g.customer.id !== first.customer.id)
        throw new PosError(
          'FISCAL_RULE',
          t('guideInvoice.otherCustomer', {
            docNo: g.docNo,
            guideCustomer: g.customer.name,
            customer: first.customer.name,
          }),
        );
      const rows = db.all(
        db.k
          .selectFrom('fiscal_line as l')
          .leftJoin('article as a', 'a.id', 'l.article_id')
          .select(['l.id', 'l.line_no', 'a.price'])
          .where('l.document_id', '=', g.id)
          .orderBy('l.line_no'),
      );
      for (const l of g.lines) {
        const row = rows.find((r) => r.line_no === l.lineNo)!;
        const priced = !new Dec(l.unitPriceGross).isZero();
        out.push({
          guideLineId: row.id,
          guideDocNo: g.docNo,
          articleId: l.articleId!,
          description: l.description,
          quantity: l.quantity,
          unit: l.unit,
          // The guide's price; where it had none, the catalogue's (editable in the form either way).
          unitPrice: priced ? l.unitPriceGross : (row.price ?? '0'),
          discountPct: priced ? l.discountPct : '0',
          taxCode: l.taxCode,
        });
      }
    }
    const c = first.customer;
    return {
      customer: {
        id: c.id,
        nif: c.nif,
        name: c.name,
        address: c.address,
        postalCode: c.postalCode,
        city: c.city,
        country: c.country,
      },
      lines: out,
    };
  }

  return { issue, setAtCode, list, invoiceLines, get: guideOf, stop: unregister };
}
export type GuidesService = ReturnType<typeof createGuidesService>;
