import type { CashResult } from '../../../../shared/api/cash';
import { isPosError } from '../../../../shared/errors';
import { Dec, fixed, formatEuro } from '../../../../shared/money';
import type { ReviewSettler } from '../../cash/review';
import type { CoreContext } from '../../context';
import type { PaymentOutcome, PaymentProvider } from './provider';
import { VERIFYING_MESSAGE } from '../payment-journal';

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
  /** Resolves pending cash-journal intents from the machine's count (waits for the machine to be idle). */
  reconcile(): Promise<unknown>;
  /** ChangeCancel of a sale a previous run left running in the machine (cash returned); false if none. */
  cancelOrphanedSale?(): Promise<boolean>;
  /** Plugs in the sales side of the manager's review decisions (issue 9 A.3). */
  setReviewSettler?(settler: ReviewSettler): void;
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
 * An interrupted payment's cash-journal result, once reconciled, as the checkout's outcome: paid → settled;
 * nothing kept (in = out) → failed/cancelled (nothing was charged); money kept that does not pay the sale (a
 * partial insert before a power cut) → 'unknown' for the manager, who returns it or completes the sale
 * (cash/review-resolve). Never "failed" while the machine holds the customer's money.
 */
export function outcomeOfRecovered(r: CashResult, requested: string): PaymentOutcome {
  const result: CashResult = { ...r, message: `Recuperado após interrupção: ${r.message}`.trim() };
  const kept = new Dec(r.received).minus(r.paidOut);
  if (r.paid || kept.isZero()) return outcomeOfCash(result, requested);
  return {
    status: 'unknown',
    review: true,
    ref: String(r.journalId),
    message: kept.gt(0)
      ? `A máquina guardou ${formatEuro(kept)} deste pagamento de ${formatEuro(requested)} sem o concluir. O gerente decide na revisão da máquina: devolver o dinheiro ou concluir a venda.`
      : `A contagem da máquina não confere com este pagamento (${result.message}). O gerente decide na revisão da máquina.`,
  };
}

/** The link to the CI-5 dropped during a payment: the payment is not lost, it waits for the machine. */
export const MACHINE_OFFLINE_WAITING =
  'Máquina sem ligação — a aguardar. O pagamento continua quando a ligação voltar (verifique o cabo de rede e a alimentação da máquina); não receba este pagamento por outro meio entretanto.';
export const MACHINE_BACK = 'Ligação à máquina retomada: a confirmar o pagamento…';

/** The cash service lost the machine after sending the sale: its outcome is unknown until reconciliation. */
const lostMidPayment = (e: unknown): boolean =>
  isPosError(e) && e.code === 'DEVICE_OFFLINE' && !!e.details && 'journalId' in e.details;

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
      let offline = false;
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
        // Issue 15 item 6: while this payment runs, a machine problem is said on the payment screen, where the
        // cashier looks (a jam: where and what to do; a lost link: that the payment waits for the machine).
        ctx.events.on('cash/error', (e) => {
          if (e.kind === 'offline') {
            offline = true;
            send(MACHINE_OFFLINE_WAITING);
          } else if (e.kind !== 'occupied') send(e.message);
        }),
        ctx.events.on('devices/status-changed', (d) => {
          if (d.kind !== 'cash' || !offline || d.state === 'disconnected' || d.state === 'connecting') return;
          offline = false;
          send(MACHINE_BACK);
        }),
      ];
      const stop = (): void => offs.forEach((off) => off());
      running.set(req.paymentId, stop);
      const outcome = c
        .sale({ amountDue: req.amount, reference }, req.operatorId)
        // 'reconciled': the link was lost and the result comes from the machine's count — a partial insert must
        // reach the manager, not fail the payment with the customer's money in the machine.
        .then((r) =>
          r.outcome === 'reconciled' ? outcomeOfRecovered(r, req.amount) : outcomeOfCash(r, req.amount),
        )
        .catch((e: unknown): PaymentOutcome => {
          if (!lostMidPayment(e)) throw e;
          return { status: 'unknown', message: VERIFYING_MESSAGE };
        })
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
    async abandon(p) {
      const c = cash();
      if (!c?.cancelOrphanedSale || running.has(p.id)) return false;
      return c.cancelOrphanedSale().catch(() => false);
    },
    async refund(req) {
      const c = cash();
      if (!c || !c.device)
        return { ok: false, amount: '0.00', message: 'Não há máquina de numerário: devolva pela gaveta.' };
      const r = await c.payout(req.amount, req.reason, req.operatorId);
      const ok = r.outcome === 'success' || r.outcome === 'reconciled';
      // A refund, not a payment: the cash service's own wording ("Pagamento de … entregue.") is for pay-outs.
      const message = ok ? `Devolução de ${formatEuro(r.paidOut)} entregue.` : r.message;
      return { ok, amount: ok ? r.paidOut : '0.00', message, ref: String(r.journalId) };
    },
    /**
     * What became of an interrupted payment, from the machine's own record: the cash journal entry of this
     * payment once reconciliation has resolved it from the machine's count (after start-up, once the machine is
     * reachable, occupied by us and idle). null while that cannot be known yet — never a guess.
     */
    async recover(p) {
      const c = cash();
      if (!c) return null;
      await c.whenStarted().catch(() => undefined);
      const reference = cashReference(p.saleId, p.id);
      let found = c.byReference(reference);
      if (!found) {
        // The intent is written before the machine is called: without it the machine never saw this payment.
        return {
          status: 'failed',
          message: 'O pagamento não chegou à máquina: nada foi cobrado. Repita o pagamento.',
        };
      }
      if (found.status === 'pending') {
        const phase = c.status().phase;
        if (phase !== 'ready' && phase !== 'busy') return null;
        await c.reconcile().catch(() => undefined);
        found = c.byReference(reference);
        if (!found || found.status === 'pending') return null;
      }
      return outcomeOfRecovered(found.result, p.requested);
    },
  };
}
