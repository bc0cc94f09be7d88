import { roleMay, type Access, type ChannelDef, type RoleName } from '../../../shared/api/define';
import {
  channels,
  contract,
  isChannel,
  type Channel,
  type Output,
  type ParsedInput,
} from '../../../shared/api';
import type { OperatorSummary, Session } from '../../../shared/api/auth';
import type { TerminalMode } from '../../../shared/api/system';
import { PosError, type Envelope } from '../../../shared/errors';
import { t } from '../../../shared/i18n';
import type { Logger } from '../log/logger';
import { approvalPin, approvalRequired, sameAccess, type Policy, type Registered } from './policy';
import { zodMessage } from './zod-message';

export type Transport = 'ipc' | 'http' | 'cli' | 'test';

/** What a transport knows about a call. */
export interface CallContext {
  transport: Transport;
  /** Operator session token, sent by the client after login. */
  sessionToken?: string | null;
}

/** What a handler gets: the caller, resolved and checked against the channel's policy. */
export interface HandlerContext {
  channel: Channel;
  transport: Transport;
  session: Session | null;
  operator: OperatorSummary | null;
  /**
   * The manager who approved this call (policy `approval`): the caller if a gerente, else the gerente whose
   * PIN came in `approval.pin` — already checked (and counted toward the PIN lockout) by the dispatcher.
   */
  approver: OperatorSummary | null;
}

export type Handler<C extends Channel> = (
  input: ParsedInput<C>,
  ctx: HandlerContext,
) => Output<C> | Promise<Output<C>>;

/** Every channel's handler, each registered with its policy (electron/core/rpc/policy.ts). */
export type Handlers = { [C in Channel]: Registered<C> };
export type DomainHandlers<C extends Channel> = { [K in C]: Registered<K> };

export interface DispatcherDeps {
  handlers: Handlers;
  resolveSession(token: string): Session | null;
  /** Checks a manager PIN for an approval (rate-limited and audited by AuthService). */
  verifyApproval(pin: string, requestedBy: OperatorSummary, action: string): Promise<OperatorSummary>;
  mode: TerminalMode;
  audit(action: string, operatorId: number | null, details?: Record<string, unknown>): void;
  log: Logger;
}

export type Dispatch = (channel: string, rawInput: unknown, call: CallContext) => Promise<Envelope<unknown>>;

/**
 * The one entry point for every transport: allowlist lookup, session and access check (before the input is
 * even looked at, so an anonymous caller gets 401 whatever it sends), input validation, manager approval,
 * handler, audit, error mapping. It never throws and never hangs on a bad name.
 */
export function createDispatcher(deps: DispatcherDeps): Dispatch {
  const { handlers, log } = deps;
  assertPoliciesMatchContract(handlers);
  return async (name, rawInput, call) => {
    if (typeof name !== 'string' || !isChannel(name)) {
      const err = new PosError(
        'UNKNOWN_CHANNEL',
        t('error.unknownChannel', { name: String(name).slice(0, 80) }),
      );
      log.warn('unknown channel', { channel: String(name).slice(0, 80), transport: call.transport });
      return { ok: false, error: err.toData() };
    }
    const def: ChannelDef = contract[name];
    const registered = handlers[name] as Registered<Channel>;
    const policy: Policy = registered.policy;
    try {
      const session = call.sessionToken ? deps.resolveSession(call.sessionToken) : null;
      const operator = session?.operator ?? null;
      if (policy.who !== 'public' && !operator)
        throw new PosError('UNAUTHENTICATED', t('error.unauthenticated'));
      if (operator && !roleMay(policy.who, operator.role)) throw roleRefusal(policy.who, operator.role);
      if (policy.trainingOnly && deps.mode !== 'training')
        throw new PosError('FORBIDDEN', t('error.trainingOnly'));

      const parsed = def.input.safeParse(rawInput ?? {});
      if (!parsed.success) {
        throw new PosError('VALIDATION', zodMessage(parsed.error), {
          issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
        });
      }

      const approver = await resolveApprover(deps, policy, operator, parsed.data);
      const value = await registered.run(parsed.data as ParsedInput<Channel>, {
        channel: name,
        transport: call.transport,
        session,
        operator,
        approver,
      });
      if (policy.audit) {
        deps.audit(policy.audit, operator?.id ?? null, {
          channel: name,
          transport: call.transport,
          approvedBy: approver?.id ?? null,
        });
      }
      return { ok: true, value };
    } catch (e) {
      const err = toPosError(e);
      err.op ??= name;
      if (err.code === 'INTERNAL') log.error('handler failed', { channel: name, error: errorText(e) });
      else log.warn('call refused', { channel: name, code: err.code, message: err.message });
      return { ok: false, error: err.toData() };
    }
  };
}

/** 403 in pt-PT, naming what the caller's role may do instead. */
function roleRefusal(access: Access, role: RoleName): PosError {
  if (role === 'contabilista')
    return new PosError('FORBIDDEN', t('error.accountantForbidden'), { role, access });
  if (access === 'manager') return new PosError('FORBIDDEN', t('error.managerOnly'), { role, access });
  if (access === 'reader') return new PosError('FORBIDDEN', t('error.readerOnly'), { role, access });
  return new PosError('FORBIDDEN', t('error.roleForbidden'), { role, access });
}

/** The approving manager for a call under an approval rule, or null (the domain rule may not need one). */
async function resolveApprover(
  deps: DispatcherDeps,
  policy: Policy,
  operator: OperatorSummary | null,
  input: unknown,
): Promise<OperatorSummary | null> {
  const rule = policy.approval;
  if (!rule || !operator) return null;
  if (operator.role === 'gerente') return operator;
  const pin = approvalPin(input);
  if (pin !== null) return deps.verifyApproval(pin, operator, rule.action);
  if (rule.when === 'always') throw approvalRequired(rule.action, rule.why);
  return null;
}

/** A policy that says less than the contract (or more) is a wiring mistake: refuse to start. */
function assertPoliciesMatchContract(handlers: Handlers): void {
  for (const c of channels) {
    const r = handlers[c] as Registered<Channel> | undefined;
    if (!r) throw new Error(`No handler registered for ${c}`);
    const access = (contract[c] as ChannelDef).access;
    if (!sameAccess(r.policy.who, access))
      throw new Error(`Policy of ${c} (${r.policy.who}) differs from the contract (${access})`);
  }
}

export const policiesOf = (handlers: Handlers): { readonly [C in Channel]: Policy } =>
  Object.freeze(
    Object.fromEntries(channels.map((c) => [c, handlers[c].policy])) as { [C in Channel]: Policy },
  );

export function toPosError(e: unknown): PosError {
  if (e instanceof PosError) return e;
  return new PosError('INTERNAL', t('error.internal'));
}

const errorText = (e: unknown): string => (e instanceof Error ? (e.stack ?? e.message) : String(e));
