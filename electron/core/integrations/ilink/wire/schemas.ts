import { z } from 'zod';

/**
 * iLink's JSON shapes, as far as the public documentation shows them (paypay-ilink-ciuspt.md §2.3–2.5, §6.3).
 * Parsed defensively: `success` may be a boolean or the string "true" (the paged envelopes), unknown fields
 * pass through, aliases may be objects `{alias, description}` or plain strings (the third-party mock).
 * ASSUMPTION (marked invented in §6.3): the states-report event shape and the accept/reject body.
 */

const Success = z
  .union([z.boolean(), z.enum(['true', 'false'])])
  .transform((v) => v === true || v === 'true');
const Msg = z.object({ code: z.string(), msg: z.string().default('') }).passthrough();

/** `{alias, description}` or a plain string → `{alias, description}`. */
const Alias = z
  .union([
    z.object({ alias: z.string(), description: z.string().nullish() }).passthrough(),
    z.string().transform((s) => ({ alias: s, description: s })),
  ])
  .transform((a) => ({ alias: a.alias, description: a.description ?? '' }));

export const TokenResponse = z.object({
  access_token: z.string().min(1),
  token_type: z.string().default('Bearer'),
  expires_in: z.coerce.number().int().positive().default(1800),
  scope: z.string().optional(),
});
export type TokenResponse = z.infer<typeof TokenResponse>;

/** `errors` is an array (e069) or an object keyed by field (`{"supplier":{"code":"e199",…}}`). */
export const ErrorEnvelope = z.object({
  success: Success.optional(),
  errors: z.union([z.array(Msg), z.record(z.string(), z.union([Msg, z.array(Msg)]))]).optional(),
  message: z.union([Msg, z.string()]).optional(),
});
export type ErrorEnvelope = z.infer<typeof ErrorEnvelope>;

/** The first partner error of an envelope, whatever its shape. */
export function firstError(e: ErrorEnvelope): { code: string; msg: string; field?: string } | null {
  if (Array.isArray(e.errors)) return e.errors[0] ?? null;
  if (e.errors) {
    for (const [field, v] of Object.entries(e.errors)) {
      const m = Array.isArray(v) ? v[0] : v;
      if (m) return { ...m, field };
    }
  }
  if (e.message && typeof e.message === 'object' && e.success === false) return e.message;
  return null;
}

export const IssuedDocument = z
  .object({
    id: z.coerce.string().min(1),
    number: z.coerce.string().optional(),
    emission_date: z.string().optional(),
    state_document: Alias.optional(),
    state_edi_document: Alias.nullish(),
  })
  .passthrough();

/** 201 s011 (created) / 200 s012 (resent after regularization). */
export const SendResponse = z.object({
  success: Success,
  message: Msg.optional(),
  response: z.object({ data: IssuedDocument }),
});
export type SendResponse = z.infer<typeof SendResponse>;

const Paged = <T extends z.ZodTypeAny>(item: T) =>
  z.object({
    success: Success,
    response: z
      .object({
        data: z.array(item),
        current_page: z.coerce.number().int().optional(),
        last_page: z.coerce.number().int().optional(),
        total: z.coerce.number().int().optional(),
      })
      .passthrough(),
  });

export const StateEvent = z
  .object({
    id: z.coerce.string().min(1),
    document: z.object({ id: z.coerce.string(), number: z.coerce.string().optional() }).passthrough(),
    state_document: Alias,
    state_edi_document: Alias.nullish(),
    reasons: z.array(z.object({ reason: z.string(), created_at: z.string().optional() })).default([]),
    created_at: z.string().optional(),
  })
  .passthrough();
export type StateEvent = z.infer<typeof StateEvent>;
export const StatesReport = Paged(StateEvent);

export const ReceivedSummary = z
  .object({ id: z.coerce.string().min(1), number: z.coerce.string().optional() })
  .passthrough();
export const DocumentList = Paged(ReceivedSummary);

export const Attachment = z
  .object({
    type: z.string(),
    file: z.string().min(1),
    ubl_type: z.string().optional(),
  })
  .passthrough();

export const DocumentDetail = z.object({
  success: Success,
  response: z.object({
    data: z
      .object({
        id: z.coerce.string(),
        number: z.coerce.string().optional(),
        attachments: z.array(Attachment).default([]),
      })
      .passthrough(),
  }),
});
export type DocumentDetail = z.infer<typeof DocumentDetail>;

export const OkEnvelope = z.object({ success: Success, message: Msg.optional() }).passthrough();
