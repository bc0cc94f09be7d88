import { z } from 'zod';
import { fixed, formatEuro } from '../../../../shared/money';
import { MBWAY_PHONE_INVALID, mbwayPhone } from '../../../../shared/payments/mbway-phone';
import type { CoreContext } from '../../context';
import { DEFAULT_BACKOFF } from '../../jobs/backoff';
import type { JobRunner } from '../../jobs/runner';
import type { AttemptResult } from '../../jobs/types';
import type { PaymentOutcome, PaymentProvider, PaymentRequest } from '../../sales/payments/provider';
import { enqueueInTx } from '../../sync/outbox';
import { mbwayBody, PaymentData, toCents, type Outcome } from './codec';
import { readPaypayConfig } from './config';
import type { PaypayService } from './service';
import type { PaypayRow } from './store';

export const MBWAY_KIND = 'paypay.create-mbway';
/** FACT §1.2: the customer has 5 minutes to confirm in the app (PayPay's own `validDate.end` wins when given). */
export const MBWAY_WINDOW_MS = 5 * 60_000;

const Payload = z
  .object({ paymentId: z.number().int().positive(), phone: z.string().regex(/^\d{1,3}#\d{6,15}$/) })
  .strict();

/** Balcão's code of the MB WAY request of one sale payment: PayPay `code`, idempotency key, and the link back. */
export const mbwayCode = (terminalId: string, saleId: number, paymentId: number): string =>
  `balcao-${terminalId}-mbway-${saleId}-${paymentId}`;
const CODE = /^balcao-[^-]+-mbway-(\d+)-(\d+)$/;

export const INVALID_PHONE = MBWAY_PHONE_INVALID;
const WAITING = 'A aguardar confirmação no telemóvel…';
const SENDING = 'A enviar o pedido MB WAY…';
const REFUSED_NOTE = 'Recusado pelo cliente.';
const CANCELLED_NOTE = 'Cancelado no Balcão pelo operador.';
export const LATE_FLAG =
  'O cliente confirmou o MB WAY depois de o operador ter desistido: o gerente decide (devolver ao cliente ou concluir a venda).';

/** What the provider needs of the payment journal (the sales side): a late confirmation goes to review. */
export interface MbwayJournalPort {
  status(paymentId: number): string | null;
  record(paymentId: number, outcome: PaymentOutcome): void;
}

const lateMessage = (row: PaypayRow): string => `${LATE_FLAG} Montante: ${formatEuro(row.amount)}.`;
const masked = (phone: string): string => {
  const [cc, n] = phone.split('#');
  return `+${cc} ••• ${n.slice(-3)}`;
};
const isoOf = (s: string | undefined, fallback: string): string => {
  const t = s ? Date.parse(s) : NaN;
  return Number.isFinite(t) ? new Date(t).toISOString() : fallback;
};

/**
 * The row's final outcome for the checkout, or null while PayPay may still change it (creating, pending).
 * Nothing is ever called "failed" while the customer may still confirm: only PayPay's own refusal, expiry or our
 * confirmed cancellation end a request.
 */
export function outcomeOfRow(row: PaypayRow): PaymentOutcome | null {
  const ref = row.remote_id;
  switch (row.state) {
    case 'paid':
      return {
        status: 'settled',
        amount: fixed(row.amount),
        ref,
        message: `MB WAY confirmado: ${formatEuro(row.amount)}.`,
      };
    case 'mismatch':
      return { status: 'unknown', review: true, ref, message: row.flag ?? 'Montante MB WAY por verificar.' };
    case 'expired':
      return {
        status: 'failed',
        ref,
        message: 'O pedido MB WAY expirou sem confirmação do cliente. Nada foi cobrado.',
      };
    case 'cancelled':
      return row.note === REFUSED_NOTE
        ? {
            status: 'failed',
            ref,
            message: 'O cliente recusou o pagamento na aplicação MB WAY. Nada foi cobrado.',
          }
        : { status: 'cancelled', ref, message: 'Pedido MB WAY cancelado. Nada foi cobrado.' };
    case 'failed':
      return { status: 'failed', ref, message: row.flag ?? 'O PayPay recusou o pedido MB WAY.' };
    default:
      return null;
  }
}

/**
 * MB WAY at the counter (issue 11 item 3) as a checkout provider. start() writes, in one transaction, the
 * `paypay_payment` row (kind mbway), the creation job (outbox; idempotency key = its code, also sent as PayPay's
 * `code` and looked up before any retry) and the sale payment's provider_ref; the payment stays 'pending' in the
 * journal while the customer confirms. The outcome comes from the PayPay checks (polling that tightens to
 * URGENT_POLL_MS while the cashier waits, or a webhook) through `paypay.onApplied`, never from a timer here.
 * After a crash, recover() reads the same row (and keeps it polled): confirmed → settled (the recovery issues the
 * one document), still pending → 'unknown' (never failed). A confirmation after the cashier gave up turns the
 * payment into 'unknown' for the manager's review (see sales/payment-review.ts), like the CI-5's interrupted ones.
 */
export function createMbwayProvider(deps: {
  ctx: CoreContext;
  jobs: JobRunner;
  paypay: PaypayService;
  journal: MbwayJournalPort;
}): PaymentProvider {
  const { ctx, jobs, paypay, journal } = deps;
  const { db, clock } = ctx;
  const store = paypay.store;
  const iso = (): string => clock.now().toISOString();
  const waiters = new Map<
    number,
    { rowId: number; req: PaymentRequest; resolve(o: PaymentOutcome): void; waiting: boolean }
  >();

  const salePaymentOf = (row: PaypayRow): number | null => {
    const m = CODE.exec(row.code);
    return m ? Number(m[2]) : null;
  };
  const rowOf = (saleId: number, paymentId: number): PaypayRow | undefined =>
    store.byCode(mbwayCode(ctx.terminalId, saleId, paymentId));

  /** Tells the waiting checkout what became of its request (progress while pending, the outcome when final). */
  function changed(rowId: number): void {
    const row = store.get(rowId);
    if (!row) return;
    const sp = salePaymentOf(row);
    if (sp === null) return;
    const w = waiters.get(sp);
    const outcome = outcomeOfRow(row);
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
          message: `${WAITING} (${row.note ?? ''})`.replace(' ()', ''),
          expiresAt: row.valid_until ?? undefined,
        });
      }
      return;
    }
    // Nobody waits: after a crash the recovery asks recover(); a confirmation of a payment already given up is late.
    if ((row.state === 'paid' || row.state === 'mismatch') && row.flag !== LATE_FLAG) {
      const status = journal.status(sp);
      if (status === 'cancelled' || status === 'failed') {
        // The payment first (a crash before the flag only means it is seen again, and then it is no longer
        // cancelled); the flag then marks the row as handed to the manager.
        journal.record(sp, {
          status: 'unknown',
          review: true,
          ref: row.remote_id,
          message: lateMessage(row),
        });
        store.update(row.id, { flag: LATE_FLAG, updated_at: iso() });
        ctx.audit('paypay.mbway-late', null, { id: row.id, paymentId: sp, amount: row.amount });
      }
    }
  }

  paypay.onApplied((row, outcome: Outcome) => {
    if (row.kind !== 'mbway') return;
    if (outcome === 'refused' && row.state === 'cancelled' && row.note !== REFUSED_NOTE)
      store.update(row.id, { note: REFUSED_NOTE, updated_at: iso() });
    changed(row.id);
  });

  function adopt(row: PaypayRow, p: PaymentData): void {
    db.tx(() => {
      const cur = store.get(row.id)!;
      store.update(row.id, {
        remote_id: p.id,
        reference: p.referenceDetails?.reference ?? null,
        valid_from: isoOf(p.validDate?.start, cur.valid_from ?? iso()),
        valid_until: isoOf(p.validDate?.end, cur.valid_until ?? iso()),
        state: cur.state === 'creating' ? 'pending' : cur.state,
        updated_at: iso(),
      });
      ctx.audit('paypay.mbway-requested', null, { id: row.id, remoteId: p.id, amount: row.amount });
      // Given up while the request was on its way: withdraw it at PayPay (the row stays watched for a late "yes").
      if (cur.state === 'cancelled')
        paypay.kinds.cancel.enqueue({ paymentId: row.id }, { key: `paypay.cancel:${row.id}` });
    });
    changed(row.id);
  }

  const create = jobs.register({
    kind: MBWAY_KIND,
    payload: Payload,
    partner: () => 'paypay',
    syncStatus: true,
    // The customer is at the counter: retry soon, the cashier sees "a enviar" meanwhile.
    backoff: { ...DEFAULT_BACKOFF, baseMs: 1_000, maxMs: 30_000 },
    async run(job): Promise<AttemptResult> {
      const row = store.get(job.payload.paymentId);
      if (!row) return { outcome: 'permanent', message: 'Pedido MB WAY desconhecido.' };
      if (row.remote_id) return { outcome: 'succeeded', result: { remoteId: row.remote_id } };
      // Cancelled before any attempt could have reached PayPay: nothing to send.
      if (row.state === 'cancelled' && job.attempt === 1)
        return { outcome: 'succeeded', message: 'Cancelado antes do envio.' };
      const request = `POST /payments MB WAY ${row.code} ${row.amount_cents}`;
      let t: Awaited<ReturnType<PaypayService['transport']>>;
      try {
        t = await paypay.transport();
      } catch (e) {
        return paypay.notConfigured(e, request);
      }
      if (job.attempt > 1) {
        // A previous attempt may have reached PayPay (timeout, reset, crash): find it before asking again.
        const found = await t.request('GET', `/payments?code=${encodeURIComponent(row.code)}`);
        if (found.kind === 'ok') {
          const list = z.array(PaymentData).safeParse(found.data);
          const same = list.success ? list.data.find((p) => p.code === row.code) : undefined;
          if (same) {
            adopt(row, same);
            return {
              outcome: 'succeeded',
              request: `GET /payments?code=${row.code}`,
              result: { remoteId: same.id },
            };
          }
          if (row.state === 'cancelled')
            return { outcome: 'succeeded', message: 'Cancelado antes do envio.' };
        } else if (found.kind !== 'refused') {
          return paypay.attempt(found, `GET /payments?code=${row.code}`);
        }
      }
      const r = await t.request('POST', '/payments', {
        idempotencyKey: job.idempotencyKey,
        body: mbwayBody({ amountCents: row.amount_cents, code: row.code, phone: job.payload.phone }),
      });
      if (r.kind === 'refused') {
        db.tx(() =>
          store.update(row.id, {
            state: row.state === 'cancelled' ? 'cancelled' : 'failed',
            flag: r.message,
            updated_at: iso(),
          }),
        );
        changed(row.id);
        return paypay.attempt(r, request);
      }
      if (r.kind !== 'ok') return paypay.attempt(r, request);
      const p = PaymentData.safeParse(r.data);
      if (!p.success)
        return { outcome: 'unknown', request, httpStatus: r.status, message: 'Resposta do PayPay ilegível.' };
      adopt(row, p.data);
      return { outcome: 'succeeded', request, httpStatus: r.status, result: { remoteId: p.data.id } };
    },
  });

  /** The cashier gives up on a request still open: withdrawn at PayPay; a later "yes" goes to review. */
  function giveUp(row: PaypayRow): boolean {
    if (row.state !== 'creating' && row.state !== 'pending') return false;
    db.tx(() => {
      store.update(row.id, { state: 'cancelled', note: CANCELLED_NOTE, updated_at: iso() });
      if (row.remote_id)
        paypay.kinds.cancel.enqueue({ paymentId: row.id }, { key: `paypay.cancel:${row.id}` });
      ctx.audit('paypay.mbway-cancelled', null, { id: row.id, remoteId: row.remote_id });
    });
    return true;
  }

  return {
    id: 'mbway',
    name: 'MB WAY',
    fiscalMethod: 'mbway',
    mechanism: 'OU',
    givesChange: false,
    needsConfirmation: false,
    availability() {
      if (readPaypayConfig(db) || ctx.mode === 'training') return { available: true, reason: null };
      return {
        available: false,
        reason: 'O PayPay não está configurado (Gestão › Integrações › PayPay).',
      };
    },
    validate: (input) => (mbwayPhone(input.phone ?? '') ? null : INVALID_PHONE),
    start(req) {
      const phone = mbwayPhone(req.phone ?? '');
      if (!phone)
        return { wait: true, outcome: Promise.resolve({ status: 'failed', message: INVALID_PHONE }) };
      const now = clock.now();
      const code = mbwayCode(ctx.terminalId, req.saleId, req.paymentId);
      const expiresAt = new Date(now.getTime() + MBWAY_WINDOW_MS).toISOString();
      // Row, outbox job and the sale payment's link commit together: a crash leaves all three or none.
      const rowId = db.tx(() => {
        const id = store.insert({
          kind: 'mbway',
          document_id: null,
          doc_no: null,
          amount: fixed(req.amount),
          amount_cents: toCents(req.amount),
          mb_type: null,
          state: 'creating',
          code,
          valid_from: now.toISOString(),
          valid_until: expiresAt,
          note: masked(phone),
          created_at: now.toISOString(),
          updated_at: now.toISOString(),
        });
        const job = enqueueInTx(create, { db, at: now }, { paymentId: id, phone }, code);
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
        message: `${SENDING} (${masked(phone)})`,
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
        w.resolve({
          status: 'cancelled',
          ref: row.remote_id,
          message:
            'Pedido MB WAY cancelado. Se o cliente ainda o confirmar, o pagamento vai para a revisão do gerente.',
        });
      } else if (row) changed(row.id);
    },
    needsReview(p) {
      const row = rowOf(p.saleId, p.id);
      return !!row && (row.flag === LATE_FLAG || row.state === 'mismatch');
    },
    async abandon(p) {
      const row = rowOf(p.saleId, p.id);
      if (!row || waiters.has(p.id)) return false;
      return giveUp(row);
    },
    async refund(req) {
      // ASSUMPTION (FACT §1: a REST refund of an MB WAY payment is OPEN): done in PayPay's back-office.
      return {
        ok: true,
        amount: fixed(req.amount),
        message: `Devolva ${formatEuro(req.amount)} ao cliente pelo backoffice do PayPay (reembolso MB WAY).`,
      };
    },
    async recover(p) {
      const row = rowOf(p.saleId, p.id);
      // Row and job are written with the intent's provider_ref in one transaction: no row, nothing was sent.
      if (!row)
        return {
          status: 'failed',
          message: 'O pedido MB WAY não chegou a ser enviado: nada foi cobrado. Repita o pagamento.',
        };
      // Handed to the manager already (confirmed after the cashier gave up): never settled by a restart.
      if (row.flag === LATE_FLAG)
        return { status: 'unknown', review: true, ref: row.remote_id, message: lateMessage(row) };
      const outcome = outcomeOfRow(row);
      if (outcome) {
        paypay.relax(row.id);
        return outcome;
      }
      // Still open at PayPay: the cashier sees "a verificar"; poll it at the tight rate until PayPay answers.
      paypay.hurry(row.id);
      return {
        status: 'unknown',
        ref: row.remote_id,
        message:
          'A verificar o MB WAY com o PayPay… Se o cliente confirmar no telemóvel, a venda conclui-se sozinha: não cobre outra vez.',
      };
    },
  };
}
