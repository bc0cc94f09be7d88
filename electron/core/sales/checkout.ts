import type { OperatorSummary } from '../../../shared/api/auth';
import type { CompletedSale, PayResult } from '../../../shared/api/sales';
import { PosError, isPosError } from '../../../shared/errors';
import { PAYMENT_METHOD_NAMES, type PaymentMethod } from '../../../shared/fiscal/payments';
import { Dec, fixed, formatEuro } from '../../../shared/money';
import type { CoreContext } from '../context';
import type { PaymentOutcome, PaymentProvider } from './payments/provider';
import type { ProviderRegistry } from './payments/registry';
import type { SalesDeps } from './ports';
import { createIssuer } from './issue';
import { createPaymentJournal } from './payment-journal';
import type { SaleViews } from './sale-view';
import { ACTIVE_PAYMENT, OPEN_PAYMENT, type SaleRow, type SaleStore } from './store';

interface CheckoutDeps {
  ctx: CoreContext;
  deps: SalesDeps;
  store: SaleStore;
  views: SaleViews;
  providers: ProviderRegistry;
  currentShiftId: () => number | null;
  /** An outcome came back 'unknown' (e.g. the link to the CI-5 was lost mid-payment): settle it in the background. */
  onUnknown?: (paymentId: number) => void;
}

/**
 * Payment orchestration. The journal (sale_payment, payment-journal.ts) gets an intent row before a provider is
 * called and the outcome after; the sale turns 'paid' in the same transaction as the last settled outcome;
 * the document is issued (issue.ts) in the transaction that marks the sale 'completed' (fiscal issue is a nested
 * SQLite transaction), so a paid sale has exactly one document, even across crashes (see recover()).
 */
export function createCheckout({
  ctx,
  deps,
  store,
  views,
  providers,
  currentShiftId,
  onUnknown,
}: CheckoutDeps) {
  const { db } = ctx;
  const now = (): string => ctx.clock.now().toISOString();
  const inflight = new Map<number, Promise<void>>();
  const { progress, record } = createPaymentJournal({ ctx, store, views });
  const { issue, print } = createIssuer({ ctx, deps, store, views, providers, currentShiftId });

  const result = (saleId: number, paymentId: number | null, completed: CompletedSale | null): PayResult => {
    const sale = store.get(saleId)!;
    const payment = paymentId !== null ? store.payment(paymentId) : undefined;
    return { sale: views.build(sale), payment: payment ? views.paymentView(payment) : null, completed };
  };

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
    input: { method: string; amount?: string; tendered?: string; phone?: string },
  ): Promise<PayResult> {
    const sale = saleForPayment();
    const provider = providers.get(input.method);
    const av = provider.availability();
    if (!av.available) throw new PosError('DEVICE_OFFLINE', av.reason ?? `${provider.name} indisponível.`);
    const invalid = provider.validate?.({ phone: input.phone }) ?? null;
    if (invalid) throw new PosError('VALIDATION', invalid, { method: provider.id });
    const view = views.build(sale);
    if (!view.decision.ready)
      throw new PosError('FISCAL_RULE', view.decision.blockedReason ?? 'A venda não pode ser paga.');
    if (view.decision.type === 'FT')
      throw new PosError(
        'CONFLICT',
        'Uma fatura (FT) é paga mais tarde: emita-a com "Emitir fatura", ou escolha fatura-recibo (FR) para pagar agora.',
      );
    const open = store
      .payments(sale.id)
      .filter((p) => (OPEN_PAYMENT as readonly string[]).includes(p.status));
    if (open.some((p) => p.status === 'unknown')) {
      throw new PosError(
        'CONFLICT',
        'Há um pagamento a verificar com a máquina: aguarde, não repita o pagamento (o gerente decide na revisão da máquina se for preciso).',
      );
    }
    if (open.length) {
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
    const started = run(provider, {
      saleId: sale.id,
      paymentId,
      amount: due,
      tendered,
      phone: input.phone,
      operatorId: op.id,
    });
    if (started.wait) {
      const completed = await started.done;
      return result(sale.id, paymentId, completed);
    }
    return result(sale.id, paymentId, null);
  }

  function run(
    provider: PaymentProvider,
    req: {
      saleId: number;
      paymentId: number;
      amount: string;
      tendered?: string;
      phone?: string;
      operatorId: number;
    },
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
        if (outcome.status === 'unknown' && !outcome.review) onUnknown?.(req.paymentId);
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
    // The audit row commits with the outcome (one fsync less before the document, issue 15).
    record(paymentId, outcome, () =>
      ctx.audit('sales.payment-confirm', op.id, { saleId: p.sale_id, paymentId, approvedAmount }),
    );
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
    } else if (p.status === 'unknown') {
      // Money may be in the machine: only its record or the manager's review settles it. What may be done here is
      // to stop a sale still waiting in the machine (the customer walked away): the machine returns the cash and
      // recovery then finds nothing kept.
      if (!(await provider.abandon?.({ id: p.id, saleId: p.sale_id })))
        throw new PosError(
          'CONFLICT',
          'Este pagamento está a ser verificado com a máquina; não pode ser cancelado aqui (o gerente decide na revisão da máquina).',
        );
    } else if (p.status === 'settled') {
      // Undoing a partial payment before the sale is finished (issue 9 E.14): only while the sale is still being
      // paid; once it is fully paid its document is being issued and money goes back through a return (NC).
      const sale = store.get(p.sale_id);
      if (sale?.status !== 'paying')
        throw new PosError('CONFLICT', 'A venda já está paga: para devolver dinheiro faça uma devolução.');
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
        ctx.audit('sales.payment-reversed', op.id, {
          saleId: p.sale_id,
          paymentId,
          method: p.method,
          amount: p.amount,
        });
      });
    } else {
      throw new PosError('CONFLICT', 'Esse pagamento já terminou.');
    }
    return result(p.sale_id, paymentId, null);
  }

  /**
   * A sale whose total is 0,00 € (e.g. a 100 % discount) has nothing to pay but still needs its document
   * (issue 9 E.14). ASSUMPTION (rule, see README "Vendas de 0,00 €"): every transfer of goods is documented
   * (CIVA art. 29.º n.º 1 b)), a 100 % discount is within the 0–100 % the rules allow (Despacho 8632/2014 3.2.8)
   * and a document may carry GrossTotal 0.00; so the document is issued with no payment. The cashier may instead
   * abandon (void) the sale, which issues nothing.
   */
  function completeZeroTotal(op: OperatorSummary): PayResult {
    const sale = saleForPayment();
    const view = views.build(sale);
    if (view.lines.length === 0) throw new PosError('CONFLICT', 'A venda não tem artigos.');
    if (!new Dec(view.totals.gross).isZero())
      throw new PosError('CONFLICT', 'Só uma venda de 0,00 € se conclui sem pagamento.');
    if (!view.decision.ready)
      throw new PosError('FISCAL_RULE', view.decision.blockedReason ?? 'A venda não pode ser concluída.');
    if (store.payments(sale.id).some((p) => (ACTIVE_PAYMENT as readonly string[]).includes(p.status)))
      throw new PosError('CONFLICT', 'Há um pagamento por concluir: termine-o ou cancele-o primeiro.');
    db.tx(() => {
      store.update(sale.id, { status: 'paid', issue_type: view.decision.type }, now());
      ctx.audit('sales.zero-total', op.id, { saleId: sale.id, type: view.decision.type });
    });
    return result(sale.id, null, afterOutcome(sale.id, op.id));
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
    completeZeroTotal,
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
