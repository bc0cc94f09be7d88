import { z } from 'zod';
import { fixed, formatEuro } from '../../../../shared/money';
import { MBWAY_PHONE_INVALID, mbwayPhone } from '../../../../shared/payments/mbway-phone';
import type { CoreContext } from '../../context';
import type { JobRunner } from '../../jobs/runner';
import type { PaymentOutcome, PaymentProvider } from '../../sales/payments/provider';
import { mbwayBody } from './codec';
import { readPaypayConfig } from './config';
import type { CounterJournalPort, CounterMethod } from './counter-method';
import { createCounterProvider } from './counter-payment';
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
export const LATE_FLAG =
  'O cliente confirmou o MB WAY depois de o operador ter desistido: o gerente decide (devolver ao cliente ou concluir a venda).';

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
 * MB WAY at the counter (issue 11 item 3): `POST /payments` with the customer's phone; the customer confirms in the
 * app within PayPay's window. The provider's mechanism (row + outbox job, checks, cancel, late confirmation →
 * the manager's review, recovery after a crash) is counter-payment.ts; this is what MB WAY says and sends.
 */
export const mbwayMethod = (ctx: CoreContext): CounterMethod<z.output<typeof Payload>> => ({
  kind: 'mbway',
  jobKind: MBWAY_KIND,
  payload: Payload,
  backoffMaxMs: 30_000,
  code: mbwayCode,
  codePattern: CODE,
  windowMs: MBWAY_WINDOW_MS,
  audit: 'mbway',
  provider: {
    id: 'mbway',
    name: 'MB WAY',
    fiscalMethod: 'mbway',
    mechanism: 'OU',
    availability() {
      if (readPaypayConfig(ctx.db) || ctx.mode === 'training') return { available: true, reason: null };
      return {
        available: false,
        reason: 'O PayPay não está configurado (Gestão › Integrações › PayPay).',
      };
    },
    validate: (input) => (mbwayPhone(input.phone ?? '') ? null : INVALID_PHONE),
    async refund(req) {
      // ASSUMPTION (FACT §1: a REST refund of an MB WAY payment is OPEN): done in PayPay's back-office.
      return {
        ok: true,
        amount: fixed(req.amount),
        message: `Devolva ${formatEuro(req.amount)} ao cliente pelo backoffice do PayPay (reembolso MB WAY).`,
      };
    },
  },
  request(req) {
    const phone = mbwayPhone(req.phone ?? '');
    if (!phone) return { refusal: INVALID_PHONE };
    return {
      entity: null,
      note: masked(phone),
      payload: (paymentId) => ({ paymentId, phone }),
      sending: `${SENDING} (${masked(phone)})`,
    };
  },
  send: (row, payload) => ({
    path: '/payments',
    body: mbwayBody({ amountCents: row.amount_cents, code: row.code, phone: payload.phone }),
    request: `POST /payments MB WAY ${row.code} ${row.amount_cents}`,
  }),
  adopted: (p, cur, now) => ({
    reference: p.referenceDetails?.reference ?? null,
    valid_from: isoOf(p.validDate?.start, cur.valid_from ?? now.toISOString()),
    valid_until: isoOf(p.validDate?.end, cur.valid_until ?? now.toISOString()),
  }),
  outcome: outcomeOfRow,
  waiting: (row) => `${WAITING} (${row.note ?? ''})`.replace(' ()', ''),
  // The journal has given the payment up (cancelled or failed): a confirmation found now is the manager's.
  isLate: (status) => status === 'cancelled' || status === 'failed',
  reviewStates: [],
  texts: {
    unknownRequest: 'Pedido MB WAY desconhecido.',
    refusedNote: REFUSED_NOTE,
    lateFlag: LATE_FLAG,
    cancelled:
      'Pedido MB WAY cancelado. Se o cliente ainda o confirmar, o pagamento vai para a revisão do gerente.',
    neverSent: 'O pedido MB WAY não chegou a ser enviado: nada foi cobrado. Repita o pagamento.',
    checking:
      'A verificar o MB WAY com o PayPay… Se o cliente confirmar no telemóvel, a venda conclui-se sozinha: não cobre outra vez.',
  },
});

/** MB WAY as a checkout provider (see counter-payment.ts for its mechanism). */
export function createMbwayProvider(deps: {
  ctx: CoreContext;
  jobs: JobRunner;
  paypay: PaypayService;
  journal: CounterJournalPort;
}): PaymentProvider {
  return createCounterProvider(deps, mbwayMethod(deps.ctx));
}
