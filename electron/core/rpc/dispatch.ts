import type { ChannelDef } from '../../../shared/api/define';
import { contract, isChannel, type Channel, type Output, type ParsedInput } from '../../../shared/api';
import type { OperatorSummary, Session } from '../../../shared/api/auth';
import { PosError, type Envelope } from '../../../shared/errors';
import { t } from '../../../shared/i18n';
import type { Logger } from '../log/logger';
import { zodMessage } from './zod-message';

export type Transport = 'ipc' | 'http' | 'cli' | 'test';

/** What a transport knows about a call. */
export interface CallContext {
  transport: Transport;
  /** Operator session token, sent by the client after login. */
  sessionToken?: string | null;
}

/** What a handler gets: the caller, resolved and checked against the channel's access rule. */
export interface HandlerContext {
  channel: Channel;
  transport: Transport;
  session: Session | null;
  operator: OperatorSummary | null;
}

export type Handler<C extends Channel> = (
  input: ParsedInput<C>,
  ctx: HandlerContext,
) => Output<C> | Promise<Output<C>>;

export type Handlers = { [C in Channel]: Handler<C> };
export type DomainHandlers<C extends Channel> = { [K in C]: Handler<K> };

export interface DispatcherDeps {
  handlers: Handlers;
  resolveSession(token: string): Session | null;
  log: Logger;
}

export type Dispatch = (channel: string, rawInput: unknown, call: CallContext) => Promise<Envelope<unknown>>;

/**
 * The one entry point for every transport: allowlist lookup, input validation, access check, handler,
 * error mapping. It never throws and never hangs on a bad name.
 */
export function createDispatcher(deps: DispatcherDeps): Dispatch {
  const { handlers, log } = deps;
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
    try {
      const parsed = def.input.safeParse(rawInput ?? {});
      if (!parsed.success) {
        throw new PosError('VALIDATION', zodMessage(parsed.error), {
          issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
        });
      }
      const session = call.sessionToken ? deps.resolveSession(call.sessionToken) : null;
      if (def.access !== 'public' && !session)
        throw new PosError('UNAUTHENTICATED', t('error.unauthenticated'));
      if (def.access === 'manager' && session?.operator.role !== 'gerente') {
        throw new PosError('FORBIDDEN', t('error.managerOnly'));
      }
      const handler = handlers[name] as Handler<Channel>;
      const value = await handler(parsed.data as ParsedInput<Channel>, {
        channel: name,
        transport: call.transport,
        session,
        operator: session?.operator ?? null,
      });
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

export function toPosError(e: unknown): PosError {
  if (e instanceof PosError) return e;
  return new PosError('INTERNAL', t('error.internal'));
}

const errorText = (e: unknown): string => (e instanceof Error ? (e.stack ?? e.message) : String(e));
