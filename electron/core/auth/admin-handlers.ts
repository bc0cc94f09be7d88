import type { OperatorSummary } from '../../../shared/api/auth';
import { PosError } from '../../../shared/errors';
import type { CoreContext } from '../context';
import type { DomainHandlers, HandlerContext } from '../rpc/dispatch';
import { manager, reader, session } from '../rpc/policy';
import { approvalLimitsHistory, readApprovalLimits, saveApprovalLimits } from '../sales/limits';
import type { OperatorAdmin } from './operators';

type OperatorChannels =
  | 'operators/list'
  | 'operators/save'
  | 'operators/set-active'
  | 'operators/change-pin'
  | 'operators/reset-pin'
  | 'settings/approval-limits'
  | 'settings/set-approval-limits';

const who = (h: HandlerContext): OperatorSummary => {
  if (!h.operator) throw new PosError('UNAUTHENTICATED', 'Inicie sessão para continuar.');
  return h.operator;
};

/** Gestão › Operadores (issue 12 item 6): the gerente manages; the contabilista reads; everyone changes their PIN. */
export function operatorHandlers(ctx: CoreContext, admin: OperatorAdmin): DomainHandlers<OperatorChannels> {
  const limits = () => ({ limits: readApprovalLimits(ctx.db), history: approvalLimitsHistory(ctx.db) });
  return {
    'operators/list': reader(({ includeInactive }) => admin.list(includeInactive)),
    'operators/save': manager(({ id, operator }, h) => admin.save(who(h), id, operator)),
    'operators/set-active': manager(({ id, active }, h) => admin.setActive(who(h), id, active)),
    'operators/change-pin': session(async ({ oldPin, newPin }, h) => {
      await admin.changePin(who(h), oldPin, newPin);
      return { ok: true as const };
    }),
    'operators/reset-pin': manager(({ id, newPin }, h) => {
      admin.resetPin(who(h), id, newPin);
      return { ok: true as const };
    }),
    'settings/approval-limits': reader(limits),
    'settings/set-approval-limits': manager((input, h) => {
      saveApprovalLimits(ctx, who(h).id, input);
      return limits();
    }),
  };
}
