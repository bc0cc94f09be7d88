import type { OperatorSummary } from '../../../shared/api/auth';
import type { ShiftReport } from '../../../shared/api/sales';
import { PosError } from '../../../shared/errors';
import { DEFAULT_MECHANISMS } from '../../../shared/fiscal/payments';
import type { CoreContext } from '../context';
import { createCart } from './cart';
import { createCheckout } from './checkout';
import { readSalesConfig } from './config';
import { createCardProvider } from './payments/card';
import { createCashMachineProvider, type CashMachinePort } from './payments/cash-machine';
import { createCashManualProvider } from './payments/cash-manual';
import type { PaymentProvider } from './payments/provider';
import { createProviderRegistry } from './payments/registry';
import type { SalesDeps } from './ports';
import { createReports, upgradeSavedReport, type SavedReport } from './reports';
import { createCashReviewSettler } from './cash-review';
import { createRecovery } from './recovery';
import { createReturns } from './returns';
import { createSaleViews } from './sale-view';
import { createShifts, type ShiftCash } from './shifts';
import { createSaleStore } from './store';
import { createTotals } from './totals';

export interface SalesServiceDeps extends SalesDeps {
  /** The cash service (core.cash): CI-5 payments, float deposit, pay-outs and its own count. */
  cash?: () => (CashMachinePort & ShiftCash) | null;
  /** Extra providers (PayPay later). */
  providers?: PaymentProvider[];
}

/**
 * The sales core: shifts, the persisted cart, the document decision, payments through providers, issuing
 * through the fiscal core, printing through the print queue, returns, X/Z reports and crash recovery.
 */
export interface RecoveryReport {
  reconciled: number;
  issued: number;
  failed: number;
  interruptedRefunds: number;
  /** Payments still of unknown outcome when the first pass ended (settled later, or by a manager). */
  unknown?: number;
}

export function createSalesService(ctx: CoreContext, deps: SalesServiceDeps) {
  const store = createSaleStore(ctx.db, ctx.terminalId);
  const totals = createTotals(ctx.db, ctx.clock);
  const providers = createProviderRegistry();
  providers.register(createCashManualProvider(() => deps.printing?.() ?? null));
  if (deps.cash) providers.register(createCashMachineProvider(ctx, deps.cash));
  providers.register(createCardProvider());
  for (const p of deps.providers ?? []) providers.register(p);
  const config = () => readSalesConfig(ctx.db);
  const views = createSaleViews(store, totals, providers, config);
  const shifts = createShifts({
    ctx,
    deps,
    cash: () => deps.cash?.() ?? null,
    // Lazy: the reports read the shifts' operator names, so they are built after the shifts.
    drawerExpected: (shift) => reports.build(shift, 'X', null, null, null).cash.drawer.expected,
  });
  const currentShiftId = shifts.currentId;
  const cart = createCart({ ctx, deps, store, views, config, currentShiftId });
  const checkout = createCheckout({
    ctx,
    deps,
    store,
    views,
    providers,
    currentShiftId,
    onUnknown: (paymentId) => void recovery.track(paymentId),
  });
  const reports = createReports(ctx, providers, shifts.operatorName);
  const recovery = createRecovery({ ctx, providers, record: checkout.record, issue: checkout.issue });
  // Issue 9 A.3: the manager's decision on cash an interrupted CI-5 payment left in the machine.
  deps
    .cash?.()
    ?.setReviewSettler?.(
      createCashReviewSettler({ ctx, store, views, record: checkout.record, issue: checkout.issue }),
    );
  const returns = createReturns({ ctx, deps, providers, currentShiftId, print: checkout.print });

  const machineTotal = shifts.machineTotal;

  async function reportX(): Promise<ShiftReport> {
    return reports.build(shifts.currentRow(), 'X', null, await machineTotal(), null);
  }

  /** Queues an X/Z on paper; the printer never fails a close (the Z is saved on the shift either way). */
  function printReport(
    report: ShiftReport,
    operatorId: number,
  ): { printQueued: boolean; printMessage: string | null } {
    const printing = deps.printing?.() ?? null;
    if (!printing)
      return { printQueued: false, printMessage: 'Impressão não configurada: o relatório ficou gravado.' };
    try {
      printing.enqueueReport(report, { operatorId });
      return { printQueued: true, printMessage: null };
    } catch (e) {
      ctx.log.warn('report print enqueue failed', { error: e instanceof Error ? e.message : String(e) });
      return {
        printQueued: false,
        printMessage: `${e instanceof PosError ? e.message : 'Não foi possível imprimir o relatório.'} O relatório ficou gravado; pode reimprimi-lo no histórico de turnos.`,
      };
    }
  }

  async function closeShift(op: OperatorSummary, counted: string, print = false) {
    const machine = await machineTotal();
    const closed = shifts.close(op, counted, (shift, c, z) => reports.build(shift, 'Z', c, machine, z));
    const printed = print ? printReport(closed.report, op.id) : { printQueued: false, printMessage: null };
    return { ...closed, ...printed };
  }

  /** Prints the X of the open shift, or the saved Z of a closed one (a reprint comes out as "2.ª via"). */
  async function printShiftReport(op: OperatorSummary, shiftId?: number) {
    const report = shiftId === undefined ? await reportX() : await getReport(shiftId);
    return { report, ...printReport(report, op.id) };
  }

  async function getReport(shiftId: number): Promise<ShiftReport> {
    const row = shifts.row(shiftId);
    if (!row || row.terminal_id !== ctx.terminalId) throw new PosError('NOT_FOUND', 'Turno inexistente.');
    if (row.z_report) return upgradeSavedReport(JSON.parse(row.z_report) as SavedReport);
    return reports.build(row, 'X', null, await machineTotal(), null);
  }

  function paymentMethods() {
    return providers.list().map((p) => {
      const a = p.availability();
      return {
        id: p.id,
        name: p.name,
        mechanism: DEFAULT_MECHANISMS[p.fiscalMethod] ?? p.mechanism,
        available: a.available,
        unavailableReason: a.reason,
        givesChange: p.givesChange,
        needsConfirmation: p.needsConfirmation,
      };
    });
  }

  function reprint(op: OperatorSummary, documentId: number): { queued: boolean; message: string | null } {
    deps.fiscal.get(documentId);
    const printing = deps.printing?.() ?? null;
    if (!printing) return { queued: false, message: 'Impressão não configurada neste terminal.' };
    try {
      printing.reprint(documentId, op.id);
      // Queued is not printed: say so when the printer has not answered (issue 15 item 6).
      return { queued: true, message: printing.queuedNote?.() ?? null };
    } catch (e) {
      return {
        queued: false,
        message: e instanceof PosError ? e.message : 'Não foi possível pôr o documento na fila de impressão.',
      };
    }
  }

  let recovering: Promise<RecoveryReport> | null = null;
  /** Start-up recovery (payments, documents of paid sales, interrupted refunds). */
  async function recover(): Promise<RecoveryReport> {
    const r = await recovery.recover();
    const stuck = ctx.db.run(
      ctx.db.k
        .updateTable('sale_return')
        .set({
          status: 'failed',
          message: 'Reembolso interrompido (o programa parou): confirme se o cliente recebeu o dinheiro.',
        })
        .where('status', '=', 'pending'),
    );
    return { ...r, interruptedRefunds: stuck.changes };
  }

  /** Runs recovery once in the background (core start-up: a slow cash machine must not hold the till). */
  function startRecovery(): Promise<RecoveryReport> {
    recovering ??= recover().catch((e: unknown) => {
      ctx.log.error('sales recovery failed', { error: e instanceof Error ? e.message : String(e) });
      return { reconciled: 0, issued: 0, failed: 0, interruptedRefunds: 0 };
    });
    return recovering;
  }

  return {
    cart,
    checkout,
    shifts,
    returns,
    reportX,
    closeShift,
    printShiftReport,
    getReport,
    paymentMethods,
    reprint,
    recover,
    startRecovery,
    /** Resolves when start-up recovery is over (tests; the UI may show a notice meanwhile). */
    whenRecovered: (): Promise<RecoveryReport> =>
      recovering ?? Promise.resolve({ reconciled: 0, issued: 0, failed: 0, interruptedRefunds: 0 }),
    registerProvider: (p: PaymentProvider) => providers.register(p),
    /** Settles an awaiting payment from outside (e.g. a PayPay callback). */
    confirmPayment: (op: OperatorSummary, paymentId: number, amount: string) =>
      checkout.payConfirm(op, paymentId, amount),
  };
}
export type SalesService = ReturnType<typeof createSalesService>;
