import { z } from 'zod';
import { channel } from './define';
import { Empty } from './common';

/**
 * PayPay (issue 11): Gestão de Referências — every Multibanco reference with its invoice, receipt and state —
 * and "Verificar agora" (one polling round).
 */
export const PaypayReferenceState = z.enum(['paga', 'por-pagar', 'expirada', 'cancelada']);

export const PaypayReferenceView = z.object({
  id: z.number().int(),
  document: z.string().nullable(),
  amount: z.string(),
  entity: z.string().nullable(),
  reference: z.string().nullable(),
  createdAt: z.string(),
  validUntil: z.string().nullable(),
  state: PaypayReferenceState,
  paidAt: z.string().nullable(),
  paidAmount: z.string().nullable(),
  /** PayPay's fee (net + VAT, €), when reported. */
  fee: z.string().nullable(),
  /** The RG issued on payment. */
  receipt: z.string().nullable(),
  /** pt-PT: what the manager must look at (wrong amount, invoice cancelled…). */
  flag: z.string().nullable(),
  note: z.string().nullable(),
  /** pt-PT: why the reference is not there yet. */
  error: z.string().nullable(),
});

export const PaypayPollSummary = z.object({
  checked: z.number().int(),
  paid: z.number().int(),
  receipts: z.array(z.string()),
  expired: z.number().int(),
  flagged: z.number().int(),
  pending: z.number().int(),
  errors: z.array(z.string()),
});

export const paypayContract = {
  'paypay/references': channel({
    input: z.object({ state: PaypayReferenceState.optional() }).strict(),
    output: z.array(PaypayReferenceView),
    access: 'reader',
    summary: 'Gestão de Referências: referências Multibanco e o seu estado',
  }),
  'paypay/check-now': channel({
    input: Empty,
    output: PaypayPollSummary,
    access: 'manager',
    summary: 'Verificar agora: consulta os pagamentos pendentes no PayPay e emite os recibos',
  }),
};
