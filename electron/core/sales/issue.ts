import { ORDER_REFERENCE_NAME } from '../../../shared/api/order-reference';
import type { CompletedSale } from '../../../shared/api/sales';
import { isPosError } from '../../../shared/errors';
import type { PaymentMethod } from '../../../shared/fiscal/payments';
import { Dec, fixed } from '../../../shared/money';
import type { CoreContext } from '../context';
import type { ProviderRegistry } from './payments/registry';
import type { SalesDeps } from './ports';
import type { SaleViews } from './sale-view';
import type { SaleStore } from './store';
import { customerDraftOf, draftLineOf } from './totals';

interface IssuerDeps {
  ctx: CoreContext;
  deps: SalesDeps;
  store: SaleStore;
  views: SaleViews;
  providers: ProviderRegistry;
  currentShiftId: () => number | null;
}

/**
 * Issuing a paid sale's document through the fiscal core (in the transaction that marks the sale 'completed',
 * so a paid sale has exactly one document, even across crashes) and queueing its receipt.
 */
export function createIssuer({ ctx, deps, store, views, providers, currentShiftId }: IssuerDeps) {
  const { db } = ctx;
  const now = (): string => ctx.clock.now().toISOString();

  /** Issues the document of a paid sale, exactly once (the sale row and the document commit together). */
  function issue(
    saleId: number,
    operatorId: number | null,
    confirmClockBehind = false,
  ): CompletedSale | null {
    const sale = store.get(saleId);
    if (!sale || sale.status !== 'paid' || sale.document_id !== null) return null;
    const lines = store.lines(sale.id).filter((l) => l.voided === 0);
    const payments = store.payments(sale.id).filter((p) => p.status === 'settled');
    const byMethod = new Map<PaymentMethod, Dec>();
    let tendered: Dec | null = null;
    for (const p of payments) {
      const provider = providers.find(p.method);
      const m: PaymentMethod = provider?.fiscalMethod ?? 'other';
      byMethod.set(m, (byMethod.get(m) ?? new Dec(0)).plus(p.amount));
      if (m === 'cash') tendered = (tendered ?? new Dec(0)).plus(p.tendered ?? p.amount);
    }
    const type = sale.issue_type ?? views.build(sale).decision.type;
    const notes = lines
      .map((l, i) => (l.note ? { name: `Nota linha ${i + 1}`, value: l.note.slice(0, 200) } : null))
      .filter((x): x is { name: string; value: string } => x !== null)
      .slice(0, sale.order_reference ? 19 : 20);
    // The order number first, under the name the CIUS-PT codec and the printouts read (shared/api/invoicing.ts).
    if (sale.order_reference) notes.unshift({ name: ORDER_REFERENCE_NAME, value: sale.order_reference });
    const draft = {
      type,
      lines: lines.map(draftLineOf),
      customer: customerDraftOf(store.customerOf(sale)),
      globalDiscountPct: sale.global_discount_pct,
      // A 0,00 € sale (sales/complete-zero) has no payment: the fiscal core needs the payment list of an FS/FR and
      // drops zero amounts, so the document carries none (issue 9 E.14).
      // An FT (issue 11 item 2, sales/issue-invoice) is paid later, by an RG: it carries no payment at all.
      ...(type === 'FT'
        ? {}
        : {
            payments: byMethod.size
              ? [...byMethod].map(([method, amount]) => ({ method, amount: fixed(amount) }))
              : [{ method: 'cash' as const, amount: '0.00' }],
          }),
      ...(tendered ? { cashTendered: fixed(tendered) } : {}),
      additionalInfo: notes,
      confirmClockBehind,
    };
    let document;
    let printed: { queued: boolean; message: string | null } = { queued: false, message: null };
    try {
      document = db.tx(() => {
        const again = store.get(saleId)!;
        if (again.document_id !== null) return null;
        const doc = deps.fiscal.issue(draft, operatorId ?? sale.operator_id);
        store.update(
          saleId,
          {
            status: 'completed',
            document_id: doc.id,
            issue_error: null,
            shift_id: currentShiftId() ?? sale.shift_id,
          },
          now(),
        );
        ctx.audit('sales.completed', operatorId ?? sale.operator_id, {
          saleId,
          documentId: doc.id,
          docNo: doc.docNo,
          gross: doc.totals.gross,
        });
        // The receipt's job commits with its document: one durable commit per sale instead of two, and no
        // document without its receipt after a crash between them. A queue that refuses it (print() catches)
        // rolls back only its own savepoint: the printer never fails a sale. The drawer was already kicked
        // when the manual cash was taken (cash-manual provider).
        printed = print(doc.id, operatorId);
        return doc;
      });
    } catch (e) {
      const message = isPosError(e) ? e.message : 'Erro interno ao emitir o documento.';
      store.update(saleId, { issue_error: message }, now());
      ctx.log.warn('issue failed', { saleId, error: e instanceof Error ? e.message : String(e) });
      ctx.events.emit('sales/issue-failed', { saleId, message });
      throw e;
    }
    if (!document) return null;
    const completed: CompletedSale = {
      saleId,
      document,
      change: fixed(payments.reduce((a, p) => a.plus(p.change_given ?? 0), new Dec(0))),
      printQueued: printed.queued,
      printMessage: printed.message,
    };
    ctx.events.emit('sales/completed', completed);
    return completed;
  }

  /** Queues the receipt; the printer never blocks or fails a sale. */
  function print(documentId: number, operatorId: number | null): { queued: boolean; message: string | null } {
    const printing = deps.printing?.() ?? null;
    if (!printing)
      return {
        queued: false,
        message: 'Impressão não configurada: o documento ficou gravado e pode ser reimpresso.',
      };
    try {
      // Its own savepoint inside a transaction: a failure leaves no half-written job behind.
      db.tx(() => printing.enqueueDocument(documentId, { operatorId }));
      return { queued: true, message: null };
    } catch (e) {
      ctx.log.warn('print enqueue failed', { documentId, error: e instanceof Error ? e.message : String(e) });
      return {
        queued: false,
        message: 'Não foi possível pôr o talão na fila de impressão; reimprima-o mais tarde.',
      };
    }
  }

  return { issue, print };
}
export type Issuer = ReturnType<typeof createIssuer>;
