import type { OperatorSummary } from '../../../shared/api/auth';
import type { FiscalDocumentView } from '../../../shared/api/fiscal';
import type { FoundDocument, ReturnResult } from '../../../shared/api/sales';
import { PosError, isPosError } from '../../../shared/errors';
import { Dec, fixed, formatEuro } from '../../../shared/money';
import type { CoreContext } from '../context';
import { requireApproval, type ApprovalInput } from './approvals';
import { readSalesConfig } from './config';
import type { ProviderRegistry } from './payments/registry';
import type { SalesDeps } from './ports';

/**
 * Normalises what the cashier typed or scanned into a document number: the receipt QR content (AT QR field
 * G holds the document number, fiscal-pt.md QR table), or a typed number with loose spacing/case.
 */
export function documentNumberFrom(query: string): string {
  const q = query.trim();
  if (q.includes('*') && /(^|\*)G:/.test(q)) {
    const g = q.split('*').find((f) => f.startsWith('G:'));
    if (g) return g.slice(2).trim();
  }
  const m = /^([A-Za-z]{2})\s*([^\s/]+)\s*\/\s*(\d+)$/.exec(q);
  if (m) return `${m[1].toUpperCase()} ${m[2].toUpperCase()}/${Number(m[3])}`;
  return q.replace(/\s+/g, ' ');
}

/**
 * What a return will refund, before the NC exists (the approval is decided first): each line's share of its
 * gross, less the document's global discount. ASSUMPTION: the fiscal core may round the NC a cent differently;
 * for the limit that cent does not matter (and the NC's own total is what is refunded).
 */
export function refundEstimate(
  origin: FiscalDocumentView,
  lines: ReadonlyArray<{ lineId: number; quantity: string }>,
  lineNoOf: (lineId: number) => number | undefined,
): string {
  let total = new Dec(0);
  for (const r of lines) {
    const no = lineNoOf(r.lineId);
    const l = origin.lines.find((x) => x.lineNo === no);
    if (!l || new Dec(l.quantity).isZero()) continue;
    total = total.plus(new Dec(l.gross).times(r.quantity).div(l.quantity));
  }
  const global = new Dec(1).minus(new Dec(origin.totals.globalDiscountPct).div(100));
  return total.times(global).toFixed(2);
}

interface ReturnDeps {
  ctx: CoreContext;
  deps: SalesDeps;
  providers: ProviderRegistry;
  currentShiftId: () => number | null;
  print: (documentId: number, operatorId: number | null) => { queued: boolean; message: string | null };
}

/** Returns (NC referencing the origin, then the refund) and cancellations, through the fiscal core. */
export function createReturns({ ctx, deps, providers, currentShiftId, print }: ReturnDeps) {
  const { db } = ctx;
  const now = (): string => ctx.clock.now().toISOString();
  const creditedOf = db.sqlite.prepare(
    `select coalesce(group_concat(l.quantity, '|'), '') as q from fiscal_line l join fiscal_document d on d.id = l.document_id
     where l.origin_line_id = ? and d.doc_type = 'NC' and not exists (select 1 from fiscal_status s where s.document_id = d.id)`,
  );

  function get(idOrNo: number | string): FiscalDocumentView {
    try {
      return deps.fiscal.get(idOrNo);
    } catch (e) {
      if (isPosError(e) && e.code === 'NOT_FOUND') {
        throw new PosError(
          'NOT_FOUND',
          `Documento ${String(idOrNo)} não encontrado. Confirme o número ou leia o QR do talão.`,
        );
      }
      throw e;
    }
  }

  function describe(doc: FiscalDocumentView): FoundDocument {
    const invoice = doc.type === 'FS' || doc.type === 'FR' || doc.type === 'FT';
    const returnable = invoice
      ? doc.lines.map((l) => {
          const id = (l as { id?: number }).id ?? lineIdOf(doc.id, l.lineNo);
          const credited = String((creditedOf.get(id) as { q: string }).q)
            .split('|')
            .filter(Boolean)
            .reduce((a, q) => a.plus(q), new Dec(0));
          return {
            lineId: id,
            lineNo: l.lineNo,
            description: l.description,
            quantity: l.quantity,
            returned: credited.toString(),
            remaining: Dec.max(new Dec(l.quantity).minus(credited), 0).toString(),
            unitPrice: l.unitPriceGross,
            discountPct: l.discountPct,
          };
        })
      : [];
    const anyLeft = returnable.some((l) => new Dec(l.remaining).gt(0));
    const canReturn = !invoice
      ? {
          allowed: false,
          reason: `Só se devolvem artigos de faturas (FS, FR, FT); ${doc.docNo} é ${doc.typeName.toLowerCase()}.`,
        }
      : doc.status === 'A'
        ? { allowed: false, reason: `${doc.docNo} está anulado.` }
        : !anyLeft
          ? { allowed: false, reason: `Todos os artigos de ${doc.docNo} já foram devolvidos.` }
          : { allowed: true, reason: null };
    const corrected = doc.references.correctedBy.filter((r) => r.status === 'N');
    const settled = doc.references.settledBy.filter((r) => r.status === 'N');
    const canCancel =
      doc.status === 'A'
        ? { allowed: false, reason: `${doc.docNo} já está anulado.` }
        : corrected.length
          ? {
              allowed: false,
              reason: `${doc.docNo} tem notas de crédito/débito (${corrected.map((r) => r.docNo).join(', ')}): não pode ser anulado.`,
            }
          : settled.length
            ? { allowed: false, reason: `${doc.docNo} tem recibos: anule-os primeiro.` }
            : { allowed: true, reason: null };
    return { document: doc, returnable, canReturn, canCancel };
  }

  const estimateOf = (documentId: number, lines: ReadonlyArray<{ lineId: number; quantity: string }>) => {
    const found = describe(get(documentId));
    const noOf = new Map(found.returnable.map((l) => [l.lineId, l.lineNo]));
    return refundEstimate(found.document, lines, (id) => noOf.get(id));
  };

  const lineIdOf = (documentId: number, lineNo: number): number =>
    (
      db.sqlite
        .prepare('select id from fiscal_line where document_id = ? and line_no = ?')
        .get(documentId, lineNo) as { id: number }
    ).id;

  function find(query: string): FoundDocument {
    const q = query.trim();
    return describe(get(/^\d+$/.test(q) ? Number(q) : documentNumberFrom(q)));
  }

  async function returnLines(
    op: OperatorSummary,
    input: {
      documentId: number;
      lines: Array<{ lineId: number; quantity: string }>;
      reason: string;
      refundMethod: string;
      approval?: ApprovalInput;
    },
  ): Promise<ReturnResult> {
    const limit = readSalesConfig(db).refundAmount;
    const approvedBy =
      op.role === 'gerente' || new Dec(estimateOf(input.documentId, input.lines)).gt(limit)
        ? requireApproval(
            deps.auth,
            op,
            input.approval,
            'sales.return',
            new Dec(limit).isZero() ? 'devolução' : `devolução acima de ${formatEuro(limit)}`,
          )
        : null;
    const shiftId = currentShiftId();
    if (shiftId === null)
      throw new PosError('CONFLICT', 'Não há turno aberto: abra o turno para fazer devoluções.');
    const provider = providers.get(input.refundMethod);
    const av = provider.availability();
    if (!av.available) throw new PosError('DEVICE_OFFLINE', av.reason ?? `${provider.name} indisponível.`);
    const origin = describe(get(input.documentId));
    if (!origin.canReturn.allowed)
      throw new PosError('FISCAL_RULE', origin.canReturn.reason ?? 'Devolução impossível.');
    // A refund bound to the original payment (PayPay terminal: the same card, up to what is left of it) is
    // refused before the credit note exists.
    const refusal = provider.checkRefund?.({
      originDocumentId: input.documentId,
      amount: estimateOf(input.documentId, input.lines),
    });
    if (refusal) throw new PosError('VALIDATION', refusal, { method: provider.id });
    // The fiscal core bounds the quantities (what remains after earlier credit notes) and values.
    const { nc, returnId } = db.tx(() => {
      const doc = deps.fiscal.issue(
        {
          type: 'NC',
          origin: { documentId: input.documentId, reason: input.reason },
          lines: input.lines.map((l) => ({ originLineId: l.lineId, quantity: l.quantity })),
        },
        op.id,
      );
      const r = db.run(
        db.k.insertInto('sale_return').values({
          shift_id: shiftId,
          origin_document_id: input.documentId,
          document_id: doc.id,
          method: provider.id,
          amount: doc.totals.gross,
          status: 'pending',
          message: null,
          operator_id: op.id,
          approved_by: approvedBy,
          at: now(),
        }),
      );
      ctx.audit('sales.return', op.id, {
        originId: input.documentId,
        documentId: doc.id,
        docNo: doc.docNo,
        gross: doc.totals.gross,
        method: provider.id,
        approvedBy,
      });
      return { nc: doc, returnId: r.lastInsertRowid };
    });
    let refund: ReturnResult['refund'];
    try {
      const r = await provider.refund({
        amount: nc.totals.gross,
        reason: `Devolução ${nc.docNo}`,
        operatorId: op.id,
        originDocumentId: input.documentId,
        returnId,
      });
      refund = {
        method: provider.id,
        amount: fixed(r.amount),
        status: r.pending ? 'pending' : r.ok ? 'settled' : 'failed',
        message: r.message,
      };
    } catch (e) {
      refund = {
        method: provider.id,
        amount: '0.00',
        status: 'failed',
        message: isPosError(e) ? e.message : 'O reembolso falhou: devolva o dinheiro por outro meio.',
      };
    }
    db.run(
      db.k
        .updateTable('sale_return')
        .set({
          status: refund.status,
          message: refund.message,
          amount: refund.status === 'settled' ? refund.amount : nc.totals.gross,
        })
        .where('id', '=', returnId),
    );
    ctx.audit(`sales.refund-${refund.status}`, op.id, {
      returnId,
      documentId: nc.id,
      amount: refund.amount,
      method: provider.id,
    });
    const printed = print(nc.id, op.id);
    return { document: nc, refund, printQueued: printed.queued };
  }

  function cancel(
    op: OperatorSummary,
    input: { documentId: number; reason: string; approval?: ApprovalInput },
  ): FiscalDocumentView {
    const approvedBy = requireApproval(
      deps.auth,
      op,
      input.approval,
      'sales.cancel-document',
      'anulação de documento',
    );
    const found = describe(get(input.documentId));
    if (!found.canCancel.allowed)
      throw new PosError('FISCAL_RULE', found.canCancel.reason ?? 'Anulação impossível.');
    const doc = deps.fiscal.cancel(input.documentId, input.reason, approvedBy);
    ctx.audit('sales.cancel-document', op.id, {
      documentId: doc.id,
      docNo: doc.docNo,
      reason: input.reason,
      approvedBy,
    });
    return doc;
  }

  return { find, returnLines, cancel };
}
