import type { z } from 'zod';

/** The operator roles (issue 12 item 6: contabilista reads and exports the back office, never sells). */
export const ROLES = ['caixa', 'gerente', 'contabilista'] as const;
export type RoleName = (typeof ROLES)[number];

/**
 * Who may call a channel:
 * - public: anyone holding the transport token (login screen, health);
 * - session: any logged-in operator, whatever the role (logout, who am I, look-ups the till and Gestão share);
 * - operator: the till's staff, a caixa or gerente (sales, shifts, cash, drawer) — never a contabilista;
 * - reader: Gestão's reading and exports, a gerente or contabilista;
 * - manager: a logged-in gerente.
 * The server registers each handler with a policy (electron/core/rpc/policy.ts) whose role must equal this
 * `access`; the policy adds what the client need not know in advance: manager *approval* (a gerente's PIN sent
 * by a caixa in `approval.pin`, checked by the dispatcher before the handler), training-only, audit.
 * A new role is refused everywhere it is not named in ACCESS_ROLES (deny by default).
 */
export type Access = 'public' | 'session' | 'operator' | 'reader' | 'manager';

/** The roles each access admits (public: no session needed at all). */
export const ACCESS_ROLES: Readonly<Record<Exclude<Access, 'public'>, readonly RoleName[]>> = Object.freeze({
  session: ['caixa', 'gerente', 'contabilista'],
  operator: ['caixa', 'gerente'],
  reader: ['gerente', 'contabilista'],
  manager: ['gerente'],
});

export const roleMay = (access: Access, role: RoleName): boolean =>
  access === 'public' || ACCESS_ROLES[access].includes(role);

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
