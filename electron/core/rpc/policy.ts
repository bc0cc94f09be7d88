import type { Access } from '../../../shared/api/define';
import type { Channel } from '../../../shared/api';
import { PosError } from '../../../shared/errors';
import type { Handler } from './dispatch';

/**
 * Who may do what, declared once where each handler is registered (electron/core/<domain>/handlers.ts) and
 * enforced by the dispatcher before the handler runs — for every transport (ipc, http, cli, test). A business
 * action reached through two channels must carry the same rule (see the table in handlers' comments).
 *
 * - `who`: the caller's role; equal to the contract's `access` (the client sees the same rule; the dispatcher
 *   refuses to start when they drift apart).
 * - `approval`: a manager's approval. 'always': the caller is a gerente, or a caixa sends a gerente's PIN in
 *   `approval.pin` (checked before the handler, counted toward the PIN lockout). 'if-needed': the domain rule
 *   decides (a price differing from the catalogue, a discount above the limit, a pay-out); a PIN that is sent is
 *   still checked (and counted) by the dispatcher, and the handler receives the approver in `ctx.approver`.
 * - `trainingOnly`: simulator and fault-injection channels, refused outside training mode.
 * - `audit`: an audit row the dispatcher writes once the handler succeeded (who, approver, transport).
 */
export interface ApprovalRule {
  readonly when: 'always' | 'if-needed';
  /** Audit name of the action (as the domain's requireApproval names it). */
  readonly action: string;
  /** pt-PT: why a manager is needed, shown in the approval dialog. */
  readonly why: string;
}

export interface Policy {
  readonly who: Access;
  readonly approval?: ApprovalRule;
  readonly trainingOnly?: boolean;
  readonly audit?: string;
}

export interface Registered<C extends Channel> {
  readonly policy: Policy;
  readonly run: Handler<C>;
}

export const handle = <C extends Channel>(policy: Policy, run: Handler<C>): Registered<C> => ({
  policy,
  run,
});

/** Shorthands for the common rules. */
export const publicCall = <C extends Channel>(run: Handler<C>): Registered<C> =>
  handle({ who: 'public' }, run);
export const operator = <C extends Channel>(run: Handler<C>): Registered<C> =>
  handle({ who: 'operator' }, run);
/** Any logged-in operator, the contabilista included (look-ups the till and Gestão share). */
export const session = <C extends Channel>(run: Handler<C>): Registered<C> => handle({ who: 'session' }, run);
/** Gestão's reading and exports: a gerente or a contabilista (issue 12 item 6). */
export const reader = <C extends Channel>(run: Handler<C>): Registered<C> => handle({ who: 'reader' }, run);
export const manager = <C extends Channel>(run: Handler<C>, audit?: string): Registered<C> =>
  handle({ who: 'manager', ...(audit ? { audit } : {}) }, run);
export const withApproval = <C extends Channel>(approval: ApprovalRule, run: Handler<C>): Registered<C> =>
  handle({ who: 'operator', approval }, run);
export const trainingOnly = <C extends Channel>(run: Handler<C>): Registered<C> =>
  handle({ who: 'operator', trainingOnly: true }, run);

/** Fault injection into the training simulator: the manager's, in training mode only (issue 15 item 9). */
export const trainingManager = <C extends Channel>(run: Handler<C>): Registered<C> =>
  handle({ who: 'manager', trainingOnly: true }, run);

/** The refusal the screen answers with the manager-PIN dialog (then repeats the call with `approval`). */
export function approvalRequired(action: string, why: string): PosError {
  return new PosError(
    'MANAGER_APPROVAL_REQUIRED',
    `É necessária a autorização de um gerente: ${why}. Peça ao gerente que introduza o PIN.`,
    { action, reason: why },
  );
}

/** Accesses are not ranked (a contabilista may read what a caixa may not, and the other way round). */
export const sameAccess = (a: Access, b: Access): boolean => a === b;

/** The PIN a call carries in `approval.pin`, if any (the contract's Approval schema). */
export function approvalPin(input: unknown): string | null {
  if (typeof input !== 'object' || input === null || !('approval' in input)) return null;
  const a: unknown = input.approval;
  if (typeof a !== 'object' || a === null || !('pin' in a)) return null;
  return typeof a.pin === 'string' ? a.pin : null;
}
