import type { CashResult } from '../../../../shared/api/cash';
import { Dec, fixed, formatEuro, fromCents } from '../../../../shared/money';
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
  const journalByRef = ctx.db.sqlite.prepare(
    `select id, status, outcome, requested_cents, in_cents, out_cents, note from cash_journal
     where reference = ? and kind = 'sale' order by id desc limit 1`,
  );

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
          const row = journalByRef.get(reference) as { id: number } | undefined;
          if (row) {
            journalId = row.id;
            req.setRef(String(row.id));
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
      if (c) await c.whenStarted().catch(() => undefined);
      const row = journalByRef.get(cashReference(p.saleId, p.id)) as
        | {
            id: number;
            status: string;
            outcome: string | null;
            requested_cents: number;
            in_cents: number;
            out_cents: number;
            note: string | null;
          }
        | undefined;
      if (!row) {
        return {
          status: 'failed',
          message: 'O pagamento não chegou à máquina: nada foi cobrado. Repita o pagamento.',
        };
      }
      if (row.status === 'pending') return null;
      const net = row.in_cents - row.out_cents;
      const owed = row.outcome === 'change_short' ? Math.max(0, net - row.requested_cents) : 0;
      const r: CashResult = {
        journalId: row.id,
        outcome: (row.outcome ?? 'failed') as CashResult['outcome'],
        requested: fromCents(row.requested_cents),
        received: fromCents(row.in_cents),
        paidOut: fromCents(row.out_cents),
        changeOwed: fromCents(owed),
        paid: net + owed >= row.requested_cents && row.in_cents >= row.requested_cents,
        cashIn: [],
        cashOut: [],
        message: `Recuperado após interrupção: ${row.note ?? ''}`.trim(),
      };
      return outcomeOfCash(r, p.requested);
    },
  };
}
