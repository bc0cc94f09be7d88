import type { OperatorSummary } from '../../../shared/api/auth';
import { PosError } from '../../../shared/errors';
import type { DomainHandlers, HandlerContext } from '../rpc/dispatch';
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

/** Thin: validation is done by the dispatcher, rules live in the services. */
export function salesHandlers(s: SalesService): DomainHandlers<SalesChannels> {
  const { cart, checkout, shifts, returns } = s;
  return {
    'shifts/open': (i, h) => shifts.open(who(h), i.openingFloat, i.depositToMachine),
    'shifts/current': () => shifts.current(),
    'shifts/finish-float-deposit': (i, h) => shifts.finishFloatDeposit(who(h), i.cancel, i.acceptCount),
    'shifts/cash-movement': (i, h) => shifts.cashMovement(who(h), i),
    'shifts/finish-machine-payin': (i, h) => {
      who(h);
      return shifts.finishMachinePayin(i.cancel);
    },
    'shifts/open-drawer': (i, h) => {
      shifts.openDrawer(who(h), i.reason, i.approval);
      return { ok: true as const };
    },
    'shifts/report-x': () => s.reportX(),
    'shifts/close': (i, h) => s.closeShift(who(h), i.countedCash, i.print),
    'shifts/print-report': (i, h) => s.printShiftReport(who(h), i.shiftId),
    'shifts/get-report': (i) => s.getReport(i.shiftId),
    'shifts/list': (i) => shifts.list(i.limit),

    'sales/current': () => cart.current(),
    'sales/add-line': (i, h) => cart.addLine(who(h), i),
    'sales/scan': (i, h) => cart.scan(who(h), i.barcode, i.quantity),
    'sales/set-quantity': (i, h) => cart.setQuantity(who(h), i.lineId, i.quantity),
    'sales/update-line': ({ lineId, ...c }, h) => cart.updateLine(who(h), lineId, c),
    'sales/void-line': (i, h) => cart.voidLine(who(h), i.lineId),
    'sales/set-discount': (i, h) => cart.setDiscount(who(h), i.pct, i.approval),
    'sales/set-customer': (i, h) => cart.setCustomer(who(h), i.customer),
    'sales/find-customer': (i) => cart.findCustomers(i.query, i.limit),
    'sales/set-document-type': (i, h) => cart.setDocumentType(who(h), i.type),
    'sales/suspend': (i, h) => cart.suspend(who(h), i.label),
    'sales/list-suspended': () => cart.listSuspended(),
    'sales/recall': (i, h) => cart.recall(who(h), i.saleId),
    'sales/abandon': (i, h) => {
      cart.abandon(who(h), i.reason);
      return { ok: true as const };
    },
    'sales/payment-methods': () => s.paymentMethods(),
    'sales/pay-start': (i, h) => checkout.payStart(who(h), i),
    'sales/pay-confirm': (i, h) => checkout.payConfirm(who(h), i.paymentId, i.approvedAmount),
    'sales/pay-cancel': (i, h) => checkout.payCancel(who(h), i.paymentId),
    'sales/complete-zero': (_i, h) => checkout.completeZeroTotal(who(h)),
    'sales/retry-issue': (i, h) => checkout.retryIssue(who(h), i.saleId, i.confirmClockBehind),
    'sales/find-document': (i) => returns.find(i.query),
    'sales/reprint': (i, h) => s.reprint(who(h), i.documentId),
    'sales/return': (i, h) => returns.returnLines(who(h), i),
    'sales/cancel-document': (i, h) => returns.cancel(who(h), i),
  };
}
