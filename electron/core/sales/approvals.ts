import type { OperatorSummary } from '../../../shared/api/auth';
import { PosError } from '../../../shared/errors';
import type { AuthService } from '../auth/service';

export interface ApprovalInput {
  pin: string;
}

/**
 * Manager approval for a sensitive action. A logged-in gerente approves their own action; a caixa needs a
 * gerente's PIN (`approval.pin`), checked and audited by AuthService.verifyManager. Returns the approver's id.
 * Without a PIN the call fails with MANAGER_APPROVAL_REQUIRED so the screen can ask for one and repeat the call.
 */
export function requireApproval(
  auth: Pick<AuthService, 'verifyManager'>,
  operator: OperatorSummary,
  approval: ApprovalInput | undefined,
  action: string,
  why: string,
): number {
  if (operator.role === 'gerente') return operator.id;
  if (!approval) {
    throw new PosError(
      'MANAGER_APPROVAL_REQUIRED',
      `É necessária a autorização de um gerente: ${why}. Peça ao gerente que introduza o PIN.`,
      { action, reason: why },
    );
  }
  return auth.verifyManager(approval.pin, operator.id, action).id;
}
