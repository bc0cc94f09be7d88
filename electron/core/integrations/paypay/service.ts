import { z } from 'zod';
import { PosError } from '../../../../shared/errors';
import { Dec, formatEuro } from '../../../../shared/money';
import type { FiscalDocumentView } from '../../../../shared/api/fiscal';
import { startPaypaySimulator, type PaypaySimulator } from '../../../simulators/paypay';
import type { CoreContext } from '../../context';
import type { FiscalService } from '../../fiscal/service';
import type { JobRunner } from '../../jobs/runner';
import { realScheduler, type Scheduler } from '../../jobs/scheduler';
import { DEFAULT_BACKOFF } from '../../jobs/backoff';
import type { AttemptResult } from '../../jobs/types';
import type { DocumentHooks } from '../../sync/document-hooks';
import { enqueueInTx } from '../../sync/outbox';
import {
  EntityData,
  type Outcome,
  outcomeOf,
  PaymentData,
  ReferenceData,
  TerminalList,
  fromCents,
  referenceBody,
  toCents,
} from './codec';
import { PaypayConfig, readPaypayConfig, sealPaypayKeyAtRest } from './config';
import { mbReferenceOf, type MbReferenceInfo } from './documents';
import { findByCode } from './find-by-code';
import { createPaypayStore, type PaypayRow } from './store';
import { startWebhookListener } from './webhook';
import { assertWebhookHost, paypayConfigView, savePaypayConfig } from './settings';
import type { PaypayConfigView, PaypayConfigureInput } from '../../../../shared/api/paypay';
import { dayBounds } from '../../reports/eod/day';
import { createPaypayTransport, type PaypayEndpoint, type PaypayTransport, type Reply } from './transport';

export const PARTNER = 'paypay';
export const CREATE_KIND = 'paypay.create-reference';
export const CHECK_KIND = 'paypay.check-payment';
export const WEBHOOK_KIND = 'paypay.webhook';
export const CANCEL_KIND = 'paypay.cancel-reference';
const WebhookPayload = z
  .object({
    webhookId: z.string().min(1),
    action: z.string().min(1),
    paymentIds: z.array(z.string()).max(1000),
  })
  .strict();
const Payload = z.object({ paymentId: z.number().int().positive() }).strict();
const DAY = 86_400_000;
/** ASSUMPTION: an expired MB NORMAL reference is still watched for this long (it may be paid after expiry). */
const LATE_PAYMENT_WATCH_MS = 30 * DAY;
/**
 * ASSUMPTION: an MB WAY request the cashier cancelled is still checked until its window is over plus this margin:
 * the customer may have confirmed just before PayPay received the cancellation (a late confirmation goes to the
 * manager's review, see mbway.ts).
 */
const MBWAY_CANCELLED_WATCH_MS = 2 * 60_000;
/**
 * ASSUMPTION: a terminal payment that ended without an authorisation (cancelled by the cashier, or the terminal's
 * minute over) is still checked this long after its window: FACT §6.1, the terminal's own notification may reach
 * PayPay late and the payment is then still recorded as authorised (it goes to the manager's review).
 */
const TERMINAL_LATE_WATCH_MS = 5 * 60_000;
/** Polling while a cashier waits on the phone or the terminal (issue 11 item 5: the schedule tightens). */
export const URGENT_POLL_MS = 500;

export interface PaypayDeps {
  readonly jobs: JobRunner;
  readonly hooks: DocumentHooks;
  readonly fiscal: FiscalService;
  /** The job runner's timers (tests: tests/helpers/fake-scheduler.ts). */
  readonly scheduler?: Scheduler;
}

export interface PollSummary {
  readonly checked: number;
  readonly paid: number;
  readonly receipts: string[];
  readonly expired: number;
  readonly flagged: number;
  readonly pending: number;
  readonly errors: string[];
}

const iso = (d: Date): string => d.toISOString();

/** The states the shop sees (Gestão de Referências, `balcao paypay references --state`). */
export const REFERENCE_STATE_LABELS = ['paga', 'por-pagar', 'expirada', 'cancelada'] as const;
export type ReferenceStateLabel = (typeof REFERENCE_STATE_LABELS)[number];
const LABEL_OF: Record<PaypayRow['state'], ReferenceStateLabel> = {
  creating: 'por-pagar',
  pending: 'por-pagar',
  // Paid with a wrong amount: the invoice is not settled; the row carries the manager's flag.
  mismatch: 'por-pagar',
  paid: 'paga',
  expired: 'expirada',
  cancelled: 'cancelada',
  failed: 'cancelada',
};
const STATES_OF: Record<ReferenceStateLabel, PaypayRow['state'][]> = {
  paga: ['paid'],
  'por-pagar': ['creating', 'pending', 'mismatch'],
  expirada: ['expired'],
  cancelada: ['cancelled', 'failed'],
};

export interface ReferenceView {
  readonly id: number;
  /** paypay-office: Multibanco reference, MB WAY or Cloud-terminal payment. */
  readonly kind: PaypayRow['kind'];
  readonly document: string | null;
  readonly customer: string | null;
  readonly customerNif: string | null;
  readonly amount: string;
  readonly entity: string | null;
  readonly reference: string | null;
  readonly createdAt: string;
  readonly validUntil: string | null;
  readonly state: ReferenceStateLabel;
  readonly paidAt: string | null;
  readonly paidAmount: string | null;
  readonly fee: string | null;
  readonly receipt: string | null;
  readonly flag: string | null;
  readonly note: string | null;
  readonly error: string | null;
}

/**
 * PayPay for the terminal: Multibanco references on invoices (FT), their polling and, when paid, the RG receipt.
 * Every PayPay call is a job on the durable runner (partner 'paypay'): creations are enqueued in the FT's own
 * transaction (fiscal document hook → outbox), so a reference is never lost and never created twice (the job's
 * idempotency key travels as `Idempotency-Key` and as the payment's `code`, looked up before any re-creation).
 */
export function createPaypayService(ctx: CoreContext, deps: PaypayDeps) {
  const { db, clock } = ctx;
  const store = createPaypayStore(db);
  const training = ctx.mode === 'training';
  let armed = 0;
  let sim: Promise<PaypaySimulator> | null = null;
  const scheduler = deps.scheduler ?? realScheduler;
  let cancelTimer: (() => void) | null = null;
  let polling = false;
  let lastFullRound = 0;
  /** Payments a cashier is waiting on (MB WAY, terminal): checked every URGENT_POLL_MS instead of pollMs. */
  const urgent = new Set<number>();
  const appliedListeners = new Set<(row: PaypayRow, outcome: Outcome) => void>();
  /** reports-perf (issue 11 review): told when an invoice gets its reference (iLink flags a document sent without it). */
  const referenceListeners = new Set<(documentId: number) => void>();
  let transportCache: { key: string; t: PaypayTransport } | null = null;
  // A private key saved in clear by an earlier version is sealed at the first start of this one (issue 11 review).
  if (sealPaypayKeyAtRest(db)) ctx.audit('paypay.key-sealed', null, {});

  const settings = (): PaypayConfig =>
    readPaypayConfig(db) ??
    PaypayConfig.parse({
      baseUrl: 'http://127.0.0.1/',
      platformCode: '-',
      privateKey: '-',
      nif: '599999993',
    });

  /** The configured PayPay, or (training, not configured) the simulator started in this process. */
  async function endpoint(): Promise<PaypayEndpoint & { timeoutMs: number }> {
    const cfg = readPaypayConfig(db);
    if (cfg) return cfg;
    if (!training) {
      throw new PosError(
        'VALIDATION',
        'O PayPay não está configurado: indique as credenciais em Gestão › Integrações › PayPay (ou balcao paypay configure).',
      );
    }
    sim ??= startPaypaySimulator({ clientId: '599999993' });
    const s = await sim;
    return { baseUrl: s.baseUrl, ...s.credentials, nif: s.credentials.clientId, timeoutMs: 15_000 };
  }
  async function transport(): Promise<PaypayTransport> {
    const ep = await endpoint();
    const key = JSON.stringify(ep);
    if (transportCache?.key !== key)
      transportCache = { key, t: createPaypayTransport(ep, { training, timeoutMs: ep.timeoutMs }) };
    return transportCache.t;
  }

  const attempt = (r: Exclude<Reply, { kind: 'ok' }>, request: string): AttemptResult => {
    const base = { request, httpStatus: r.status, code: r.code, message: r.message };
    if (r.kind === 'refused') return { ...base, outcome: 'permanent' };
    if (r.kind === 'retry') return { ...base, outcome: 'retry', network: r.network, pauseMs: r.retryAfterMs };
    return { ...base, outcome: 'unknown', network: r.network };
  };
  /**
   * One job attempt through the transport. PayPay not configured yet (or the training simulator not up) is a
   * retry with the reason, never a failure: the request waits in the job runner until it can be sent.
   */
  async function viaTransport(
    request: string,
    run: (t: PaypayTransport) => Promise<AttemptResult>,
  ): Promise<AttemptResult> {
    let t: PaypayTransport;
    try {
      t = await transport();
    } catch (e) {
      return { outcome: 'retry', request, message: e instanceof Error ? e.message : String(e) };
    }
    return run(t);
  }

  /** The reference PayPay gave us, kept in the row (same transaction as the state). */
  function adopt(row: PaypayRow, p: z.output<typeof ReferenceData>): void {
    const now = iso(clock.now());
    db.tx(() => {
      store.update(row.id, {
        state: 'pending',
        remote_id: p.id,
        entity: p.referenceDetails.entity,
        reference: p.referenceDetails.reference,
        valid_from: p.validDate?.start ?? row.valid_from,
        valid_until: p.validDate?.end ?? row.valid_until,
        flag:
          p.amount === row.amount_cents
            ? row.flag
            : `O PayPay criou a referência com ${formatEuro(fromCents(p.amount))} em vez de ${formatEuro(row.amount)}.`,
        updated_at: now,
      });
      ctx.audit('paypay.reference-created', null, {
        id: row.id,
        docNo: row.doc_no,
        entity: p.referenceDetails.entity,
        reference: p.referenceDetails.reference,
      });
    });
    if (row.document_id !== null) for (const l of referenceListeners) l(row.document_id);
  }

  const create = deps.jobs.register({
    kind: CREATE_KIND,
    payload: Payload,
    partner: () => PARTNER,
    syncStatus: true,
    backoff: { ...DEFAULT_BACKOFF, baseMs: 5_000, maxMs: 15 * 60_000 },
    async run(job): Promise<AttemptResult> {
      const row = store.get(job.payload.paymentId);
      if (!row) return { outcome: 'permanent', message: 'Pedido de referência desconhecido.' };
      if (row.state !== 'creating') return { outcome: 'succeeded', result: { remoteId: row.remote_id } };
      const request = `POST /payments/references ${row.doc_no ?? row.code} ${row.amount_cents}`;
      return viaTransport(request, async (t) => {
        if (job.attempt > 1) {
          // A previous attempt may have reached PayPay (timeout, reset, crash): find it before creating again.
          // (unsearchable: the Idempotency-Key of the POST is what protects us then.)
          const lookup = `GET /payments?code=${row.code}`;
          const found = await findByCode(t, row.code, ReferenceData);
          if (found.kind === 'found') {
            adopt(row, found.payment);
            return { outcome: 'succeeded', request: lookup, result: { remoteId: found.payment.id } };
          }
          if (found.kind === 'failed') return attempt(found.reply, lookup);
        }
        const r = await t.request('POST', '/payments/references', {
          idempotencyKey: job.idempotencyKey,
          body: referenceBody({
            amountCents: row.amount_cents,
            code: row.code,
            mbType: row.mb_type ?? 'NORMAL',
            validFrom: row.valid_from ?? iso(clock.now()),
            validUntil: row.valid_until ?? iso(new Date(clock.now().getTime() + 30 * DAY)),
          }),
        });
        if (r.kind !== 'ok') return attempt(r, request);
        const p = ReferenceData.safeParse(r.data);
        if (!p.success) {
          return {
            outcome: 'unknown',
            request,
            httpStatus: r.status,
            message: `Resposta do PayPay sem entidade/referência válidas: ${p.error.issues[0]?.message ?? ''}`,
          };
        }
        adopt(row, p.data);
        return { outcome: 'succeeded', request, httpStatus: r.status, result: { remoteId: p.data.id } };
      });
    },
  });

  const check = deps.jobs.register({
    kind: CHECK_KIND,
    payload: Payload,
    partner: () => PARTNER,
    syncStatus: true,
    backoff: { ...DEFAULT_BACKOFF, baseMs: 5_000, maxMs: 10 * 60_000 },
    async run(job): Promise<AttemptResult> {
      const row = store.get(job.payload.paymentId);
      const remoteId = row?.remote_id;
      if (!row || !remoteId) return { outcome: 'succeeded' };
      const request = `GET /payments/${remoteId}`;
      return viaTransport(request, async (t) => {
        const r = await t.request('GET', `/payments/${encodeURIComponent(remoteId)}`);
        if (r.kind !== 'ok') return attempt(r, request);
        const p = PaymentData.safeParse(r.data);
        if (!p.success) return { outcome: 'retry', request, message: 'Resposta do PayPay ilegível.' };
        const state = apply(row.id, p.data);
        const fresh = store.get(row.id)!;
        const outcome = outcomeOf(p.data);
        for (const l of appliedListeners) {
          try {
            l(fresh, outcome);
          } catch (e) {
            ctx.log.warn('paypay listener failed', { id: row.id, error: String(e) });
          }
        }
        return { outcome: 'succeeded', request, httpStatus: r.status, result: { state } };
      });
    },
  });

  /**
   * A webhook, recorded as one job keyed by its id (PayPay retries it: the same id is the same job). Its run turns
   * each payment into a check keyed by payment id + action, so a retried or duplicated event is checked once; the
   * check asks PayPay for the payment (the webhook is a trigger, its state may be older than the API's).
   */
  const webhookJob = deps.jobs.register({
    kind: WEBHOOK_KIND,
    payload: WebhookPayload,
    partner: () => 'paypay-webhook',
    async run(job): Promise<AttemptResult> {
      const n = eventChecks(job.payload.action, job.payload.paymentIds);
      return {
        outcome: 'succeeded',
        request: `webhook ${job.payload.webhookId} ${job.payload.action}`,
        result: { checks: n },
      };
    },
  });
  /** One check per payment of an event, keyed by payment id + action (PayPay's retries collapse): count new. */
  function eventChecks(action: string, remoteIds: readonly string[]): number {
    let n = 0;
    db.tx(() => {
      for (const remoteId of remoteIds) {
        const row = store.byRemoteId(remoteId);
        if (!row) continue;
        const key = `paypay.event:${remoteId}:${action}`;
        if (deps.jobs.byKey(key)) continue;
        const j = check.enqueue({ paymentId: row.id }, { key });
        store.update(row.id, { check_job_id: j.id });
        n++;
      }
    });
    return n;
  }
  let listener: { url: string; close(): Promise<void> } | null = null;

  /**
   * The invoice was cancelled: its reference is withdrawn at PayPay. ASSUMPTION (REST cancel OPEN; SOAP
   * cancelPayment): `POST /payments/{id}/cancel`; MB NORMAL is only marked cancelled there and may still be paid,
   * which the polling then sees and flags (the invoice is cancelled: the money must be returned).
   */
  const cancelJob = deps.jobs.register({
    kind: CANCEL_KIND,
    payload: Payload,
    partner: () => PARTNER,
    syncStatus: true,
    backoff: { ...DEFAULT_BACKOFF, baseMs: 5_000, maxMs: 15 * 60_000 },
    async run(job): Promise<AttemptResult> {
      const row = store.get(job.payload.paymentId);
      if (!row) return { outcome: 'succeeded' };
      return viaTransport('POST /payments/{id}/cancel', async (t) => {
        let remoteId = row.remote_id;
        if (!remoteId) {
          // Its creation may have reached PayPay before the invoice was cancelled (outcome unknown then).
          const found = await findByCode(t, row.code, PaymentData);
          if (found.kind === 'unsearchable') return { outcome: 'succeeded' };
          if (found.kind === 'failed') return attempt(found.reply, 'GET /payments');
          if (found.kind === 'absent' || !found.payment.id)
            return { outcome: 'succeeded', message: 'A referência nunca chegou a ser criada.' };
          remoteId = found.payment.id;
          store.update(row.id, { remote_id: remoteId, updated_at: iso(clock.now()) });
        }
        const request = `POST /payments/${remoteId}/cancel`;
        const r = await t.request('POST', `/payments/${encodeURIComponent(remoteId)}/cancel`);
        // Already confirmed or cancelled there: the polling learns which (a payment after all is flagged).
        if (r.kind === 'refused' && r.status === 409)
          return { outcome: 'succeeded', request, httpStatus: 409, message: r.message };
        if (r.kind !== 'ok') return attempt(r, request);
        return { outcome: 'succeeded', request, httpStatus: r.status };
      });
    },
  });

  /**
   * What PayPay says about a payment, applied in one transaction. Paid with the right amount → paid, and the
   * RG in the same transaction (settle). Wrong amount → flagged, never settled. Expired/cancelled → so marked;
   * an MB NORMAL one is still watched, as PayPay may confirm it after expiry (FACT §1.2).
   */
  function apply(id: number, p: PaymentData): PaypayRow['state'] {
    const outcome = outcomeOf(p);
    return db.tx(() => {
      const row = store.get(id)!;
      const now = iso(clock.now());
      const seen = { last_checked_at: now, checks: row.checks + 1, updated_at: now };
      // A Cloud-terminal payment is money taken once the card is authorised (FACT §6.1: `confirmed` only follows
      // at the acquirer's settlement, next day): the counter completes the sale on `authorised`.
      const taken = outcome === 'confirmed' || (outcome === 'authorised' && row.kind === 'terminal');
      if (taken) {
        if (row.state === 'paid' || row.state === 'mismatch') {
          store.update(id, seen);
          if (row.state === 'paid') settle(id);
          return row.state;
        }
        const paid = p.paidAmount ?? p.amount;
        const fee = p.paymentFee
          ? new Dec(p.paymentFee.netAmount).plus(p.paymentFee.taxAmount ?? '0').toFixed(2)
          : null;
        const late = row.state === 'expired' || row.state === 'cancelled';
        const paidAt = p.paidAt ?? p.updatedAt ?? now;
        if (paid !== row.amount_cents) {
          store.update(id, {
            ...seen,
            state: 'mismatch',
            paid_cents: paid,
            paid_at: paidAt,
            fee,
            flag: `Pago ${formatEuro(fromCents(paid))} em vez de ${formatEuro(row.amount)}: o recibo não foi emitido; o gerente tem de verificar e regularizar.`,
          });
          ctx.audit('paypay.amount-mismatch', null, {
            id,
            docNo: row.doc_no,
            expected: row.amount_cents,
            paid,
          });
          return 'mismatch';
        }
        store.update(id, {
          ...seen,
          state: 'paid',
          paid_cents: paid,
          paid_at: paidAt,
          fee,
          note: late ? `Paga depois de ${row.state === 'expired' ? 'expirada' : 'cancelada'}.` : row.note,
        });
        settle(id);
        return 'paid';
      }
      if (
        (outcome === 'expired' || outcome === 'cancelled' || outcome === 'refused') &&
        row.state === 'pending'
      ) {
        // paypay-office: when PayPay expired it before its planned end, the validity is when it really ended (the
        // EOD run counts the references that expired that day).
        const ended = p.cancellation?.cancelledAt;
        const earlier =
          outcome === 'expired' && ended && row.valid_until && Date.parse(ended) < Date.parse(row.valid_until)
            ? { valid_until: new Date(Date.parse(ended)).toISOString() }
            : {};
        store.update(id, { ...seen, ...earlier, state: outcome === 'expired' ? 'expired' : 'cancelled' });
        return outcome === 'expired' ? 'expired' : 'cancelled';
      }
      store.update(id, seen);
      return row.state;
    });
  }

  /**
   * The RG for a paid reference, exactly once: issued in the transaction that records it on the row, so a crash
   * leaves either both or neither, and a second sighting finds `receipt_document_id` set. A refusal (invoice
   * cancelled, already settled by hand, clock behind) is flagged for the manager, the payment stays recorded.
   */
  function settle(id: number): string | null {
    return db.tx(() => {
      const row = store.get(id)!;
      if (row.state !== 'paid' || row.receipt_document_id || row.document_id === null) return null;
      let ft: FiscalDocumentView;
      try {
        ft = deps.fiscal.get(row.document_id);
      } catch {
        return null;
      }
      const flag = (text: string): null => {
        if (row.flag !== text) store.update(id, { flag: text, updated_at: iso(clock.now()) });
        return null;
      };
      if (ft.status === 'A')
        return flag(
          `A fatura ${ft.docNo} foi anulada mas a referência foi paga: devolva ou regularize o pagamento.`,
        );
      const left = ft.references.outstanding ?? '0.00';
      if (new Dec(left).lt(row.amount))
        return flag(
          `A fatura ${ft.docNo} só tem ${formatEuro(left)} em dívida: o recibo de ${formatEuro(row.amount)} não foi emitido.`,
        );
      try {
        const rg = db.tx(() => {
          const v = deps.fiscal.issueReceipt(
            {
              settlements: [{ documentId: row.document_id!, amount: row.amount }],
              payments: [{ method: 'mb_reference', amount: row.amount }],
              additionalInfo: [
                { name: 'Referência Multibanco', value: `Ent. ${row.entity} Ref. ${row.reference}` },
                // ASSUMPTION: the payment date travels as additional information (the RG's own date is its issue).
                { name: 'Data do pagamento', value: (row.paid_at ?? '').slice(0, 19).replace('T', ' ') },
              ],
            },
            null,
          );
          store.update(id, { receipt_document_id: v.id, flag: null, updated_at: iso(clock.now()) });
          ctx.audit('paypay.receipt', null, { id, docNo: row.doc_no, receipt: v.docNo });
          return v;
        });
        return rg.docNo;
      } catch (e) {
        return flag(`Recibo por emitir: ${e instanceof Error ? e.message : String(e)}`);
      }
    });
  }

  /** Inside the FT's transaction: the row and its creation job (the outbox entry) commit with the document. */
  function requestInTx(doc: { id: number; docNo: string; amount: string }, at: Date): PaypayRow {
    const cfg = settings();
    const now = iso(at);
    const code = `balcao-${ctx.terminalId}-${doc.docNo.replace(/[^A-Za-z0-9]+/g, '-')}`;
    const id = store.insert({
      kind: 'mb_reference',
      document_id: doc.id,
      doc_no: doc.docNo,
      amount: doc.amount,
      amount_cents: toCents(doc.amount),
      mb_type: cfg.mbType,
      state: 'creating',
      code,
      valid_from: now,
      // ASSUMPTION: valid until the end of the last day, UTC.
      valid_until: `${iso(new Date(at.getTime() + cfg.validityDays * DAY)).slice(0, 10)}T23:59:59.000Z`,
      created_at: now,
      updated_at: now,
    });
    const job = enqueueInTx(create, { db, at }, { paymentId: id }, code);
    store.update(id, { create_job_id: job.id });
    return store.get(id)!;
  }

  const unhook = deps.hooks.onIssued((w, tx) => {
    if (w.doc.doc_type !== 'FT' || new Dec(w.doc.gross_total).lte(0)) return;
    if (!armed && !settings().referenceOnEveryInvoice) return;
    requestInTx({ id: w.doc.id, docNo: w.doc.doc_no, amount: w.doc.gross_total }, tx.at);
  });

  const unhookCancel = deps.hooks.onCancelled((d, tx) => {
    if (d.docType !== 'FT') return;
    const row = store.referenceOf(d.documentId);
    if (!row || (row.state !== 'creating' && row.state !== 'pending')) return;
    store.update(row.id, { state: 'cancelled', note: 'Fatura anulada.', updated_at: iso(tx.at) });
    enqueueInTx(cancelJob, { db, at: tx.at }, { paymentId: row.id }, `paypay.cancel:${row.id}`);
  });

  async function waitCreated(id: number, ms: number): Promise<PaypayRow> {
    const until = Date.now() + ms;
    for (;;) {
      const row = store.get(id)!;
      const job = row.create_job_id ? deps.jobs.get(row.create_job_id) : undefined;
      if (row.state !== 'creating' || !job || Date.now() > until) return row;
      if (job.state !== 'queued' && job.state !== 'running') return row;
      // In back-off after a failed attempt: the reference follows later (polling round, or the runner).
      if (job.state === 'queued' && Date.parse(job.next_attempt_at) > clock.now().getTime()) return row;
      await deps.jobs.drain();
      if (store.get(id)!.state === 'creating') await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** Enqueues one check per payment PayPay may still change (never two at once for the same payment). */
  function enqueueChecks(only?: ReadonlySet<number>): number {
    const now = clock.now();
    let n = 0;
    db.tx(() => {
      for (const row of store.toCheck()) {
        if (only && !only.has(row.id)) continue;
        const watch =
          row.kind === 'mbway'
            ? MBWAY_CANCELLED_WATCH_MS
            : row.kind === 'terminal'
              ? TERMINAL_LATE_WATCH_MS
              : LATE_PAYMENT_WATCH_MS;
        if (row.state !== 'pending' && Date.parse(row.valid_until ?? '') + watch < now.getTime()) continue;
        const prev = row.check_job_id ? deps.jobs.get(row.check_job_id) : undefined;
        if (prev && (prev.state === 'queued' || prev.state === 'running')) continue;
        const job = check.enqueue(
          { paymentId: row.id },
          { key: `paypay.check:${row.id}:${row.checks}:${iso(now)}` },
        );
        store.update(row.id, { check_job_id: job.id });
        n++;
      }
    });
    return n;
  }

  /** Paid references whose RG could not be issued yet (e.g. a crash, or a refusal now fixed). */
  function settlePending(): string[] {
    const out: string[] = [];
    for (const row of store.list({ states: ['paid'] }))
      if (!row.receipt_document_id) {
        const rg = settle(row.id);
        if (rg) out.push(rg);
      }
    return out;
  }

  /**
   * Runs `issue` (synchronous: it issues an FT inside its own transaction) with the creation hook armed, so that
   * FT requests its reference in the same transaction (the till's "com referência", issue 11 item 2).
   */
  function withReference<T>(issue: () => T): T {
    armed++;
    try {
      return issue();
    } finally {
      armed--;
    }
  }

  /** The reference of an issued FT for the cashier (paypay-office), after waiting briefly for PayPay. */
  async function issuedReference(documentId: number, waitMs: number) {
    const known = store.referenceOf(documentId);
    if (!known) return null;
    const row = known.state === 'creating' ? await waitCreated(known.id, waitMs) : known;
    const job = row.create_job_id ? deps.jobs.get(row.create_job_id) : undefined;
    const pending = !row.entity || !row.reference;
    return {
      entity: row.entity,
      reference: row.reference,
      amount: row.amount,
      validUntil: row.valid_until,
      pending,
      message: pending
        ? (job?.last_error ?? 'O PayPay ainda não respondeu: a referência segue numa 2.ª via quando chegar.')
        : null,
    };
  }

  /** Starts the webhook listener when configured (off by default); returns its URL. */
  async function startWebhook(): Promise<string | null> {
    const cfg = readPaypayConfig(db);
    if (listener || !cfg || cfg.webhookPort === null) return listener?.url ?? null;
    assertWebhookHost(cfg.webhookHost, training);
    listener = await startWebhookListener({
      host: cfg.webhookHost,
      port: cfg.webhookPort,
      privateKey: () => readPaypayConfig(db)?.privateKey ?? null,
      nowSec: () => Math.floor(clock.now().getTime() / 1000),
      log: ctx.log,
      accept: (b) => {
        const ids = b.payments.map((p) => p.id);
        // paypay.confirm_to_ui_ms (webhook): the event's checks are enqueued in the same transaction as the event
        // itself, so they start in the runner's next pass instead of waiting for the event's own job to run first
        // (that second hop — one more pass and three more fsynced commits — was most of the webhook's delay).
        // The event job stays the durable record; its run then finds the checks already there.
        db.tx(() => {
          webhookJob.enqueue(
            { webhookId: b.webhook.id, action: b.webhook.action, paymentIds: ids },
            { key: `paypay.webhook:${b.webhook.id}` },
          );
          eventChecks(b.webhook.action, ids);
        });
      },
    });
    return listener.url;
  }

  async function closeWebhook(): Promise<void> {
    const l = listener;
    listener = null;
    await l?.close();
  }

  function tick(): void {
    cancelTimer = null;
    if (!polling) return;
    try {
      const now = clock.now().getTime();
      if (now - lastFullRound >= settings().pollMs) {
        lastFullRound = now;
        if (store.toCheck().length) enqueueChecks();
      } else if (urgent.size) {
        enqueueChecks(urgent);
      }
      settlePending();
    } catch (e) {
      ctx.log.warn('paypay poll failed', { error: String(e) });
    }
    schedule();
  }
  function schedule(ms?: number): void {
    if (!polling) return;
    cancelTimer?.();
    cancelTimer = scheduler.setTimer(ms ?? (urgent.size ? URGENT_POLL_MS : settings().pollMs), tick);
  }

  return {
    store,
    withReference,
    issuedReference,
    /** PayPay is configured (settings saved): the till asks "Com referência Multibanco?" for an FT. */
    configured: (): boolean => readPaypayConfig(db) !== undefined,
    /** Gestão › Integrações › PayPay: the settings, never the private key (paypay-office). */
    configView: (): PaypayConfigView => paypayConfigView(ctx, listener?.url ?? null),
    /** Saves the settings, then the webhook listener follows them (off → closed; on → new port/address). */
    async saveConfig(input: PaypayConfigureInput, operatorId: number | null): Promise<PaypayConfigView> {
      savePaypayConfig(ctx, input, operatorId);
      transportCache = null;
      await closeWebhook();
      try {
        await startWebhook();
      } catch (e) {
        throw new PosError(
          'DEVICE_ERROR',
          `Configuração guardada, mas o recetor de webhooks não arrancou: ${e instanceof Error ? e.message : String(e)}`,
        );
      }
      return paypayConfigView(ctx, listener?.url ?? null);
    },
    /** `GET /terminals` (issue 11 item 4): every terminal of the entity, with whether it takes remote payments. */
    async terminals(): Promise<Array<{ uuid: string; terminalId: string; name: string; remote: boolean }>> {
      const t = await transport();
      const r = await t.request('GET', '/terminals');
      if (r.kind !== 'ok') throw new PosError('DEVICE_ERROR', r.message);
      const list = TerminalList.safeParse(r.data);
      if (!list.success) throw new PosError('DEVICE_ERROR', 'Resposta do PayPay ilegível (terminais).');
      return list.data.map((x) => ({
        uuid: x.uuid,
        terminalId: x.terminalId,
        name: x.name,
        remote: x.features.allowRemoteTransactions,
      }));
    },
    kinds: { create, check, cancel: cancelJob },
    transport,
    /** Training without configuration: the in-process simulator (started on first use). */
    endpoint,
    attempt,
    viaTransport,
    /** Issues an FT "com referência": the reference is requested in the FT's transaction; waits briefly for it. */
    async issueWithReference(draft: unknown, operatorId: number | null, waitMs = 5_000) {
      const doc: FiscalDocumentView = withReference(() => deps.fiscal.issue(draft, operatorId));
      const row = store.referenceOf(doc.id);
      if (!row)
        throw new PosError(
          'VALIDATION',
          'Só uma fatura (FT) de valor acima de 0 € leva referência Multibanco.',
        );
      return { doc, reference: await waitCreated(row.id, waitMs) };
    },
    /** Called once an invoice's Multibanco reference exists (PayPay answered), after it is stored. */
    onReferenceCreated(listener: (documentId: number) => void): () => void {
      referenceListeners.add(listener);
      return () => referenceListeners.delete(listener);
    },
    /** The reference of an open invoice: created now (or the existing one). */
    async referenceFor(docKey: number | string, waitMs = 10_000): Promise<PaypayRow> {
      const ft = deps.fiscal.get(docKey);
      const known = store.referenceOf(ft.id);
      if (known) return known.state === 'creating' ? waitCreated(known.id, waitMs) : known;
      if (ft.type !== 'FT')
        throw new PosError('VALIDATION', `${ft.docNo} não é uma fatura (FT): não leva referência.`);
      if (ft.status === 'A') throw new PosError('CONFLICT', `A fatura ${ft.docNo} está anulada.`);
      const left = ft.references.outstanding ?? '0.00';
      if (new Dec(left).lte(0)) throw new PosError('CONFLICT', `A fatura ${ft.docNo} já está paga.`);
      const row = db.tx(() => requestInTx({ id: ft.id, docNo: ft.docNo, amount: left }, clock.now()));
      return waitCreated(row.id, waitMs);
    },
    /** One polling round: queued creations (back-off ignored), then a check of every payment that may change. */
    async pollOnce(): Promise<PollSummary> {
      const before = new Map(store.list().map((r) => [r.id, r.state] as const));
      const receipts = settlePending();
      // Let a pass already under way finish, then make every waiting creation due now (back-off ignored: the
      // operator asked for a round) and run them; then one check per payment that may still change.
      await deps.jobs.drain();
      for (const r of store.list({ states: ['creating'] }))
        if (r.create_job_id) deps.jobs.retryNow(r.create_job_id);
      await deps.jobs.drain();
      const checked = enqueueChecks();
      await deps.jobs.drain();
      receipts.push(...settlePending());
      const after = store.list();
      const errors = after
        .map((r) => (r.create_job_id ? deps.jobs.get(r.create_job_id) : undefined))
        .filter((j) => j && j.state !== 'succeeded' && j.last_error)
        .map((j) => j!.last_error!);
      for (const r of after) {
        if (r.check_job_id) {
          const j = deps.jobs.get(r.check_job_id);
          if (j && j.state !== 'succeeded' && j.last_error) errors.push(j.last_error);
        }
        if (r.receipt_document_id && before.get(r.id) !== 'paid') {
          const rg = deps.fiscal.get(r.receipt_document_id).docNo;
          if (!receipts.includes(rg)) receipts.push(rg);
        }
      }
      const changed = (s: PaypayRow['state']) =>
        after.filter((r) => r.state === s && before.get(r.id) !== s).length;
      return {
        checked,
        paid: changed('paid'),
        receipts,
        expired: changed('expired') + changed('cancelled'),
        flagged: after.filter((r) => r.flag).length,
        pending: after.filter((r) => r.state === 'pending' || r.state === 'creating').length,
        errors: [...new Set(errors)],
      };
    },
    /**
     * Background polling (the default way to learn of payments; webhooks are optional), on the runner's scheduler:
     * every pollMs for everything PayPay may still change, and every URGENT_POLL_MS for the payments a cashier is
     * waiting on (hurry), so the screen learns of a confirmation within about half a second without a webhook.
     */
    startPolling(): void {
      if (polling) return;
      polling = true;
      lastFullRound = clock.now().getTime();
      schedule();
    },
    /** A cashier waits on this payment: poll it every URGENT_POLL_MS (and check it now). */
    hurry(id: number): void {
      if (urgent.has(id)) return;
      urgent.add(id);
      if (polling) schedule(0);
    },
    /** Nobody waits on it any more: back to the normal schedule. */
    relax(id: number): void {
      urgent.delete(id);
    },
    /** Observes every check applied (polling, webhook, "Verificar agora"): the counter providers settle from it. */
    onApplied(l: (row: PaypayRow, outcome: Outcome) => void): () => void {
      appliedListeners.add(l);
      return () => appliedListeners.delete(l);
    },
    /** Enqueues a check of these payments now (none twice at once). */
    checkNow(ids: Iterable<number>): number {
      return enqueueChecks(new Set(ids));
    },
    /** For the printout and the CIUS-PT PaymentMeans: the invoice's reference, or that it is still coming. */
    printInfo: (documentId: number): MbReferenceInfo | null => mbReferenceOf(db, documentId),
    apply,
    settle,
    startWebhook,
    /** "Testar ligação": the entity lookup `GET /entities/{clientId}` (needs no PayPay-ClientId, FACT §1.2). */
    async testConnection(): Promise<{ name: string; state: string | null }> {
      const ep = await endpoint();
      const t = await transport();
      const r = await t.request('GET', `/entities/${encodeURIComponent(ep.nif)}`, { noClientId: true });
      if (r.kind !== 'ok') throw new PosError('DEVICE_ERROR', r.message);
      const e = EntityData.safeParse(r.data);
      if (!e.success) throw new PosError('DEVICE_ERROR', 'Resposta do PayPay ilegível (entidade).');
      return { name: e.data.name, state: e.data.stateDetails?.state ?? null };
    },
    /** Gestão de Referências: every reference with its invoice, receipt and state (pt-PT labels). */
    references(
      o: { state?: ReferenceStateLabel; from?: string; to?: string; customer?: string } = {},
    ): ReferenceView[] {
      const states = o.state ? STATES_OF[o.state] : undefined;
      const rows = store.listForOffice({
        states,
        // Days of the shop (local calendar), as the EOD run counts them.
        from: o.from ? dayBounds(o.from).from : undefined,
        to: o.to ? dayBounds(o.to).to : undefined,
        customer: o.customer,
      });
      return rows.map((r) => {
        const job = r.create_job_id ? deps.jobs.get(r.create_job_id) : undefined;
        return {
          id: r.id,
          kind: r.kind,
          document: r.doc_no,
          customer: r.customer_name,
          customerNif: r.customer_nif,
          amount: r.amount,
          entity: r.entity,
          reference: r.reference,
          createdAt: r.created_at,
          validUntil: r.valid_until,
          state: LABEL_OF[r.state],
          paidAt: r.paid_at,
          paidAmount: r.paid_cents === null ? null : fromCents(r.paid_cents),
          fee: r.fee,
          receipt: r.receipt_document_id === null ? null : deps.fiscal.get(r.receipt_document_id).docNo,
          flag: r.flag,
          note: r.note,
          error: r.state === 'creating' && job?.state !== 'succeeded' ? (job?.last_error ?? null) : null,
        };
      });
    },
    async stop(): Promise<void> {
      unhook();
      unhookCancel();
      await closeWebhook();
      polling = false;
      cancelTimer?.();
      cancelTimer = null;
      appliedListeners.clear();
      const s = sim;
      sim = null;
      if (s) await (await s).close();
    },
    simulator: (): Promise<PaypaySimulator> | null => sim,
  };
}
export type PaypayService = ReturnType<typeof createPaypayService>;
