import { Dec, fixed, formatEuro } from '../../../shared/money';
import type { CoreContext } from '../context';
import type { ReviewSettler } from '../cash/review';
import type { PaymentOutcome } from './payments/provider';
import type { SaleViews } from './sale-view';
import type { SaleStore } from './store';

const REFERENCE = /^venda (\d+) pagamento (\d+)$/;

/**
 * The sales side of the manager's decision on cash an interrupted CI-5 payment left in the machine (issue 9 A.3,
 * rules in electron/core/cash/review.ts): the payment in 'unknown' becomes cancelled (cash returned) or settled
 * for what the machine kept, and the sale's document is issued once it is paid in full.
 */
export function createCashReviewSettler(deps: {
  ctx: CoreContext;
  store: SaleStore;
  views: SaleViews;
  record(paymentId: number, outcome: PaymentOutcome): void;
  issue(saleId: number, operatorId: number | null): unknown;
}): ReviewSettler {
  const { ctx, store, views, record, issue } = deps;

  const waiting = (paymentId: number) => {
    const p = store.payment(paymentId);
    return p && p.status === 'unknown' ? p : null;
  };

  return {
    find(reference) {
      const m = REFERENCE.exec(reference);
      if (!m) return null;
      const p = waiting(Number(m[2]));
      const sale = p ? store.get(p.sale_id) : undefined;
      if (!p || !sale || p.sale_id !== Number(m[1]) || sale.terminal_id !== ctx.terminalId) return null;
      return { saleId: p.sale_id, paymentId: p.id, due: p.requested };
    },
    returned(paymentId, amount, operatorId, journalId) {
      if (!waiting(paymentId)) return;
      record(paymentId, {
        status: 'cancelled',
        ref: String(journalId),
        message: `O gerente devolveu ao cliente, pela máquina, os ${formatEuro(amount)} que ela guardou: nada foi cobrado.`,
      });
      ctx.audit('sales.payment-review-return', operatorId, { paymentId, amount });
    },
    complete(paymentId, amount, operatorId) {
      const p = waiting(paymentId);
      if (!p) throw new Error(`payment ${paymentId} is not waiting for a decision`);
      const counted = Dec.min(new Dec(amount), new Dec(p.requested));
      record(paymentId, {
        status: 'settled',
        amount: fixed(counted),
        tendered: fixed(amount),
        change: '0.00',
        message: `Concluído pelo gerente com os ${formatEuro(amount)} que a máquina guardou.`,
      });
      ctx.audit('sales.payment-review-complete', operatorId, { paymentId, amount: fixed(counted) });
      const sale = store.get(p.sale_id)!;
      let completed = false;
      if (sale.status === 'paid') {
        try {
          completed = !!issue(sale.id, operatorId);
        } catch {
          completed = false; // issue_error stays on the sale; the till offers "Emitir o documento de novo"
        }
      }
      const fresh = store.get(p.sale_id)!;
      return {
        saleId: p.sale_id,
        completed: completed || fresh.status === 'completed',
        remaining: fresh.status === 'completed' ? '0.00' : views.build(fresh).remaining,
      };
    },
  };
}
