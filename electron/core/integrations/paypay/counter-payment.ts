import { fixed, formatEuro } from '../../../../shared/money';
import type { CoreContext } from '../../context';
import { DEFAULT_BACKOFF } from '../../jobs/backoff';
import type { JobRunner } from '../../jobs/runner';
import type { AttemptResult } from '../../jobs/types';
import type { PaymentOutcome, PaymentProvider, PaymentRequest } from '../../sales/payments/provider';
import { enqueueInTx } from '../../sync/outbox';
import { PaymentData, toCents, type Outcome } from './codec';
import type { CounterJournalPort, CounterMethod } from './counter-method';
import { findByCode } from './find-by-code';
import type { PaypayService } from './service';
import type { PaypayRow } from './store';

/** Same for every counter method: the cashier withdrew the request. */
const CANCELLED_NOTE = 'Cancelado no Balcão pelo operador.';
const NOT_SENT = 'Cancelado antes do envio.';

/**
 * A counter payment at PayPay as a checkout provider. start() writes, in one transaction, the `paypay_payment` row,
 * its creation job (outbox; idempotency key = its code, also sent as PayPay's `code` and looked up before any retry)
 * and the sale payment's provider_ref; the payment stays 'pending' in the journal meanwhile. The outcome comes from
 * the PayPay checks (polling that tightens to URGENT_POLL_MS while the cashier waits, or a webhook) through
 * `paypay.onApplied`, never from a timer here. After a crash, recover() reads the same row (and keeps it polled):
 * final → its outcome (the recovery issues the one document), still open → 'unknown' (never failed). A "yes" after
 * the cashier gave up turns the payment into 'unknown' for the manager's review (see sales/payment-review.ts).
 */
export function createCounterProvider<P extends { paymentId: number }>(
  deps: { ctx: CoreContext; jobs: JobRunner; paypay: PaypayService; journal: CounterJournalPort },
  m: CounterMethod<P>,
): PaymentProvider {
  const { ctx, jobs, paypay, journal } = deps;
  const { db, clock } = ctx;
  const store = paypay.store;
  const iso = (): string => clock.now().toISOString();
  const waiters = new Map<
    number,
    { rowId: number; req: PaymentRequest; resolve(o: PaymentOutcome): void; waiting: boolean }
  >();

  const lateMessage = (row: PaypayRow): string => `${m.texts.lateFlag} Montante: ${formatEuro(row.amount)}.`;
  const salePaymentOf = (row: PaypayRow): number | null => {
    const match = m.codePattern.exec(row.code);
    return match ? Number(match[2]) : null;
  };
  const rowOf = (saleId: number, paymentId: number): PaypayRow | undefined =>
    store.byCode(m.code(ctx.terminalId, saleId, paymentId));
  const withdraw = (row: PaypayRow): void => {
    paypay.kinds.cancel.enqueue({ paymentId: row.id }, { key: `paypay.cancel:${row.id}` });
  };

  /** Tells the waiting checkout what became of its request (progress while pending, the outcome when final). */
  function changed(rowId: number): void {
    const row = store.get(rowId);
    if (!row) return;
    const sp = salePaymentOf(row);
    if (sp === null) return;
    const w = waiters.get(sp);
    const outcome = m.outcome(row);
    if (w) {
      if (outcome) {
        waiters.delete(sp);
        paypay.relax(rowId);
        w.resolve(outcome);
      } else if (row.state === 'pending' && !w.waiting) {
        w.waiting = true;
        w.req.progress({
          inserted: '0.00',
          missing: fixed(row.amount),
          change: '0.00',
          message: m.waiting(row),
          expiresAt: row.valid_until ?? undefined,
        });
      }
      return;
    }
    // Nobody waits: after a crash the recovery asks recover(); a "yes" to a payment already given up is late.
    if ((row.state === 'paid' || row.state === 'mismatch') && row.flag !== m.texts.lateFlag) {
      if (m.isLate(journal.status(sp), row)) {
        // The payment first (a crash before the flag only means it is seen again, and then it is no longer
        // cancelled); the flag then marks the row as handed to the manager.
        journal.record(sp, {
          status: 'unknown',
          review: true,
          ref: row.remote_id,
          message: lateMessage(row),
        });
        store.update(row.id, { flag: m.texts.lateFlag, updated_at: iso() });
        ctx.audit(`paypay.${m.audit}-late`, null, { id: row.id, paymentId: sp, amount: row.amount });
      }
    }
  }

  paypay.onApplied((row, outcome: Outcome) => {
    if (row.kind !== m.kind) return;
    if (outcome === 'refused' && row.state === 'cancelled' && row.note !== m.texts.refusedNote)
      store.update(row.id, { note: m.texts.refusedNote, updated_at: iso() });
    changed(row.id);
  });

  function adopt(row: PaypayRow, p: PaymentData): void {
    db.tx(() => {
      const cur = store.get(row.id)!;
      store.update(row.id, {
        remote_id: p.id,
        ...m.adopted(p, cur, clock.now()),
        state: cur.state === 'creating' ? 'pending' : cur.state,
        updated_at: iso(),
      });
      ctx.audit(`paypay.${m.audit}-requested`, null, { id: row.id, remoteId: p.id, amount: row.amount });
      // Given up while the request was on its way: withdraw it at PayPay (the row stays watched for a late "yes").
      if (cur.state === 'cancelled') withdraw(row);
    });
    changed(row.id);
  }

  const create = jobs.register({
    kind: m.jobKind,
    payload: m.payload,
    partner: () => 'paypay',
    syncStatus: true,
    // The customer is at the counter: retry soon, the cashier sees "a enviar" meanwhile.
    backoff: { ...DEFAULT_BACKOFF, baseMs: 1_000, maxMs: m.backoffMaxMs },
    async run(job): Promise<AttemptResult> {
      const row = store.get(job.payload.paymentId);
      if (!row) return { outcome: 'permanent', message: m.texts.unknownRequest };
      if (row.remote_id) return { outcome: 'succeeded', result: { remoteId: row.remote_id } };
      // Cancelled before any attempt could have reached PayPay: nothing to send.
      if (row.state === 'cancelled' && job.attempt === 1) return { outcome: 'succeeded', message: NOT_SENT };
      const call = m.send(row, job.payload);
      return paypay.viaTransport(call.request, async (t) => {
        if (job.attempt > 1) {
          // A previous attempt may have reached PayPay (timeout, reset, crash): find it before asking again.
          const lookup = `GET /payments?code=${row.code}`;
          const found = await findByCode(t, row.code, PaymentData);
          if (found.kind === 'found') {
            adopt(row, found.payment);
            return { outcome: 'succeeded', request: lookup, result: { remoteId: found.payment.id } };
          }
          if (found.kind === 'absent' && row.state === 'cancelled')
            return { outcome: 'succeeded', message: NOT_SENT };
          if (found.kind === 'failed') return paypay.attempt(found.reply, lookup);
        }
        const r = await t.request('POST', call.path, { idempotencyKey: job.idempotencyKey, body: call.body });
        if (r.kind === 'refused') {
          db.tx(() =>
            store.update(row.id, {
              state: row.state === 'cancelled' ? 'cancelled' : 'failed',
              flag: r.message,
              updated_at: iso(),
            }),
          );
          changed(row.id);
          return paypay.attempt(r, call.request);
        }
        if (r.kind !== 'ok') return paypay.attempt(r, call.request);
        const p = PaymentData.safeParse(r.data);
        if (!p.success)
          return {
            outcome: 'unknown',
            request: call.request,
            httpStatus: r.status,
            message: 'Resposta do PayPay ilegível.',
          };
        adopt(row, p.data);
        return {
          outcome: 'succeeded',
          request: call.request,
          httpStatus: r.status,
          result: { remoteId: p.data.id },
        };
      });
    },
  });

  /** The cashier gives up on a request still open: withdrawn at PayPay; a later "yes" goes to review. */
  function giveUp(row: PaypayRow): boolean {
    if (row.state !== 'creating' && row.state !== 'pending') return false;
    db.tx(() => {
      store.update(row.id, { state: 'cancelled', note: CANCELLED_NOTE, updated_at: iso() });
      if (row.remote_id) withdraw(row);
      ctx.audit(`paypay.${m.audit}-cancelled`, null, { id: row.id, remoteId: row.remote_id });
    });
    return true;
  }

  return {
    ...m.provider,
    givesChange: false,
    needsConfirmation: false,
    start(req) {
      const r = m.request(req);
      if ('refusal' in r)
        return { wait: true, outcome: Promise.resolve({ status: 'failed', message: r.refusal }) };
      const now = clock.now();
      const code = m.code(ctx.terminalId, req.saleId, req.paymentId);
      const expiresAt = new Date(now.getTime() + m.windowMs).toISOString();
      // Row, outbox job and the sale payment's link commit together: a crash leaves all three or none.
      const rowId = db.tx(() => {
        const id = store.insert({
          kind: m.kind,
          document_id: null,
          doc_no: null,
          amount: fixed(req.amount),
          amount_cents: toCents(req.amount),
          mb_type: null,
          state: 'creating',
          code,
          entity: r.entity,
          valid_from: now.toISOString(),
          valid_until: expiresAt,
          note: r.note,
          created_at: now.toISOString(),
          updated_at: now.toISOString(),
        });
        const job = enqueueInTx(create, { db, at: now }, r.payload(id), code);
        store.update(id, { create_job_id: job.id });
        req.setRef(code);
        return id;
      });
      const outcome = new Promise<PaymentOutcome>((resolve) => {
        waiters.set(req.paymentId, { rowId, req, resolve, waiting: false });
      });
      req.progress({
        inserted: '0.00',
        missing: fixed(req.amount),
        change: '0.00',
        message: r.sending,
        expiresAt,
      });
      paypay.hurry(rowId);
      return { wait: false, outcome };
    },
    cancel(paymentId) {
      const w = waiters.get(paymentId);
      if (!w) return;
      const row = store.get(w.rowId);
      if (row && giveUp(row)) {
        waiters.delete(paymentId);
        paypay.relax(row.id);
        w.resolve({ status: 'cancelled', ref: row.remote_id, message: m.texts.cancelled });
      } else if (row) changed(row.id);
    },
    needsReview(p) {
      const row = rowOf(p.saleId, p.id);
      return (
        !!row &&
        (row.flag === m.texts.lateFlag || row.state === 'mismatch' || m.reviewStates.includes(row.state))
      );
    },
    ...(m.canComplete
      ? {
          canComplete: (p: { id: number; saleId: number }): boolean => {
            const row = rowOf(p.saleId, p.id);
            return !!row && m.canComplete!(row);
          },
        }
      : {}),
    async abandon(p) {
      const row = rowOf(p.saleId, p.id);
      if (!row || waiters.has(p.id)) return false;
      return giveUp(row);
    },
    async recover(p) {
      const row = rowOf(p.saleId, p.id);
      // Row and job are written with the intent's provider_ref in one transaction: no row, nothing was sent.
      if (!row) return { status: 'failed', message: m.texts.neverSent };
      // Handed to the manager already (a "yes" after the cashier gave up): never settled by a restart.
      if (row.flag === m.texts.lateFlag)
        return { status: 'unknown', review: true, ref: row.remote_id, message: lateMessage(row) };
      const outcome = m.outcome(row);
      if (outcome) {
        paypay.relax(row.id);
        return outcome;
      }
      // Still open at PayPay: the cashier sees "a verificar"; poll it at the tight rate until PayPay answers.
      paypay.hurry(row.id);
      return { status: 'unknown', ref: row.remote_id, message: m.texts.checking };
    },
  };
}
