import type { OperatorSummary } from '../../../shared/api/auth';
import { PosError } from '../../../shared/errors';
import type { DomainHandlers, HandlerContext } from '../rpc/dispatch';
import { operator, session, withApproval, type ApprovalRule } from '../rpc/policy';
import { approvalFrom } from './approvals';
import type { SalesService } from './service';

type SalesChannels =
  | 'shifts/open'
  | 'shifts/current'
  | 'shifts/finish-float-deposit'
  | 'shifts/cash-movement'
  | 'shifts/finish-machine-payin'
  | 'shifts/open-drawer'
  | 'shifts/report-x'
  | 'shifts/close'
  | 'shifts/print-report'
  | 'shifts/get-report'
  | 'shifts/list'
  | 'sales/current'
  | 'sales/add-line'
  | 'sales/scan'
  | 'sales/set-quantity'
  | 'sales/update-line'
  | 'sales/void-line'
  | 'sales/set-discount'
  | 'sales/set-customer'
  | 'sales/find-customer'
  | 'sales/set-document-type'
  | 'sales/suspend'
  | 'sales/list-suspended'
  | 'sales/recall'
  | 'sales/abandon'
  | 'sales/payment-methods'
  | 'sales/pay-start'
  | 'sales/pay-confirm'
  | 'sales/pay-cancel'
  | 'sales/complete-zero'
  | 'sales/retry-issue'
  | 'sales/find-document'
  | 'sales/reprint'
  | 'sales/return'
  | 'sales/cancel-document';

const who = (h: HandlerContext): OperatorSummary => {
  if (!h.operator) throw new PosError('UNAUTHENTICATED', 'Inicie sessão para continuar.');
  return h.operator;
};

/**
 * Approval rules, one per business action. The same action reached through another channel carries the same
 * rule or a stricter one (manager-only):
 * - price differing from the catalogue / discount above the limit: sales/add-line, sales/update-line,
 *   sales/set-discount here; fiscal/issue-document (free-form prices) is manager-only;
 * - NC (return): sales/return here; fiscal/issue-document (NC/ND) is manager-only;
 * - cancellation: sales/cancel-document here; fiscal/cancel-document is manager-only;
 * - drawer open without a sale: shifts/open-drawer here; printing/open-drawer is manager-only;
 * - cash pay-out: shifts/cash-movement (kind payout) here; cash/payout and cash/cashout are manager-only.
 */
const LINE: ApprovalRule = {
  when: 'if-needed',
  action: 'sales.line-change',
  why: 'alteração de preço ou desconto acima do limite',
};
const DISCOUNT: ApprovalRule = {
  when: 'if-needed',
  action: 'sales.global-discount',
  why: 'desconto acima do limite',
};
const PAYOUT: ApprovalRule = {
  when: 'if-needed',
  action: 'shifts.payout',
  why: 'saída de dinheiro da caixa',
};
// Returns, withdrawals and the drawer: the limits of Gestão › Operadores decide (issue 12 item 6), so 'if-needed'.
const RETURN: ApprovalRule = { when: 'if-needed', action: 'sales.return', why: 'devolução' };
const CANCEL: ApprovalRule = {
  when: 'always',
  action: 'sales.cancel-document',
  why: 'anulação de documento',
};
const DRAWER: ApprovalRule = {
  when: 'if-needed',
  action: 'shifts.open-drawer',
  why: 'abrir a gaveta sem venda',
};

/** Thin: access, validation and approval are done by the dispatcher, rules live in the services. */
export function salesHandlers(s: SalesService): DomainHandlers<SalesChannels> {
  const { cart, checkout, shifts, returns } = s;
  return {
    'shifts/open': operator((i, h) => shifts.open(who(h), i.openingFloat, i.depositToMachine)),
    'shifts/current': operator(() => shifts.current()),
    'shifts/finish-float-deposit': operator((i, h) =>
      shifts.finishFloatDeposit(who(h), i.cancel, i.acceptCount),
    ),
    'shifts/cash-movement': withApproval(PAYOUT, (i, h) =>
      shifts.cashMovement(who(h), { ...i, approval: approvalFrom(h) }),
    ),
    'shifts/finish-machine-payin': operator((i, h) => {
      who(h);
      return shifts.finishMachinePayin(i.cancel);
    }),
    'shifts/open-drawer': withApproval(DRAWER, (i, h) => {
      shifts.openDrawer(who(h), i.reason, approvalFrom(h));
      return { ok: true as const };
    }),
    'shifts/report-x': operator(() => s.reportX()),
    'shifts/close': operator((i, h) => s.closeShift(who(h), i.countedCash, i.print)),
    'shifts/print-report': operator((i, h) => s.printShiftReport(who(h), i.shiftId)),
    'shifts/get-report': session((i) => s.getReport(i.shiftId)),
    'shifts/list': session((i) => shifts.list(i.limit)),

    'sales/current': operator(() => cart.current()),
    'sales/add-line': withApproval(LINE, (i, h) => cart.addLine(who(h), { ...i, approval: approvalFrom(h) })),
    'sales/scan': operator((i, h) => cart.scan(who(h), i.barcode, i.quantity)),
    'sales/set-quantity': operator((i, h) => cart.setQuantity(who(h), i.lineId, i.quantity)),
    'sales/update-line': withApproval(LINE, ({ lineId, ...c }, h) =>
      cart.updateLine(who(h), lineId, { ...c, approval: approvalFrom(h) }),
    ),
    'sales/void-line': operator((i, h) => cart.voidLine(who(h), i.lineId)),
    'sales/set-discount': withApproval(DISCOUNT, (i, h) => cart.setDiscount(who(h), i.pct, approvalFrom(h))),
    'sales/set-customer': operator((i, h) => cart.setCustomer(who(h), i.customer)),
    'sales/find-customer': operator((i) => cart.findCustomers(i.query, i.limit)),
    'sales/set-document-type': operator((i, h) => cart.setDocumentType(who(h), i.type)),
    'sales/suspend': operator((i, h) => cart.suspend(who(h), i.label)),
    'sales/list-suspended': operator(() => cart.listSuspended()),
    'sales/recall': operator((i, h) => cart.recall(who(h), i.saleId)),
    'sales/abandon': operator((i, h) => {
      cart.abandon(who(h), i.reason);
      return { ok: true as const };
    }),
    'sales/payment-methods': operator(() => s.paymentMethods()),
    'sales/pay-start': operator((i, h) => checkout.payStart(who(h), i)),
    'sales/pay-confirm': operator((i, h) => checkout.payConfirm(who(h), i.paymentId, i.approvedAmount)),
    'sales/pay-cancel': operator((i, h) => checkout.payCancel(who(h), i.paymentId)),
    'sales/complete-zero': operator((_i, h) => checkout.completeZeroTotal(who(h))),
    'sales/retry-issue': operator((i, h) => checkout.retryIssue(who(h), i.saleId, i.confirmClockBehind)),
    'sales/find-document': operator((i) => returns.find(i.query)),
    'sales/reprint': operator((i, h) => s.reprint(who(h), i.documentId)),
    'sales/return': withApproval(RETURN, (i, h) =>
      returns.returnLines(who(h), { ...i, approval: approvalFrom(h) }),
    ),
    'sales/cancel-document': withApproval(CANCEL, (i, h) =>
      returns.cancel(who(h), { ...i, approval: approvalFrom(h) }),
    ),
  };
}
