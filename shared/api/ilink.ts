import { z } from 'zod';
import { channel } from './define';
import { Empty, Id, IsoDate, IsoDateTime } from './common';

/**
 * iLink (ACIN) e-invoicing, issue 10: settings, "Testar ligação", and the sent history (Histórico de envio)
 * with its actions. The import history (purchases) is the purchases domain's contract.
 */
export const IlinkConfigView = z.object({
  /** null: a training terminal's in-process simulator. */
  baseUrl: z.string().nullable(),
  mode: z.enum(['oauth2', 'legacy']).nullable(),
  clientId: z.string().nullable(),
  nif: z.string().nullable(),
  publicKey: z.string().nullable(),
  send: z.enum(['auto', 'manual', 'off']),
  receive: z.boolean(),
});
export type IlinkConfigView = z.infer<typeof IlinkConfigView>;

export const IlinkConfigureInput = z
  .object({
    baseUrl: z.string().url().max(500).nullable().optional(),
    auth: z
      .discriminatedUnion('mode', [
        z
          .object({
            mode: z.literal('oauth2'),
            clientId: z.string().min(1).max(200),
            clientSecret: z.string().min(1).max(500),
          })
          .strict(),
        z
          .object({
            mode: z.literal('legacy'),
            token: z.string().min(1).max(2000),
            publicKey: z.string().min(1).max(2000),
            nif: z.string().regex(/^\d{9}$/, 'NIF com 9 algarismos'),
          })
          .strict(),
      ])
      .nullable()
      .optional(),
    send: z.enum(['auto', 'manual', 'off']).optional(),
    receive: z.boolean().optional(),
  })
  .strict();

export const IlinkSentRow = z.object({
  documentId: Id,
  number: z.string(),
  type: z.string(),
  /** "NIF - nome". */
  customer: z.string(),
  date: IsoDate,
  sentAt: IsoDateTime.nullable(),
  state: z.enum(['manual', 'queued', 'tosend', 'sent', 'accepted', 'rejected', 'failed']),
  /** pt-PT, as the "Estado Documento" column shows it. */
  stateLabel: z.string(),
  success: z.boolean(),
  /** pt-PT: the error (e217 with its rule, …) or the rejection reason. */
  error: z.string().nullable(),
  ilinkId: z.string().nullable(),
  canSendNow: z.boolean(),
  canResend: z.boolean(),
});
export type IlinkSentRow = z.infer<typeof IlinkSentRow>;

export const IlinkHistoryFilter = z
  .object({
    number: z.string().max(40).optional(),
    type: z.enum(['FT', 'FR', 'FS', 'NC', 'ND']).optional(),
    customerName: z.string().max(100).optional(),
    customerNif: z.string().max(30).optional(),
    from: IsoDate.optional(),
    to: IsoDate.optional(),
  })
  .strict();

export const IlinkAttempt = z.object({
  attempt: z.number().int(),
  outcome: z.string(),
  request: z.string().nullable(),
  httpStatus: z.number().int().nullable(),
  code: z.string().nullable(),
  message: z.string().nullable(),
  durationMs: z.number().int().nullable(),
  startedAt: IsoDateTime,
});

const DocRef = z.object({ documentId: Id }).strict();

export const ilinkContract = {
  'ilink/config': channel({
    input: Empty,
    output: IlinkConfigView,
    access: 'manager',
    summary: 'Configuração iLink (sem segredos)',
  }),
  'ilink/configure': channel({
    input: IlinkConfigureInput,
    output: z.object({ queued: z.number().int().nonnegative() }),
    access: 'manager',
    summary: 'Guardar endereço, credenciais, envio e receção iLink',
  }),
  'ilink/test-connection': channel({
    input: Empty,
    output: z.object({ ok: z.boolean(), message: z.string() }),
    access: 'manager',
    summary: 'Testar a ligação ao iLink (autenticação)',
  }),
  'ilink/history': channel({
    input: IlinkHistoryFilter,
    output: z.array(IlinkSentRow),
    access: 'reader',
    summary: 'Histórico de envio iLink',
  }),
  'ilink/send-now': channel({
    input: DocRef,
    output: IlinkSentRow,
    access: 'manager',
    summary: 'Enviar agora um documento ao iLink',
  }),
  'ilink/resend': channel({
    input: DocRef,
    output: IlinkSentRow,
    access: 'manager',
    summary: 'Reenviar um documento recusado para regularização',
  }),
  'ilink/attempts': channel({
    input: DocRef,
    output: z.array(IlinkAttempt),
    access: 'reader',
    summary: 'Tentativas de envio de um documento',
  }),
  'ilink/xml': channel({
    input: DocRef,
    output: z.object({ xml: z.string() }),
    access: 'reader',
    summary: 'XML CIUS-PT de um documento, como vai para o iLink',
  }),
};
