import type { ReviewAction, ReviewResolveResult } from '../../../shared/api/cash';
import type { PaymentReview } from '../../../shared/api/sales';
import { PosError } from '../../../shared/errors';
import { Dec, fixed, formatEuro } from '../../../shared/money';
import type { CoreContext } from '../context';
import type { PaymentOutcome } from './payments/provider';
import type { ProviderRegistry } from './payments/registry';
import type { SaleViews } from './sale-view';
import { ACTIVE_PAYMENT, type SaleStore } from './store';

/**
 * The manager's decision on a payment a provider cannot settle alone (issue 11: an MB WAY the customer confirmed
 * after the cashier gave up; a wrong amount). The same two legal outcomes as the CI-5's interrupted payments
 * (cash/review.ts, sales/cash-review.ts), with the same ReviewAction and result contract:
 *   return   — the money goes back to the customer through the provider (MB WAY: PayPay's back-office) and the
 *              payment ends as refunded;
 *   complete — it pays the sale, only while that sale is still unpaid (RULE, as for the CI-5: a document only for
 *              a sale paid in full; a sale completed otherwise or abandoned can only be returned).
 * The list shows the payments in 'unknown' whose provider says a person must decide (needsReview).
 */
export function createPaymentReview(deps: {
  ctx: CoreContext;
  store: SaleStore;
  views: SaleViews;
  providers: ProviderRegistry;
  record(paymentId: number, outcome: PaymentOutcome): void;
  issue(saleId: number, operatorId: number | null): unknown;
}) {
  const { ctx, store, views, providers, record, issue } = deps;
  const { db } = ctx;
  const deciding = new Set<number>();

  const open = (status: string): boolean => status !== 'completed' && status !== 'abandoned';

  function list(): PaymentReview[] {
    const rows = db.all(
      db.k
        .selectFrom('sale_payment as p')
        .innerJoin('sale as s', 's.id', 'p.sale_id')
        .selectAll('p')
        .where('s.terminal_id', '=', ctx.terminalId)
        .where('p.status', '=', 'unknown')
        .orderBy('p.id'),
    );
    return rows.flatMap((p) => {
      const provider = providers.find(p.method);
      if (!provider?.needsReview?.({ id: p.id, saleId: p.sale_id })) return [];
      const sale = store.get(p.sale_id)!;
      const remaining = open(sale.status) ? views.build(sale).remaining : '0.00';
      const completable =
        open(sale.status) &&
        new Dec(p.requested).lte(remaining) &&
        (provider.canComplete?.({ id: p.id, saleId: p.sale_id }) ?? true);
      return [
        {
          paymentId: p.id,
          saleId: p.sale_id,
          saleStatus: sale.status,
          method: p.method,
          methodName: provider.name,
          amount: p.requested,
          saleRemaining: fixed(remaining),
          message: p.message,
          providerRef: p.provider_ref,
          startedAt: p.started_at,
          actions: completable ? (['return', 'complete'] as const) : (['return'] as const),
        },
      ] as PaymentReview[];
    });
  }

  async function resolve(
    paymentId: number,
    action: ReviewAction,
    operatorId: number,
    note?: string,
  ): Promise<ReviewResolveResult> {
    if (deciding.has(paymentId))
      throw new PosError('CONFLICT', 'Este pagamento já está a ser decidido noutro ecrã.');
    deciding.add(paymentId);
    try {
      const item = list().find((r) => r.paymentId === paymentId);
      if (!item) throw new PosError('CONFLICT', 'Este pagamento não está por decidir.');
      if (!item.actions.includes(action))
        throw new PosError(
          'CONFLICT',
          'A venda já foi concluída ou anulada (ou já não falta esse valor): só pode devolver ao cliente.',
        );
      const words = formatEuro(item.amount);
      const extra = note ? ` ${note}` : '';
      if (action === 'complete') {
        record(paymentId, {
          status: 'settled',
          amount: item.amount,
          message: `Concluído pelo gerente com os ${words} confirmados no ${item.methodName}.${extra}`,
        });
        ctx.audit('sales.payment-review-complete', operatorId, { paymentId, amount: item.amount, note });
        let completed = false;
        if (store.get(item.saleId)!.status === 'paid') {
          try {
            completed = !!issue(item.saleId, operatorId);
          } catch {
            completed = false; // issue_error stays on the sale; the till offers "Emitir o documento de novo"
          }
        }
        const fresh = store.get(item.saleId)!;
        const remaining = fresh.status === 'completed' ? '0.00' : views.build(fresh).remaining;
        return {
          action,
          saleId: item.saleId,
          completed: completed || fresh.status === 'completed',
          remaining,
          message: completed
            ? `Venda concluída com os ${words} do ${item.methodName}; documento emitido.`
            : `Contados ${words} como pagos. Falta receber ${formatEuro(remaining)}.`,
        };
      }
      const provider = providers.get(item.method);
      const r = await provider.refund({
        amount: item.amount,
        reason: `Devolução do pagamento ${paymentId} (decisão do gerente)`,
        operatorId,
        paymentRef: item.providerRef,
      });
      if (!r.ok) throw new PosError('PAYMENT_FAILED', r.message ?? 'Não foi possível devolver o pagamento.');
      const message = `Devolução decidida pelo gerente: ${r.message ?? words}${extra}`;
      db.tx(() => {
        db.run(
          db.k
            .updateTable('sale_payment')
            .set({ status: 'refunded', message, finished_at: ctx.clock.now().toISOString() })
            .where('id', '=', paymentId),
        );
        const sale = store.get(item.saleId)!;
        const active = store
          .payments(item.saleId)
          .some((x) => (ACTIVE_PAYMENT as readonly string[]).includes(x.status));
        if (!active && sale.status === 'paying')
          store.update(item.saleId, { status: 'open', issue_type: null }, ctx.clock.now().toISOString());
        ctx.audit('sales.payment-review-return', operatorId, { paymentId, amount: item.amount, note });
      });
      ctx.events.emit('sales/changed', { saleId: item.saleId, status: store.get(item.saleId)!.status });
      return {
        action,
        saleId: item.saleId,
        completed: false,
        remaining: open(store.get(item.saleId)!.status)
          ? views.build(store.get(item.saleId)!).remaining
          : '0.00',
        message,
      };
    } finally {
      deciding.delete(paymentId);
    }
  }

  return { list, resolve };
}
export type PaymentReviewService = ReturnType<typeof createPaymentReview>;
