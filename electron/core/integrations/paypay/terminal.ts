import { z } from 'zod';
import { fixed, formatEuro } from '../../../../shared/money';
import type { CoreContext } from '../../context';
import { DEFAULT_BACKOFF } from '../../jobs/backoff';
import type { JobRunner } from '../../jobs/runner';
import type { AttemptResult } from '../../jobs/types';
import type { PaymentOutcome, PaymentProvider } from '../../sales/payments/provider';
import { enqueueInTx } from '../../sync/outbox';
import { PaymentData, terminalPaymentBody, toCents, type Outcome } from './codec';
import { readPaypayConfig } from './config';
import type { PaypayService } from './service';
import type { PaypayRow } from './store';
import type { TerminalOps } from './terminal-ops';
import { TERMINAL_CODE as CODE, terminalCode } from './terminal-code';

export const TERMINAL_KIND = 'paypay.terminal-payment';
export const TERMINAL_PROVIDER_ID = 'paypay-terminal';
/** FACT §6.1: the terminal shows the amount and waits 1 minute for the card. */
export const TERMINAL_WINDOW_MS = 60_000;

const Payload = z.object({ paymentId: z.number().int().positive() }).strict();

export { terminalCode };

const SENDING = 'A enviar o montante ao terminal…';
const WAITING = 'A aguardar o terminal… O cliente apresenta o cartão no terminal.';
const DECLINED_NOTE = 'Recusado no terminal.';
const CANCELLED_NOTE = 'Cancelado no Balcão pelo operador.';
export const TERMINAL_LATE_FLAG =
  'O terminal aprovou o cartão depois de o operador ter desistido: o gerente decide (devolver ao cliente ou concluir a venda).';
const TIMEOUT_MESSAGE =
  'O terminal não deu resposta dentro do minuto: não se sabe se o cartão foi cobrado. Não cobre outra vez — o gerente verifica na revisão de pagamentos.';

/** What the provider needs of the payment journal (the sales side): a late approval goes to review. */
export interface TerminalJournalPort {
  status(paymentId: number): string | null;
  record(paymentId: number, outcome: PaymentOutcome): void;
}

const lateMessage = (row: PaypayRow): string => `${TERMINAL_LATE_FLAG} Montante: ${formatEuro(row.amount)}.`;

/**
 * The row's final outcome for the checkout, or null while the terminal may still change it. The terminal's minute
 * over without an answer is NOT a failure (the card may have been charged and its notification be late, FACT
 * §6.1): it is `unknown`, for the manager's payment review, like an MB WAY confirmed late.
 */
export function terminalOutcomeOfRow(row: PaypayRow): PaymentOutcome | null {
  const ref = row.remote_id;
  switch (row.state) {
    case 'paid':
      return row.flag === TERMINAL_LATE_FLAG
        ? { status: 'unknown', review: true, ref, message: lateMessage(row) }
        : {
            status: 'settled',
            amount: fixed(row.amount),
            ref,
            message: `Cartão aprovado no terminal PayPay: ${formatEuro(row.amount)}.`,
          };
    case 'mismatch':
      return {
        status: 'unknown',
        review: true,
        ref,
        message: row.flag ?? 'Montante do terminal por verificar.',
      };
    case 'expired':
      return { status: 'unknown', review: true, ref, message: TIMEOUT_MESSAGE };
    case 'cancelled':
      return row.note === DECLINED_NOTE
        ? { status: 'failed', ref, message: 'Cartão recusado no terminal. Nada foi cobrado.' }
        : { status: 'cancelled', ref, message: 'Pagamento no terminal cancelado. Nada foi cobrado.' };
    case 'failed':
      return { status: 'failed', ref, message: row.flag ?? 'O PayPay recusou o pedido ao terminal.' };
    default:
      return null;
  }
}

/**
 * The PayPay Cloud card terminal at the counter (issue 11 item 4), as a checkout provider modelled on MB WAY
 * (mbway.ts): start() writes, in one transaction, the `paypay_payment` row (kind terminal), its creation job
 * (outbox; idempotency key = its code, also PayPay's `code`, looked up with `GET /payments?code=` before any
 * retry) and the sale payment's provider_ref; the outcome comes from the checks (polling tightened while the
 * cashier waits, or the webhook) through `paypay.onApplied`. authorised → settled → the one document (journal);
 * declined → failed; the minute over → unknown (review); cancel → withdrawn, a late authorisation → review.
 * Refunds and reversals are terminal-ops.ts.
 */
export function createTerminalProvider(deps: {
  ctx: CoreContext;
  jobs: JobRunner;
  paypay: PaypayService;
  journal: TerminalJournalPort;
  ops: TerminalOps;
}): PaymentProvider {
  const { ctx, jobs, paypay, journal, ops } = deps;
  const { db, clock } = ctx;
  const store = paypay.store;
  const iso = (): string => clock.now().toISOString();
  const waiters = new Map<
    number,
    {
      rowId: number;
      req: Parameters<PaymentProvider['start']>[0];
      resolve(o: PaymentOutcome): void;
      waiting: boolean;
    }
  >();

  const salePaymentOf = (row: PaypayRow): number | null => {
    const m = CODE.exec(row.code);
    return m ? Number(m[2]) : null;
  };
  const rowOf = (saleId: number, paymentId: number): PaypayRow | undefined =>
    store.byCode(terminalCode(ctx.terminalId, saleId, paymentId));
  const uuid = (): string | null => readPaypayConfig(db)?.terminalUuid ?? null;

  function changed(rowId: number): void {
    const row = store.get(rowId);
    if (!row) return;
    const sp = salePaymentOf(row);
    if (sp === null) return;
    const w = waiters.get(sp);
    const outcome = terminalOutcomeOfRow(row);
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
          message: WAITING,
          expiresAt: row.valid_until ?? undefined,
        });
      }
      return;
    }
    // Nobody waits: an authorisation of a payment already given up (or timed out and decided) is late.
    if ((row.state === 'paid' || row.state === 'mismatch') && row.flag !== TERMINAL_LATE_FLAG) {
      const status = journal.status(sp);
      // cancelled/failed: given up; unknown after the minute ended (on the review already): either way the
      // authorisation now found is for the manager, with its amount (it may then complete the sale).
      // (An unknown one still pending at a restart is settled by recovery's recover() instead.)
      const afterMinute = status === 'unknown' && (row.note ?? '').startsWith('Paga depois de expirada');
      if (status === 'cancelled' || status === 'failed' || afterMinute) {
        journal.record(sp, {
          status: 'unknown',
          review: true,
          ref: row.remote_id,
          message: lateMessage(row),
        });
        store.update(row.id, { flag: TERMINAL_LATE_FLAG, updated_at: iso() });
        ctx.audit('paypay.terminal-late', null, { id: row.id, paymentId: sp, amount: row.amount });
      }
    }
  }

  paypay.onApplied((row, outcome: Outcome) => {
    if (row.kind !== 'terminal') return;
    if (outcome === 'refused' && row.state === 'cancelled' && row.note !== DECLINED_NOTE)
      store.update(row.id, { note: DECLINED_NOTE, updated_at: iso() });
    changed(row.id);
  });

  function adopt(row: PaypayRow, p: PaymentData): void {
    db.tx(() => {
      const cur = store.get(row.id)!;
      // The terminal's minute starts when PayPay hands it the amount (its createdAt), else now.
      const from = Date.parse(p.createdAt ?? '');
      const start = Number.isFinite(from) ? Math.min(from, clock.now().getTime()) : clock.now().getTime();
      store.update(row.id, {
        remote_id: p.id,
        reference:
          p.paymentMethod?.details && typeof p.paymentMethod.details === 'object'
            ? String(
                (p.paymentMethod.details as { transactionIdentifier?: unknown }).transactionIdentifier ?? '',
              ) || null
            : null,
        valid_from: new Date(start).toISOString(),
        valid_until: new Date(start + TERMINAL_WINDOW_MS).toISOString(),
        state: cur.state === 'creating' ? 'pending' : cur.state,
        updated_at: iso(),
      });
      ctx.audit('paypay.terminal-requested', null, { id: row.id, remoteId: p.id, amount: row.amount });
      if (cur.state === 'cancelled')
        paypay.kinds.cancel.enqueue({ paymentId: row.id }, { key: `paypay.cancel:${row.id}` });
    });
    changed(row.id);
  }

  const create = jobs.register({
    kind: TERMINAL_KIND,
    payload: Payload,
    partner: () => 'paypay',
    syncStatus: true,
    // The customer is at the counter: retry soon.
    backoff: { ...DEFAULT_BACKOFF, baseMs: 1_000, maxMs: 10_000 },
    async run(job): Promise<AttemptResult> {
      const row = store.get(job.payload.paymentId);
      if (!row) return { outcome: 'permanent', message: 'Pagamento no terminal desconhecido.' };
      if (row.remote_id) return { outcome: 'succeeded', result: { remoteId: row.remote_id } };
      if (row.state === 'cancelled' && job.attempt === 1)
        return { outcome: 'succeeded', message: 'Cancelado antes do envio.' };
      const terminal = row.entity;
      const request = `POST /terminals/${terminal}/payments ${row.code} ${row.amount_cents}`;
      let t: Awaited<ReturnType<PaypayService['transport']>>;
      try {
        t = await paypay.transport();
      } catch (e) {
        return paypay.notConfigured(e, request);
      }
      if (job.attempt > 1) {
        // A previous attempt may have reached PayPay: find it by our code before sending the amount again.
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
      const r = await t.request('POST', `/terminals/${encodeURIComponent(terminal ?? '')}/payments`, {
        idempotencyKey: job.idempotencyKey,
        body: terminalPaymentBody({ amountCents: row.amount_cents, code: row.code, summary: row.note ?? '' }),
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

  /** The cashier gives up on a payment still open at the terminal: withdrawn; a late authorisation → review. */
  function giveUp(row: PaypayRow): boolean {
    if (row.state !== 'creating' && row.state !== 'pending') return false;
    db.tx(() => {
      store.update(row.id, { state: 'cancelled', note: CANCELLED_NOTE, updated_at: iso() });
      // ASSUMPTION (no cancel of a terminal request is documented): the same `POST /payments/{id}/cancel` as
      // MB WAY; if PayPay cannot withdraw it, the terminal's minute ends it, and a card tapped meanwhile is
      // found by the watch (TERMINAL_LATE_WATCH_MS) and goes to the manager's review.
      if (row.remote_id)
        paypay.kinds.cancel.enqueue({ paymentId: row.id }, { key: `paypay.cancel:${row.id}` });
      ctx.audit('paypay.terminal-cancelled', null, { id: row.id, remoteId: row.remote_id });
    });
    return true;
  }

  return {
    id: TERMINAL_PROVIDER_ID,
    name: 'Cartão (terminal PayPay)',
    fiscalMethod: 'card',
    mechanism: 'CC',
    givesChange: false,
    needsConfirmation: false,
    availability() {
      if (uuid()) return { available: true, reason: null };
      return {
        available: false,
        reason: 'Nenhum terminal PayPay escolhido (Gestão › Integrações › PayPay › Terminal).',
      };
    },
    start(req) {
      const terminal = uuid();
      if (!terminal)
        return {
          wait: true,
          outcome: Promise.resolve({ status: 'failed', message: 'Nenhum terminal PayPay escolhido.' }),
        };
      const now = clock.now();
      const code = terminalCode(ctx.terminalId, req.saleId, req.paymentId);
      const rowId = db.tx(() => {
        const id = store.insert({
          kind: 'terminal',
          document_id: null,
          doc_no: null,
          amount: fixed(req.amount),
          amount_cents: toCents(req.amount),
          mb_type: null,
          state: 'creating',
          code,
          // The terminal's uuid (the payment is refunded/reversed on the same terminal).
          entity: terminal,
          valid_from: now.toISOString(),
          valid_until: new Date(now.getTime() + TERMINAL_WINDOW_MS).toISOString(),
          note: `Venda ${req.saleId}`,
          created_at: now.toISOString(),
          updated_at: now.toISOString(),
        });
        const job = enqueueInTx(create, { db, at: now }, { paymentId: id }, code);
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
        message: SENDING,
        expiresAt: new Date(now.getTime() + TERMINAL_WINDOW_MS).toISOString(),
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
            'Pagamento no terminal cancelado. Se o terminal ainda aprovar o cartão, o pagamento vai para a revisão do gerente.',
        });
      } else if (row) changed(row.id);
    },
    needsReview(p) {
      const row = rowOf(p.saleId, p.id);
      return (
        !!row && (row.flag === TERMINAL_LATE_FLAG || row.state === 'mismatch' || row.state === 'expired')
      );
    },
    canComplete(p) {
      // Only money the terminal really took can pay the sale (a timeout with nothing authorised cannot).
      const row = rowOf(p.saleId, p.id);
      return !!row && row.state === 'paid';
    },
    async abandon(p) {
      const row = rowOf(p.saleId, p.id);
      if (!row || waiters.has(p.id)) return false;
      return giveUp(row);
    },
    /**
     * Money back for a terminal payment: the cashier undoing a settled part-payment before the document, or the
     * manager's "return" on the review (paymentRef = its code), or a return from Devoluções (originDocumentId:
     * the terminal payment of that sale). terminal-ops.ts decides reversal (same day, not yet settled, whole
     * amount) or refund (same card, partial allowed).
     */
    async refund(req) {
      // provider_ref holds our code until PayPay's id replaces it (the journal keeps the outcome's ref).
      const row = req.paymentRef
        ? (store.byCode(req.paymentRef) ?? store.byRemoteId(req.paymentRef))
        : req.originDocumentId !== undefined
          ? ops.paymentOfDocument(req.originDocumentId)
          : undefined;
      if (!row)
        return { ok: false, amount: '0.00', message: 'Não há pagamento no terminal PayPay a devolver.' };
      if (row.state !== 'paid') {
        // Decided on the review: nothing was authorised (the minute ended), so nothing is to be given back.
        return {
          ok: true,
          amount: '0.00',
          message: 'O terminal não cobrou este pagamento: nada a devolver ao cliente.',
        };
      }
      return ops.giveBack(row, req);
    },
    checkRefund(req) {
      const row = ops.paymentOfDocument(req.originDocumentId);
      if (!row) return 'Este documento não foi pago no terminal PayPay: escolha outro meio de reembolso.';
      return ops.refusal(row, req.amount);
    },
    async recover(p) {
      const row = rowOf(p.saleId, p.id);
      if (!row)
        return {
          status: 'failed',
          message: 'O montante não chegou a ser enviado ao terminal: nada foi cobrado. Repita o pagamento.',
        };
      if (row.flag === TERMINAL_LATE_FLAG)
        return { status: 'unknown', review: true, ref: row.remote_id, message: lateMessage(row) };
      const outcome = terminalOutcomeOfRow(row);
      if (outcome) {
        paypay.relax(row.id);
        return outcome;
      }
      paypay.hurry(row.id);
      return {
        status: 'unknown',
        ref: row.remote_id,
        message:
          'A verificar o pagamento no terminal PayPay… Se o cartão foi aprovado, a venda conclui-se sozinha: não cobre outra vez.',
      };
    },
  };
}
