import type { CashResult } from '../../../../shared/api/cash';
import { Dec, fixed, formatEuro } from '../../../../shared/money';
import type { CoreContext } from '../../context';
import type { PaymentOutcome, PaymentProvider } from './provider';

/** What this provider uses of the cash service (electron/core/cash/service.ts); the real service fits it. */
export interface CashMachinePort {
  readonly device: unknown;
  status(): { phase: string; message?: string };
  whenStarted(): Promise<void>;
  sale(input: { amountDue: string; reference?: string }, operatorId: number | null): Promise<CashResult>;
  cancelSale(): Promise<void>;
  payout(amount: string, reason: string, operatorId: number | null): Promise<CashResult>;
  /** The cash journal's newest sale entry with this reference, and its result (null: never reached the machine). */
  byReference(reference: string): { status: string; result: CashResult } | null;
}

export const cashReference = (saleId: number, paymentId: number): string =>
  `venda ${saleId} pagamento ${paymentId}`;

/** Maps the cash service's result of a sale to the checkout's outcome. */
export function outcomeOfCash(r: CashResult, due: string): PaymentOutcome {
  const ref = String(r.journalId);
  if (r.paid) {
    const received = new Dec(r.received);
    const owed = new Dec(r.changeOwed);
    const message = owed.gt(0)
      ? `${r.message} Troco em falta: entregue ${formatEuro(owed)} à mão.`
      : r.message || 'Pago.';
    return {
      status: 'settled',
      amount: fixed(due),
      tendered: fixed(received),
      change: fixed(Dec.max(received.minus(due), 0)),
      ref,
      message,
    };
  }
  if (r.outcome === 'cancelled' || r.outcome === 'cancelled_change_short') {
    return { status: 'cancelled', message: r.message || 'Pagamento cancelado: dinheiro devolvido.', ref };
  }
  return { status: 'failed', message: r.message || 'O pagamento em numerário não foi concluído.', ref };
}

/**
 * Cash through the Glory CI-5 (the cash service): the customer inserts cash, the machine gives change. Live
 * "inserido / falta / troco" come from the cash service's events and are forwarded as sales/payment-progress;
 * cancel returns the inserted cash; a change shortage is reported as the cash service reports it.
 */
export function createCashMachineProvider(
  ctx: CoreContext,
  cash: () => CashMachinePort | null,
): PaymentProvider {
  const running = new Map<number, () => void>();

  return {
    id: 'cash-machine',
    name: 'Numerário (máquina)',
    fiscalMethod: 'cash',
    mechanism: 'NU',
    givesChange: true,
    needsConfirmation: false,
    availability() {
      const c = cash();
      if (!c || !c.device) return { available: false, reason: 'Não há máquina de numerário: use a gaveta.' };
      const s = c.status();
      if (s.phase === 'ready') return { available: true, reason: null };
      return {
        available: false,
        reason: s.message ?? 'A máquina de numerário não está pronta. Use a gaveta ou aguarde.',
      };
    },
    start(req) {
      const c = cash();
      if (!c)
        return {
          wait: true,
          outcome: Promise.resolve({ status: 'failed', message: 'Não há máquina de numerário.' }),
        };
      const reference = cashReference(req.saleId, req.paymentId);
      let journalId: number | null = null;
      let inserted = new Dec(0);
      const due = new Dec(req.amount);
      const mine = (id: number | null): boolean => {
        if (journalId === null) {
          const found = c.byReference(reference);
          if (found) {
            journalId = found.result.journalId;
            req.setRef(String(journalId));
          }
        }
        return id !== null && id === journalId;
      };
      const send = (message: string, change = Dec.max(inserted.minus(due), 0)): void =>
        req.progress({
          inserted: fixed(inserted),
          missing: fixed(Dec.max(due.minus(inserted), 0)),
          change: fixed(change),
          message,
        });
      const offs = [
        ctx.events.on('cash/amount-inserted', (e) => {
          if (!mine(e.journalId)) return;
          inserted = new Dec(e.inserted);
          const missing = Dec.max(due.minus(inserted), 0);
          send(
            missing.gt(0)
              ? `Inserido ${formatEuro(inserted)} · falta ${formatEuro(missing)}`
              : `Inserido ${formatEuro(inserted)}`,
          );
        }),
        ctx.events.on('cash/amount-to-dispense', (e) => {
          if (mine(e.journalId)) send(`Troco: ${formatEuro(e.amount)}`, new Dec(e.amount));
        }),
        ctx.events.on('cash/take-cash', (e) => {
          if (mine(e.journalId)) send(e.message);
        }),
        ctx.events.on('cash/change-shortage', (e) => {
          if (mine(e.journalId)) send(e.message);
        }),
      ];
      const stop = (): void => offs.forEach((off) => off());
      running.set(req.paymentId, stop);
      const outcome = c
        .sale({ amountDue: req.amount, reference }, req.operatorId)
        .then((r) => outcomeOfCash(r, req.amount))
        .finally(() => {
          stop();
          running.delete(req.paymentId);
        });
      return { wait: false, outcome };
    },
    async cancel() {
      const c = cash();
      if (c) await c.cancelSale();
    },
    async refund(req) {
      const c = cash();
      if (!c || !c.device)
        return { ok: false, amount: '0.00', message: 'Não há máquina de numerário: devolva pela gaveta.' };
      const r = await c.payout(req.amount, req.reason, req.operatorId);
      const ok = r.outcome === 'success' || r.outcome === 'reconciled';
      return { ok, amount: ok ? r.paidOut : '0.00', message: r.message, ref: String(r.journalId) };
    },
    /** Reconciles an interrupted payment with the cash journal (after the cash service's own start-up reconciliation). */
    async recover(p) {
      const c = cash();
      if (!c) return null;
      await c.whenStarted().catch(() => undefined);
      const found = c.byReference(cashReference(p.saleId, p.id));
      if (!found) {
        return {
          status: 'failed',
          message: 'O pagamento não chegou à máquina: nada foi cobrado. Repita o pagamento.',
        };
      }
      if (found.status === 'pending') return null;
      const r: CashResult = {
        ...found.result,
        message: `Recuperado após interrupção: ${found.result.message}`.trim(),
      };
      return outcomeOfCash(r, p.requested);
    },
  };
}
