import type { OperatorSummary } from '../../../shared/api/auth';
import { approvalRequired } from '../rpc/policy';

/**
 * A manager approval already checked by the dispatcher (policy `approval`, electron/core/rpc/policy.ts): the
 * PIN was verified there — asynchronously, rate-limited and audited by AuthService — so the domain rules below
 * only decide whether an approval is needed and record who gave it.
 */
export interface ApprovalInput {
  readonly approver: OperatorSummary;
}

/** The approval the dispatcher resolved for this call, in the shape the domain services take. */
export const approvalFrom = (h: { approver: OperatorSummary | null }): ApprovalInput | undefined =>
  h.approver ? { approver: h.approver } : undefined;

/**
 * Manager approval for a sensitive action. A logged-in gerente approves their own action; a caixa needs a
 * gerente's approval (their PIN in `approval.pin`, checked by the dispatcher). Returns the approver's id.
 * Without one the call fails with MANAGER_APPROVAL_REQUIRED so the screen can ask for a PIN and repeat the call.
 * The first parameter is no longer used (the PIN is not checked here any more); it is kept so that the domain
 * call sites stay as they are while the issue-9 branches are merged.
 */
export function requireApproval(
  _auth: unknown,
  operator: OperatorSummary,
  approval: ApprovalInput | undefined,
  action: string,
  why: string,
): number {
  if (operator.role === 'gerente') return operator.id;
  if (!approval) throw approvalRequired(action, why);
  if (approval.approver.role !== 'gerente') throw approvalRequired(action, why);
  return approval.approver.id;
}
