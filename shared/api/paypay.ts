import { z } from 'zod';
import { channel } from './define';
import { Empty, IsoDate } from './common';

/**
 * PayPay (issue 11): Gestão de Referências — every Multibanco reference with its invoice, receipt and state —
 * and "Verificar agora" (one polling round).
 */
export const PaypayReferenceState = z.enum(['paga', 'por-pagar', 'expirada', 'cancelada']);

export const PaypayReferenceView = z.object({
  id: z.number().int(),
  /** Multibanco reference, MB WAY or Cloud-terminal payment. */
  kind: z.enum(['mb_reference', 'mbway', 'terminal']),
  document: z.string().nullable(),
  /** The document's customer (name, NIF). */
  customer: z.string().nullable(),
  customerNif: z.string().nullable(),
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

/* ---- paypay-office (issue 11 item 6): Gestão › Integrações › PayPay ---- */

/** Settings as the screen sees them: the private key is never sent back (only whether one is stored). */
export const PaypayConfigView = z.object({
  configured: z.boolean(),
  training: z.boolean(),
  baseUrl: z.string().nullable(),
  platformCode: z.string().nullable(),
  nif: z.string().nullable(),
  privateKeyStored: z.boolean(),
  mbType: z.enum(['NORMAL', 'REALTIME']),
  validityDays: z.number().int(),
  mbwayEnabled: z.boolean(),
  terminalUuid: z.string().nullable(),
  webhookEnabled: z.boolean(),
  webhookPort: z.number().int().nullable(),
  webhookHost: z.string(),
  /** The webhook listener's URL while it runs. */
  webhookUrl: z.string().nullable(),
  settlementDays: z.object({ mb: z.number().int(), mbway: z.number().int(), card: z.number().int() }),
});
export type PaypayConfigView = z.infer<typeof PaypayConfigView>;

const Port = z.coerce
  .number({ error: 'Porta inválida.' })
  .int('Porta inválida.')
  .min(1, 'Porta de 1 a 65535.')
  .max(65535, 'Porta de 1 a 65535.');

/**
 * What the manager saves. The same schema checks the form as typed and the core on save. `privateKey` empty or
 * omitted keeps the stored one (it is never shown back); the first save needs one.
 */
export const PaypayConfigureInput = z
  .object({
    baseUrl: z
      .string()
      .trim()
      .max(500)
      .url('Endereço inválido: escreva-o completo (ex.: https://paypay.pt/api).'),
    platformCode: z.string().trim().min(1, 'Indique o Platform Code.').max(100),
    privateKey: z.string().max(500, 'Chave demasiado longa.').optional(),
    nif: z
      .string()
      .trim()
      .regex(/^\d{9}$/, 'NIF com 9 algarismos.'),
    mbType: z.enum(['NORMAL', 'REALTIME']),
    validityDays: z.coerce
      .number({ error: 'Número de dias inválido.' })
      .int('Número de dias inteiro.')
      .min(1, 'Validade de 1 a 365 dias.')
      .max(365, 'Validade de 1 a 365 dias.'),
    mbwayEnabled: z.boolean(),
    terminalUuid: z.string().min(1).max(100).nullable(),
    webhookEnabled: z.boolean(),
    webhookPort: Port.nullable(),
    webhookHost: z.string().trim().min(1, 'Indique o endereço de escuta (ex.: 127.0.0.1).').max(100),
  })
  .strict()
  .refine((c) => !c.webhookEnabled || c.webhookPort !== null, {
    message: 'Indique a porta do recetor de webhooks.',
    path: ['webhookPort'],
  });
export type PaypayConfigureInput = z.input<typeof PaypayConfigureInput>;

export const PaypayTerminalView = z.object({
  uuid: z.string(),
  terminalId: z.string(),
  name: z.string(),
});

export const PaypayReferencesFilter = z
  .object({
    state: PaypayReferenceState.optional(),
    /** Created from this day (local calendar) … */
    from: IsoDate.optional(),
    /** … to this day, inclusive. */
    to: IsoDate.optional(),
    /** Name or NIF contains. */
    customer: z.string().max(100).optional(),
  })
  .strict();

export const paypayContract = {
  'paypay/config': channel({
    input: Empty,
    output: PaypayConfigView,
    access: 'manager',
    summary: 'Configuração do PayPay (sem a chave privada)',
  }),
  'paypay/configure': channel({
    input: PaypayConfigureInput,
    output: PaypayConfigView,
    access: 'manager',
    summary: 'Guarda a configuração do PayPay (credenciais, referências, MB WAY, terminal, webhooks)',
  }),
  'paypay/test-connection': channel({
    input: Empty,
    output: z.object({ ok: z.boolean(), message: z.string() }),
    access: 'manager',
    summary: 'Testar ligação: consulta a entidade no PayPay (GET /entities/{NIF})',
  }),
  'paypay/terminals': channel({
    input: Empty,
    output: z.object({
      /** Only the terminals that take payments sent by the POS (Cloud). */
      terminals: z.array(PaypayTerminalView),
      /** How many others (Standalone) there are: they stay "cartão (terminal externo)". */
      standalone: z.number().int(),
    }),
    access: 'manager',
    summary: 'Terminais PayPay da entidade que aceitam pagamentos enviados pelo Balcão',
  }),
  'paypay/references': channel({
    input: PaypayReferencesFilter,
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
