import type { OperatorSummary } from '../../../shared/api/auth';
import type { CompletedSale, PayResult } from '../../../shared/api/sales';
import { PosError, isPosError } from '../../../shared/errors';
import { PAYMENT_METHOD_NAMES, type PaymentMethod } from '../../../shared/fiscal/payments';
import { Dec, fixed, formatEuro } from '../../../shared/money';
import type { CoreContext } from '../context';
import type { PaymentOutcome, PaymentProvider } from './payments/provider';
import type { ProviderRegistry } from './payments/registry';
import type { SalesDeps } from './ports';
import type { SaleViews } from './sale-view';
import { ACTIVE_PAYMENT, type SaleRow, type SaleStore } from './store';
import { customerDraftOf, draftLineOf } from './totals';

interface CheckoutDeps {
  ctx: CoreContext;
  deps: SalesDeps;
  store: SaleStore;
  views: SaleViews;
  providers: ProviderRegistry;
  currentShiftId: () => number | null;
}

/**
 * Payment orchestration and issuing. The journal (sale_payment) gets an intent row before a provider is
 * called and the outcome after; the sale turns 'paid' in the same transaction as the last settled outcome;
 * the document is issued in the transaction that marks the sale 'completed' (fiscal issue is a nested
 * SQLite transaction), so a paid sale has exactly one document, even across crashes (see recover()).
 */
export function createCheckout({ ctx, deps, store, views, providers, currentShiftId }: CheckoutDeps) {
  const { db } = ctx;
  const now = (): string => ctx.clock.now().toISOString();
  const inflight = new Map<number, Promise<void>>();

  const result = (saleId: number, paymentId: number | null, completed: CompletedSale | null): PayResult => {
    const sale = store.get(saleId)!;
    const payment = paymentId !== null ? store.payment(paymentId) : undefined;
    return { sale: views.build(sale), payment: payment ? views.paymentView(payment) : null, completed };
  };

  function progress(
    saleId: number,
    paymentId: number,
    method: string,
    due: string,
    phase: 'started' | 'progress' | 'awaiting-confirmation' | 'settled' | 'failed' | 'cancelled',
    u: { inserted: string; missing: string; change: string; message: string },
  ): void {
    ctx.events.emit('sales/payment-progress', { saleId, paymentId, method, phase, due, ...u });
  }

  function saleForPayment(): SaleRow {
    const sale = store.current();
    if (!sale) throw new PosError('NOT_FOUND', 'Não há venda em curso.');
    if (sale.status === 'paid') {
      throw new PosError('CONFLICT', 'A venda já está paga; o documento está a ser emitido.', {
        saleId: sale.id,
      });
    }
    return sale;
  }

  /** Writes a provider's outcome; marks the sale paid when fully settled (same transaction). */
  function record(paymentId: number, outcome: PaymentOutcome): void {
    const p = store.payment(paymentId)!;
    db.tx(() => {
      const set =
        outcome.status === 'settled'
          ? {
              status: 'settled' as const,
              amount: fixed(outcome.amount),
              tendered: outcome.tendered ?? null,
              change_given: outcome.change ?? null,
              message: outcome.message ?? null,
              finished_at: now(),
            }
          : outcome.status === 'awaiting-confirmation'
            ? { status: 'awaiting-confirmation' as const, message: outcome.message }
            : { status: outcome.status, message: outcome.message, finished_at: now() };
      db.run(
        db.k
          .updateTable('sale_payment')
          .set({ ...set, ...(outcome.ref ? { provider_ref: outcome.ref } : {}) })
          .where('id', '=', paymentId),
      );
      const sale = store.get(p.sale_id)!;
      const view = views.build(sale);
      const payments = store.payments(sale.id);
      const active = payments.some((x) => (ACTIVE_PAYMENT as readonly string[]).includes(x.status));
      if (
        new Dec(view.remaining).isZero() &&
        new Dec(view.paid).gt(0) &&
        !payments.some((x) => x.status === 'pending' || x.status === 'awaiting-confirmation')
      ) {
        store.update(sale.id, { status: 'paid' }, now());
      } else if (!active && sale.status === 'paying') {
        store.update(sale.id, { status: 'open', issue_type: null }, now());
      }
      ctx.audit(`sales.payment-${outcome.status}`, p.operator_id, {
        saleId: p.sale_id,
        paymentId,
        method: p.method,
        amount: outcome.status === 'settled' ? outcome.amount : null,
      });
    });
    const fresh = store.payment(paymentId)!;
    const due = fresh.requested;
    const phase = outcome.status;
    progress(p.sale_id, paymentId, p.method, due, phase, {
      inserted: fresh.tendered ?? fresh.amount,
      missing: outcome.status === 'settled' ? '0.00' : due,
      change: fresh.change_given ?? '0.00',
      message: outcome.message ?? (outcome.status === 'settled' ? 'Pago.' : ''),
    });
  }

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
      .slice(0, 20);
    const draft = {
      type,
      lines: lines.map(draftLineOf),
      customer: customerDraftOf(store.customerOf(sale)),
      globalDiscountPct: sale.global_discount_pct,
      payments: [...byMethod].map(([method, amount]) => ({ method, amount: fixed(amount) })),
      ...(tendered ? { cashTendered: fixed(tendered) } : {}),
      additionalInfo: notes,
      confirmClockBehind,
    };
    let document;
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
    // The drawer was already kicked when the manual cash was taken (cash-manual provider).
    const printed = print(document.id, operatorId);
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
      printing.enqueueDocument(documentId, { operatorId });
      return { queued: true, message: null };
    } catch (e) {
      ctx.log.warn('print enqueue failed', { documentId, error: e instanceof Error ? e.message : String(e) });
      return {
        queued: false,
        message: 'Não foi possível pôr o talão na fila de impressão; reimprima-o mais tarde.',
      };
    }
  }

  function afterOutcome(saleId: number, operatorId: number): CompletedSale | null {
    const sale = store.get(saleId)!;
    if (sale.status !== 'paid') return null;
    try {
      return issue(saleId, operatorId);
    } catch {
      return null; // issue_error is on the sale; the UI offers sales/retry-issue
    }
  }

  async function payStart(
    op: OperatorSummary,
    input: { method: string; amount?: string; tendered?: string },
  ): Promise<PayResult> {
    const sale = saleForPayment();
    const provider = providers.get(input.method);
    const av = provider.availability();
    if (!av.available) throw new PosError('DEVICE_OFFLINE', av.reason ?? `${provider.name} indisponível.`);
    const view = views.build(sale);
    if (!view.decision.ready)
      throw new PosError('FISCAL_RULE', view.decision.blockedReason ?? 'A venda não pode ser paga.');
    if (store.payments(sale.id).some((p) => p.status === 'pending' || p.status === 'awaiting-confirmation')) {
      throw new PosError('CONFLICT', 'Há um pagamento por concluir: termine-o ou cancele-o primeiro.');
    }
    const remaining = new Dec(view.remaining);
    if (remaining.lte(0)) throw new PosError('CONFLICT', 'A venda já está paga.');
    let amount = new Dec(input.amount ?? remaining);
    if (amount.gt(remaining)) {
      if (!provider.givesChange) {
        throw new PosError(
          'VALIDATION',
          `O valor (${formatEuro(amount)}) é superior ao que falta pagar (${formatEuro(remaining)}).`,
        );
      }
      amount = remaining;
    }
    let tendered = input.tendered ?? (input.amount && provider.givesChange ? input.amount : undefined);
    if (tendered !== undefined) {
      if (!provider.givesChange)
        throw new PosError('VALIDATION', 'Só pagamentos em numerário têm valor entregue.');
      if (new Dec(tendered).lt(amount)) amount = new Dec(tendered);
      tendered = fixed(tendered);
    }
    const paymentId = db.tx(() => {
      if (sale.status === 'open')
        store.update(sale.id, { status: 'paying', issue_type: view.decision.type }, now());
      const r = db.run(
        db.k.insertInto('sale_payment').values({
          sale_id: sale.id,
          method: provider.id,
          mechanism: provider.mechanism,
          status: 'pending',
          requested: fixed(amount),
          tendered: tendered ?? null,
          change_given: null,
          provider_ref: null,
          message: null,
          operator_id: op.id,
          started_at: now(),
          finished_at: null,
        }),
      );
      ctx.audit('sales.payment-intent', op.id, {
        saleId: sale.id,
        paymentId: r.lastInsertRowid,
        method: provider.id,
        amount: fixed(amount),
      });
      return r.lastInsertRowid;
    });
    const due = fixed(amount);
    progress(sale.id, paymentId, provider.id, due, 'started', {
      inserted: '0.00',
      missing: due,
      change: '0.00',
      message: `${provider.name}: ${formatEuro(due)}`,
    });
    const started = run(provider, { saleId: sale.id, paymentId, amount: due, tendered, operatorId: op.id });
    if (started.wait) {
      const completed = await started.done;
      return result(sale.id, paymentId, completed);
    }
    return result(sale.id, paymentId, null);
  }

  function run(
    provider: PaymentProvider,
    req: { saleId: number; paymentId: number; amount: string; tendered?: string; operatorId: number },
  ) {
    let s: ReturnType<PaymentProvider['start']>;
    try {
      s = provider.start({
        ...req,
        progress: (u) => progress(req.saleId, req.paymentId, provider.id, req.amount, 'progress', u),
        setRef: (ref) =>
          db.run(db.k.updateTable('sale_payment').set({ provider_ref: ref }).where('id', '=', req.paymentId)),
      });
    } catch (e) {
      s = {
        wait: true,
        outcome: Promise.resolve({
          status: 'failed',
          message: isPosError(e) ? e.message : 'O pagamento falhou.',
        }),
      };
    }
    const done = s.outcome
      .catch((e: unknown): PaymentOutcome => ({
        status: 'failed',
        message: isPosError(e) ? e.message : 'O pagamento falhou.',
      }))
      .then((outcome) => {
        record(req.paymentId, outcome);
        return afterOutcome(req.saleId, req.operatorId);
      });
    const tracked = done.then(() => undefined).finally(() => inflight.delete(req.paymentId));
    inflight.set(req.paymentId, tracked);
    return { wait: s.wait, done };
  }

  function paymentOf(paymentId: number) {
    const p = store.payment(paymentId);
    const cur = store.current();
    if (!p || !cur || p.sale_id !== cur.id)
      throw new PosError('NOT_FOUND', 'Esse pagamento não pertence à venda em curso.');
    return p;
  }

  function payConfirm(op: OperatorSummary, paymentId: number, approvedAmount: string): PayResult {
    const p = paymentOf(paymentId);
    if (p.status !== 'awaiting-confirmation')
      throw new PosError('CONFLICT', 'Esse pagamento não está à espera de confirmação.');
    const provider = providers.get(p.method);
    if (!provider.confirm) throw new PosError('CONFLICT', `${provider.name} não se confirma manualmente.`);
    const outcome = provider.confirm(paymentId, approvedAmount, p.requested);
    ctx.audit('sales.payment-confirm', op.id, { saleId: p.sale_id, paymentId, approvedAmount });
    record(paymentId, outcome);
    return result(p.sale_id, paymentId, afterOutcome(p.sale_id, op.id));
  }

  async function payCancel(op: OperatorSummary, paymentId: number): Promise<PayResult> {
    const p = paymentOf(paymentId);
    const provider = providers.get(p.method);
    ctx.audit('sales.payment-cancel', op.id, { saleId: p.sale_id, paymentId, status: p.status });
    if (p.status === 'pending') {
      await provider.cancel(paymentId);
      await inflight.get(paymentId);
    } else if (p.status === 'awaiting-confirmation') {
      record(paymentId, { status: 'cancelled', message: 'Pagamento cancelado pelo operador.' });
    } else if (p.status === 'settled') {
      const r = await provider.refund({
        amount: p.amount,
        reason: `Cancelamento do pagamento ${paymentId}`,
        operatorId: op.id,
        paymentRef: p.provider_ref,
      });
      if (!r.ok) throw new PosError('PAYMENT_FAILED', r.message ?? 'Não foi possível devolver o pagamento.');
      db.tx(() => {
        db.run(
          db.k
            .updateTable('sale_payment')
            .set({ status: 'refunded', message: r.message, finished_at: now() })
            .where('id', '=', paymentId),
        );
        const active = store
          .payments(p.sale_id)
          .some((x) => (ACTIVE_PAYMENT as readonly string[]).includes(x.status));
        if (!active) store.update(p.sale_id, { status: 'open', issue_type: null }, now());
      });
    } else {
      throw new PosError('CONFLICT', 'Esse pagamento já terminou.');
    }
    return result(p.sale_id, paymentId, null);
  }

  function retryIssue(op: OperatorSummary, saleId: number, confirmClockBehind: boolean): PayResult {
    const sale = store.get(saleId);
    if (!sale || sale.terminal_id !== ctx.terminalId) throw new PosError('NOT_FOUND', 'Venda inexistente.');
    if (sale.status !== 'paid')
      throw new PosError('CONFLICT', 'Só se emite o documento de uma venda paga e ainda sem documento.');
    return result(saleId, null, issue(saleId, op.id, confirmClockBehind));
  }

  const methodName = (m: PaymentMethod): string => PAYMENT_METHOD_NAMES[m];

  return {
    payStart,
    payConfirm,
    payCancel,
    retryIssue,
    /** Internals for start-up recovery (recovery.ts). */
    record,
    issue,
    print,
    methodName,
    /** Resolves when a running payment has finished and been recorded (tests, shutdown). */
    settled: (paymentId: number): Promise<void> => inflight.get(paymentId) ?? Promise.resolve(),
    idle: async (): Promise<void> => {
      await Promise.all([...inflight.values()]);
    },
  };
}
export type Checkout = ReturnType<typeof createCheckout>;
