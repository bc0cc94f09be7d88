import type { CoreContext } from '../context';
import type { PaymentOutcome } from './payments/provider';
import type { ProviderRegistry } from './payments/registry';
import { VERIFYING_MESSAGE } from './payment-journal';
import type { SalePaymentRow } from './store';

interface RecoveryDeps {
  ctx: CoreContext;
  providers: ProviderRegistry;
  record(paymentId: number, outcome: PaymentOutcome): void;
  issue(saleId: number, operatorId: number | null): unknown;
  /** How often a payment of unknown outcome is asked about again (default 500 ms). */
  retryMs?: number;
  /** How long recover() waits for the first answers before it reports (the rest goes on in the background). */
  firstPassMs?: number;
}

const INTERRUPTED =
  'Pagamento interrompido (o programa parou). Confirme com o cliente e repita o pagamento se necessário.';

/**
 * Start-up recovery and the settling of payments whose outcome is unknown (issue 9 A).
 *
 * A payment journaled as pending when the process died has an unknown outcome: the customer may have paid the
 * machine meanwhile. It is marked 'unknown' at once (the cashier sees "a verificar com a máquina", the till takes
 * no second payment), then its provider is asked — and asked again while it cannot tell (null: machine not
 * reachable, still busy, cash journal not reconciled yet) — until it answers from its own record: settled (the
 * document is issued, once), failed/cancelled (nothing was kept), or 'unknown' for a manager's review. Only a
 * provider that has no way to know (no recover()) turns a pending payment into failed.
 */
export function createRecovery({ ctx, providers, record, issue, ...opts }: RecoveryDeps) {
  const { db } = ctx;
  const retryMs = opts.retryMs ?? 500;
  const tracking = new Map<number, Promise<PaymentOutcome | null>>();
  let stopped = false;
  ctx.events.on('system/stopping', () => {
    stopped = true;
  });

  const sleep = (ms: number): Promise<void> =>
    new Promise((r) => {
      const t = setTimeout(r, ms);
      t.unref?.();
    });

  /** Issues the document of a sale that is paid and has none (idempotent: document and sale commit together). */
  function issuePaid(saleId: number): boolean {
    const s = db.get(db.k.selectFrom('sale').selectAll().where('id', '=', saleId));
    if (!s || s.status !== 'paid' || s.document_id !== null) return false;
    const done = !!issue(s.id, null);
    ctx.audit('sales.recovered-issue', null, { saleId: s.id });
    return done;
  }

  async function ask(p: SalePaymentRow): Promise<PaymentOutcome | null> {
    const provider = providers.find(p.method);
    try {
      return (
        (await provider?.recover?.({
          id: p.id,
          saleId: p.sale_id,
          requested: p.requested,
          ref: p.provider_ref,
          startedAt: p.started_at,
        })) ?? null
      );
    } catch (e) {
      ctx.log.warn('payment recovery failed', {
        paymentId: p.id,
        error: e instanceof Error ? e.message : String(e),
      });
      return null;
    }
  }

  /** Asks until the provider knows (or the core stops); records the answer and issues the document if paid. */
  function track(paymentId: number): Promise<PaymentOutcome | null> {
    const running = tracking.get(paymentId);
    if (running) return running;
    const run = (async (): Promise<PaymentOutcome | null> => {
      while (!stopped) {
        const p = db.get(db.k.selectFrom('sale_payment').selectAll().where('id', '=', paymentId));
        if (!p || (p.status !== 'unknown' && p.status !== 'pending')) return null;
        const outcome = await ask(p);
        if (stopped) return null;
        if (outcome && !(outcome.status === 'unknown' && !outcome.review)) {
          record(paymentId, outcome);
          ctx.audit('sales.payment-recovered', null, {
            paymentId,
            saleId: p.sale_id,
            status: outcome.status,
          });
          if (outcome.status === 'settled') {
            try {
              issuePaid(p.sale_id);
            } catch (e) {
              ctx.log.warn('recovered sale could not be issued', { saleId: p.sale_id, error: String(e) });
            }
          }
          return outcome;
        }
        if (outcome && outcome.message !== p.message) record(paymentId, outcome);
        await sleep(retryMs);
      }
      return null;
    })().finally(() => tracking.delete(paymentId));
    tracking.set(paymentId, run);
    return run;
  }

  /**
   * Start-up recovery. 1) Payments left pending or unknown: marked 'unknown' now (synchronously, before any
   * await, so the first screen already shows it) and settled from the provider's record (see track()).
   * 2) Paid sales without a document get it issued now.
   */
  async function recover(): Promise<{ reconciled: number; issued: number; failed: number; unknown: number }> {
    let reconciled = 0;
    let issued = 0;
    let failed = 0;
    const open = db.all(
      db.k
        .selectFrom('sale_payment as p')
        .innerJoin('sale as s', 's.id', 'p.sale_id')
        .selectAll('p')
        .where('s.terminal_id', '=', ctx.terminalId)
        .where('p.status', 'in', ['pending', 'unknown']),
    );
    const waits: Promise<PaymentOutcome | null>[] = [];
    for (const p of open) {
      const provider = providers.find(p.method);
      if (!provider?.recover) {
        // Nothing can tell what happened (e.g. the drawer): the cashier confirms with the customer.
        if (p.status === 'pending') {
          record(p.id, { status: 'failed', message: INTERRUPTED });
          ctx.audit('sales.payment-recovered', null, {
            paymentId: p.id,
            saleId: p.sale_id,
            status: 'failed',
          });
          reconciled++;
        }
        continue;
      }
      if (p.status === 'pending') record(p.id, { status: 'unknown', message: VERIFYING_MESSAGE });
      waits.push(track(p.id));
    }
    const firstPass = await Promise.race([
      Promise.all(waits),
      sleep(opts.firstPassMs ?? 10_000).then(() => null),
    ]);
    const answered = firstPass ?? [];
    reconciled += answered.filter((o) => o !== null).length;
    const paid = db.all(
      db.k
        .selectFrom('sale')
        .select('id')
        .where('terminal_id', '=', ctx.terminalId)
        .where('status', '=', 'paid')
        .where('document_id', 'is', null),
    );
    for (const s of paid) {
      try {
        if (issuePaid(s.id)) issued++;
      } catch {
        failed++;
      }
    }
    const unknown = db.all(
      db.k.selectFrom('sale_payment').select('id').where('status', '=', 'unknown'),
    ).length;
    return { reconciled, issued, failed, unknown };
  }

  return { recover, track };
}
