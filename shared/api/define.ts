import type { z } from 'zod';

/**
 * Who may call a channel:
 * - public: anyone holding the transport token (login screen, health);
 * - operator: a logged-in operator (caixa or gerente);
 * - manager: a logged-in gerente.
 * The server registers each handler with a policy (electron/core/rpc/policy.ts) whose role must equal this
 * `access`; the policy adds what the client need not know in advance: manager *approval* (a gerente's PIN sent
 * by a caixa in `approval.pin`, checked by the dispatcher before the handler), training-only, audit.
 */
export type Access = 'public' | 'operator' | 'manager';

export interface ChannelDef<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  readonly input: I;
  readonly output: O;
  readonly access: Access;
  /** One pt-PT line for the API listing and logs. */
  readonly summary: string;
}

export const channel = <I extends z.ZodType, O extends z.ZodType>(def: ChannelDef<I, O>): ChannelDef<I, O> =>
  def;

/** Merges domain contracts, refusing duplicate names (a spread would silently override). */
export function mergeDefs<T extends Record<string, unknown>>(...parts: Record<string, unknown>[]): T {
  const out: Record<string, unknown> = {};
  for (const part of parts) {
    for (const key of Object.keys(part)) {
      if (Object.prototype.hasOwnProperty.call(out, key)) throw new Error(`Duplicate contract name: ${key}`);
      out[key] = part[key];
    }
  }
  return Object.freeze(out) as T;
}
