import { PosError } from '../../../shared/errors';
import type { DomainHandlers } from '../rpc/dispatch';
import { operator, publicCall, session } from '../rpc/policy';
import type { AuthService } from './service';

type AuthChannels =
  'auth/list-operators' | 'auth/login' | 'auth/logout' | 'auth/whoami' | 'auth/verify-manager';

export function authHandlers(auth: AuthService): DomainHandlers<AuthChannels> {
  return {
    'auth/list-operators': publicCall(() => auth.listOperators()),
    'auth/login': publicCall(({ operatorId, pin }) => auth.login(operatorId, pin)),
    'auth/logout': session((_input, ctx) => {
      if (ctx.session) auth.logout(ctx.session.token);
      return { ok: true as const };
    }),
    'auth/whoami': session((_input, ctx) => {
      if (!ctx.session) throw new PosError('UNAUTHENTICATED', 'Sem sessão.');
      return ctx.session;
    }),
    'auth/verify-manager': operator(({ pin }, ctx) =>
      auth.verifyManager(pin, ctx.operator?.id ?? null, 'verify'),
    ),
  };
}
