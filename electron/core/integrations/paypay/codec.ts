import crypto from 'node:crypto';
import { z } from 'zod';
import { Dec } from '../../../../shared/money';

/**
 * PayPay REST wire (paypay-ilink-ciuspt.md §1.2, §1.3, §6.1, §6.2): request bodies, zod schemas of every
 * response we read, amounts (integer cents on the wire, exact decimal euros on documents), MB WAY phone format,
 * error codes → pt-PT, webhook signature. Pure: no I/O.
 */

/** `{apiVersion, date, success, data}` (FACT). */
export const Envelope = z.object({
  success: z.boolean(),
  data: z.unknown().optional(),
  date: z.string().optional(),
});

/** ASSUMPTION: the REST error body is OPEN; we accept `{error:{code,message}}`, `{errors:[…]}`, `{message}`. */
export const ErrorBody = z
  .object({
    error: z.object({ code: z.string().optional(), message: z.string().optional() }).partial().optional(),
    errors: z
      .array(z.object({ code: z.string().optional(), message: z.string().optional() }).partial())
      .optional(),
    message: z.string().optional(),
    code: z.string().optional(),
  })
  .partial();

export const Cents = z.number().int().nonnegative();
const Entity = z.string().regex(/^\d{5}$/, 'entidade com 5 dígitos');
const MbRef = z.string().regex(/^\d{9}$/, 'referência com 9 dígitos');

export const PaymentData = z.object({
  id: z.union([z.string(), z.number()]).transform(String),
  type: z.string().default('payment'),
  referenceDetails: z.object({ entity: z.string().optional(), reference: z.string().optional() }).optional(),
  stateDetails: z.object({ state: z.string(), cancelled: z.boolean().optional() }),
  cancellation: z
    .object({
      cancelled: z.boolean().optional(),
      cancelledAt: z.string().optional(),
      reason: z.string().nullish(),
    })
    .optional(),
  paymentMethod: z
    .object({
      code: z.string(),
      type: z.string().optional(),
      result: z.object({ code: z.string().optional(), message: z.string().optional() }).optional(),
    })
    .passthrough()
    .optional(),
  amount: Cents,
  /** ASSUMPTION (like SOAP's paymentAmount): what the payer actually paid, when PayPay reports it. */
  paidAmount: Cents.optional(),
  paidAt: z.string().optional(),
  code: z.string().optional(),
  /** ASSUMPTION (§1.2): euros as decimal strings, unlike `amount`. */
  paymentFee: z.object({ netAmount: z.string(), taxAmount: z.string().optional() }).optional(),
  createdAt: z.string().optional(),
  updatedAt: z.string().optional(),
  validDate: z.object({ start: z.string().optional(), end: z.string().optional() }).optional(),
});
export type PaymentData = z.output<typeof PaymentData>;

/** A Multibanco reference as it must be printed: entity 5 digits, reference 9 digits (strings, leading zeros). */
export const ReferenceData = PaymentData.extend({
  referenceDetails: z.object({ entity: Entity, reference: MbRef }),
});

export const TerminalData = z.object({
  uuid: z.string().min(1),
  terminalId: z.string(),
  name: z.string(),
  features: z.object({ allowRemoteTransactions: z.boolean() }).passthrough(),
});
export const TerminalList = z.array(TerminalData);
export const EntityData = z.object({
  clientId: z.union([z.string(), z.number()]).transform(String),
  name: z.string(),
  stateDetails: z.object({ state: z.string() }).optional(),
});

/** What Balcão makes of a payment's state (FACT §1.2 state model; `cancelled` flag; terminal `authorised`). */
export type Outcome = 'pending' | 'confirmed' | 'authorised' | 'expired' | 'cancelled' | 'refused';
export function outcomeOf(p: PaymentData): Outcome {
  const s = p.stateDetails.state.toLowerCase();
  if (s === 'confirmed') return 'confirmed';
  if (s === 'authorised' || s === 'authorized') return p.stateDetails.cancelled ? 'cancelled' : 'authorised';
  const cancelled =
    p.stateDetails.cancelled || p.cancellation?.cancelled || s === 'cancelled' || s === 'expired';
  if (!cancelled) return 'pending';
  const why = p.cancellation?.reason ?? (s === 'expired' ? 'expired' : '');
  if (why === 'expired') return 'expired';
  if (why === 'user_refused' || why === 'declined' || p.paymentMethod?.result?.code) return 'refused';
  return 'cancelled';
}

/** Exact euros "12.30" → 1230 cents (never through a float). */
export function toCents(amount: string): number {
  const d = new Dec(amount);
  if (!d.isFinite() || d.lte(0) || d.decimalPlaces() > 2) throw new Error(`Montante inválido: ${amount}`);
  return d.times(100).toNumber();
}
export const fromCents = (c: number): string => new Dec(c).dividedBy(100).toFixed(2);

/** MB WAY phone parsing lives in shared/ (the payment screen validates with the same function). */
export { mbwayPhone } from '../../../../shared/payments/mbway-phone';

export function referenceBody(o: {
  amountCents: number;
  code: string;
  mbType: 'NORMAL' | 'REALTIME';
  validFrom: string;
  validUntil: string;
}) {
  return {
    type: 'payment',
    amount: o.amountCents,
    // ASSUMPTION: references take the merchant `code` like checkouts/terminals do, and it can be searched.
    code: o.code,
    availableMethods: [{ code: 'MB', type: o.mbType }],
    validDate: { start: o.validFrom, end: o.validUntil },
  };
}

export function mbwayBody(o: { amountCents: number; code: string; phone: string }) {
  return {
    type: 'payment',
    amount: o.amountCents,
    code: o.code,
    paymentMethod: { code: 'MW', details: { phoneNumber: o.phone } },
  };
}

/** `POST /terminals/{uuid}/payments` (FACT §6.1: amount required; `code` and `summary` optional). */
export function terminalPaymentBody(o: { amountCents: number; code: string; summary: string }) {
  return { amount: o.amountCents, code: o.code, ...(o.summary ? { summary: o.summary } : {}) };
}

/** pt-PT for the cashier, from the HTTP status and PayPay's code (the codes are the simulator's; real ones OPEN). */
export function errorMessage(status: number, body: unknown): { code: string; message: string } {
  const b = ErrorBody.safeParse(body);
  const e = b.success ? (b.data.error ?? b.data.errors?.[0] ?? b.data) : {};
  const code = e.code ?? `http_${status}`;
  const known: Record<string, string> = {
    unauthorized:
      'O PayPay recusou as credenciais (Platform Code / Private Key). Verifique-as em Gestão › Integrações › PayPay.',
    invalid_client: 'O PayPay não reconhece o NIF desta loja (PayPay-ClientId). Verifique o NIF configurado.',
    validation_error: 'O PayPay recusou o pedido por dados inválidos',
    not_found: 'O PayPay não encontrou o pagamento.',
    not_allowed: 'O PayPay não permite esta operação neste pagamento.',
    amount_exceeded: 'O montante excede o que ainda pode ser reembolsado.',
    terminal_not_remote: 'Este terminal não aceita pagamentos enviados pelo Balcão (só terminais Cloud).',
    e02433: 'Pagamento recusado pelo banco ou emissor do cartão.',
  };
  const byStatus =
    status === 401
      ? known.unauthorized
      : status === 403
        ? known.invalid_client
        : status === 429
          ? 'O PayPay pediu para aguardar (demasiados pedidos). O Balcão volta a tentar sozinho.'
          : status >= 500
            ? 'O PayPay está temporariamente indisponível. O Balcão volta a tentar sozinho.'
            : `O PayPay recusou o pedido (HTTP ${status}).`;
  const base = known[code] ?? byStatus;
  const detail = code === 'validation_error' && e.message ? `: ${e.message}` : '';
  return { code, message: base + (detail || (base.endsWith('.') ? '' : '.')) };
}

/** `PayPay-Signature: hash=<hex>,ts=<unix>` = HMAC-SHA256(privateKey, rawBody ‖ ts) (FACT §1.3). */
export function signWebhook(raw: Buffer, ts: string, privateKey: string): string {
  return crypto
    .createHmac('sha256', privateKey)
    .update(Buffer.concat([raw, Buffer.from(ts)]))
    .digest('hex');
}

export function verifyWebhook(
  raw: Buffer,
  header: string | undefined,
  privateKey: string,
  nowSec: number,
  maxAgeSec = 1800,
): 'ok' | 'bad' | 'stale' {
  const m = /^\s*hash=([0-9a-f]{64})\s*,\s*ts=(\d{1,12})\s*$/i.exec(header ?? '');
  if (!m) return 'bad';
  const want = Buffer.from(signWebhook(raw, m[2], privateKey), 'hex');
  const got = Buffer.from(m[1].toLowerCase(), 'hex');
  if (want.length !== got.length || !crypto.timingSafeEqual(want, got)) return 'bad';
  return Number(m[2]) < nowSec - maxAgeSec ? 'stale' : 'ok';
}
