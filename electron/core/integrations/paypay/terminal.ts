import { z } from 'zod';
import { fixed, formatEuro } from '../../../../shared/money';
import type { CoreContext } from '../../context';
import type { JobRunner } from '../../jobs/runner';
import type { PaymentOutcome, PaymentProvider } from '../../sales/payments/provider';
import { terminalPaymentBody } from './codec';
import { readPaypayConfig } from './config';
import type { CounterJournalPort, CounterMethod } from './counter-method';
import { createCounterProvider } from './counter-payment';
import type { PaypayService } from './service';
import type { PaypayRow, PaypayStore } from './store';
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
export const TERMINAL_LATE_FLAG =
  'O terminal aprovou o cartão depois de o operador ter desistido: o gerente decide (devolver ao cliente ou concluir a venda).';
const TIMEOUT_MESSAGE =
  'O terminal não deu resposta dentro do minuto: não se sabe se o cartão foi cobrado. Não cobre outra vez — o gerente verifica na revisão de pagamentos.';

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
 * The PayPay Cloud card terminal at the counter (issue 11 item 4): `POST /terminals/{uuid}/payments`, the terminal
 * shows the amount and waits a minute for the card. The provider's mechanism (row + outbox job, checks, cancel,
 * late authorisation → the manager's review, recovery after a crash) is counter-payment.ts, shared with MB WAY;
 * this is what the terminal says and sends. authorised → settled → the one document (journal); declined → failed;
 * the minute over → unknown (review); cancel → withdrawn. Refunds and reversals are terminal-ops.ts.
 */
export const terminalMethod = (
  ctx: CoreContext,
  store: PaypayStore,
  ops: TerminalOps,
): CounterMethod<z.output<typeof Payload>> => {
  const uuid = (): string | null => readPaypayConfig(ctx.db)?.terminalUuid ?? null;
  return {
    kind: 'terminal',
    jobKind: TERMINAL_KIND,
    payload: Payload,
    backoffMaxMs: 10_000,
    code: terminalCode,
    codePattern: CODE,
    windowMs: TERMINAL_WINDOW_MS,
    audit: 'terminal',
    provider: {
      id: TERMINAL_PROVIDER_ID,
      name: 'Cartão (terminal PayPay)',
      fiscalMethod: 'card',
      mechanism: 'CC',
      availability() {
        if (uuid()) return { available: true, reason: null };
        return {
          available: false,
          reason: 'Nenhum terminal PayPay escolhido (Gestão › Integrações › PayPay › Terminal).',
        };
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
    },
    request(req) {
      const terminal = uuid();
      if (!terminal) return { refusal: 'Nenhum terminal PayPay escolhido.' };
      return {
        // The terminal's uuid (the payment is refunded/reversed on the same terminal).
        entity: terminal,
        note: `Venda ${req.saleId}`,
        payload: (paymentId) => ({ paymentId }),
        sending: SENDING,
      };
    },
    send: (row) => ({
      path: `/terminals/${encodeURIComponent(row.entity ?? '')}/payments`,
      body: terminalPaymentBody({ amountCents: row.amount_cents, code: row.code, summary: row.note ?? '' }),
      request: `POST /terminals/${row.entity}/payments ${row.code} ${row.amount_cents}`,
    }),
    adopted(p, _cur, now) {
      // The terminal's minute starts when PayPay hands it the amount (its createdAt), else now.
      const from = Date.parse(p.createdAt ?? '');
      const start = Number.isFinite(from) ? Math.min(from, now.getTime()) : now.getTime();
      const details = p.paymentMethod?.details;
      return {
        reference:
          details && typeof details === 'object'
            ? String((details as { transactionIdentifier?: unknown }).transactionIdentifier ?? '') || null
            : null,
        valid_from: new Date(start).toISOString(),
        valid_until: new Date(start + TERMINAL_WINDOW_MS).toISOString(),
      };
    },
    outcome: terminalOutcomeOfRow,
    waiting: () => WAITING,
    // cancelled/failed: given up; unknown after the minute ended (on the review already): either way the
    // authorisation now found is for the manager, with its amount (it may then complete the sale).
    // (An unknown one still pending at a restart is settled by recovery's recover() instead.)
    isLate: (status, row) =>
      status === 'cancelled' ||
      status === 'failed' ||
      (status === 'unknown' && (row.note ?? '').startsWith('Paga depois de expirada')),
    reviewStates: ['expired'],
    // Only money the terminal really took can pay the sale (a timeout with nothing authorised cannot).
    canComplete: (row) => row.state === 'paid',
    texts: {
      unknownRequest: 'Pagamento no terminal desconhecido.',
      refusedNote: DECLINED_NOTE,
      lateFlag: TERMINAL_LATE_FLAG,
      // ASSUMPTION (no cancel of a terminal request is documented): withdrawn with the same
      // `POST /payments/{id}/cancel` as MB WAY; if PayPay cannot withdraw it, the terminal's minute ends it, and a
      // card tapped meanwhile is found by the watch (TERMINAL_LATE_WATCH_MS) and goes to the manager's review.
      cancelled:
        'Pagamento no terminal cancelado. Se o terminal ainda aprovar o cartão, o pagamento vai para a revisão do gerente.',
      neverSent: 'O montante não chegou a ser enviado ao terminal: nada foi cobrado. Repita o pagamento.',
      checking:
        'A verificar o pagamento no terminal PayPay… Se o cartão foi aprovado, a venda conclui-se sozinha: não cobre outra vez.',
    },
  };
};

/** The PayPay Cloud terminal as a checkout provider (see counter-payment.ts for its mechanism). */
export function createTerminalProvider(deps: {
  ctx: CoreContext;
  jobs: JobRunner;
  paypay: PaypayService;
  journal: CounterJournalPort;
  ops: TerminalOps;
}): PaymentProvider {
  return createCounterProvider(deps, terminalMethod(deps.ctx, deps.paypay.store, deps.ops));
}
