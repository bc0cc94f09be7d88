import { Dec, fixed } from '../../../shared/money';
import type { CoreContext } from '../context';
import type { PaymentOutcome } from './payments/provider';
import type { SaleViews } from './sale-view';
import { ACTIVE_PAYMENT, OPEN_PAYMENT, type SaleStore } from './store';

export type ProgressPhase =
  'started' | 'progress' | 'awaiting-confirmation' | 'unknown' | 'settled' | 'failed' | 'cancelled';

/** pt-PT line for a payment being verified with the machine (issue 9 A: "a verificar", never "repita"). */
export const VERIFYING_MESSAGE =
  'A verificar com a máquina… O pagamento será concluído ou devolvido pela contagem da máquina: não cobre outra vez.';

/**
 * The payment journal (sale_payment): a provider's outcome is written after its intent row, and the sale turns
 * 'paid' in the same transaction as the last settled outcome. Every step reaches the UI as
 * `sales/payment-progress`.
 *
 * Statuses: pending (intent written, provider running) → settled | failed | cancelled | awaiting-confirmation
 * (card, PayPay) | unknown. 'unknown' is the state of a payment whose outcome nobody knows yet — the POS died or
 * lost the machine while it was taking the money. It is NOT a failure: it holds the sale like a pending payment
 * (no second payment, no document), and only the provider's own record (CI-5: the cash journal reconciled
 * from the machine's count) or a manager's decision moves it on, to settled, failed/cancelled (nothing kept or
 * money returned) or refunded. It is written by recovery.ts and by the checkout; PayPay and the reconciliation
 * issues build on it.
 */
export function createPaymentJournal({
  ctx,
  store,
  views,
}: {
  ctx: CoreContext;
  store: SaleStore;
  views: SaleViews;
}) {
  const { db } = ctx;
  const now = (): string => ctx.clock.now().toISOString();

  function progress(
    saleId: number,
    paymentId: number,
    method: string,
    due: string,
    phase: ProgressPhase,
    u: { inserted: string; missing: string; change: string; message: string },
  ): void {
    ctx.events.emit('sales/payment-progress', { saleId, paymentId, method, phase, due, ...u });
  }

  /**
   * Writes a provider's outcome; marks the sale paid when fully settled (same transaction). `also` writes the
   * caller's own rows (e.g. the audit of the cashier's confirmation) in that transaction: one durable commit.
   */
  function record(paymentId: number, outcome: PaymentOutcome, also?: () => void): void {
    const p = store.payment(paymentId)!;
    db.tx(() => {
      also?.();
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
          : outcome.status === 'awaiting-confirmation' || outcome.status === 'unknown'
            ? { status: outcome.status, message: outcome.message }
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
        !payments.some((x) => (OPEN_PAYMENT as readonly string[]).includes(x.status))
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
    // The till reloads the sale: an outcome that arrives on its own (machine, recovery, manager's review)
    // changes what it may do next (e.g. 'unknown' blocks a second payment).
    ctx.events.emit('sales/changed', { saleId: p.sale_id, status: store.get(p.sale_id)!.status });
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

  return { progress, record };
}
export type PaymentJournal = ReturnType<typeof createPaymentJournal>;
