import type { CashResult } from '../../../shared/api/cash';
import { PosError } from '../../../shared/errors';
import { fixed, formatEuro, toCents } from '../../../shared/money';
import type { CoreContext } from '../context';

/** What a pay-in needs of the cash service: its two-step deposit (start, the operator inserts, end). */
export interface PayinCash {
  depositStart(
    purpose: 'deposit',
    operatorId: number | null,
    opts: { amount?: string; reference?: string },
  ): Promise<{ journalId: number }>;
  depositEnd(cancel: boolean): Promise<CashResult>;
}

export interface PayinCollected {
  received: string;
  journalId: number;
  message: string;
}

/**
 * Pay-ins through the CI-5: the cash service's deposit is opened for the amount, the operator inserts the cash,
 * and the deposit ends by itself once the machine has counted the amount (`cash/amount-inserted`), or when
 * `finish()` is called: end now with what was counted, or cancel (the machine returns the cash). What counts
 * is the machine's count, never the typed amount. One pay-in at a time.
 */
export function createMachinePayins(ctx: CoreContext) {
  let running: { stop: (cancel: boolean) => void; done: Promise<PayinCollected> } | null = null;

  async function collect(
    cash: PayinCash,
    input: { amount: string; reference: string; operatorId: number },
  ): Promise<PayinCollected> {
    if (running) throw new PosError('CONFLICT', 'Já há uma entrada de dinheiro no CI-5 em curso.');
    let stop: (cancel: boolean) => void = () => undefined;
    const stopped = new Promise<boolean>((r) => (stop = r));
    const target = toCents(input.amount);
    let journalId: number | null = null;
    // Listen before starting: the first count may arrive as soon as the deposit opens.
    const off = ctx.events.on('cash/amount-inserted', (e) => {
      if (e.journalId === journalId && toCents(e.inserted) >= target) stop(false);
    });
    const run = async (): Promise<PayinCollected> => {
      try {
        ({ journalId } = await cash.depositStart('deposit', input.operatorId, {
          amount: input.amount,
          reference: input.reference,
        }));
        const cancel = await stopped;
        const r = await cash.depositEnd(cancel);
        const ok = !cancel && (r.outcome === 'success' || r.outcome === 'reconciled');
        if (cancel) {
          throw new PosError('CONFLICT', 'Entrada cancelada: o CI-5 devolveu o dinheiro inserido.', {
            journalId: r.journalId,
            cancelled: true,
          });
        }
        if (!ok) throw new PosError('DEVICE_ERROR', r.message || 'O CI-5 não concluiu o depósito.');
        if (toCents(r.received) <= 0)
          throw new PosError('VALIDATION', 'O CI-5 não contou dinheiro nenhum: nada foi registado.');
        return {
          received: fixed(r.received),
          journalId: r.journalId,
          message: `O CI-5 contou ${formatEuro(r.received)}.`,
        };
      } finally {
        off();
        running = null;
      }
    };
    const done = run();
    running = { stop: (cancel) => stop(cancel), done };
    return done;
  }

  /** Ends the running pay-in now (with what the machine counted) or cancels it (the cash is returned). */
  async function finish(cancel: boolean): Promise<{ received: string; message: string }> {
    const r = running;
    if (!r) throw new PosError('CONFLICT', 'Não há nenhuma entrada de dinheiro no CI-5 em curso.');
    r.stop(cancel);
    try {
      const got = await r.done;
      return { received: got.received, message: got.message };
    } catch (e) {
      if (e instanceof PosError && e.details?.cancelled) return { received: '0.00', message: e.message };
      throw e;
    }
  }

  return { collect, finish, busy: (): boolean => running !== null };
}
export type MachinePayins = ReturnType<typeof createMachinePayins>;
