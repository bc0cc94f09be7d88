import type { OperatorSummary } from '../../../shared/api/auth';
import type { CashMovementView } from '../../../shared/api/sales';
import { PosError } from '../../../shared/errors';
import { Dec, fixed, formatEuro } from '../../../shared/money';
import type { CoreContext } from '../context';
import { requireApproval, type ApprovalInput } from './approvals';
import { readSalesConfig } from './config';
import { createMachinePayins } from './machine-payin';
import type { SalesDeps } from './ports';
import type { ShiftBase, ShiftRow } from './shift-base';

/**
 * Money in and out of the till during a shift: pay-ins and pay-outs (drawer or CI-5, pay-outs with a manager's
 * approval), and opening the drawer without a sale. The drawer opens through printing (journaled who/why).
 */
export function createShiftCash({
  ctx,
  deps,
  base,
  drawerExpected,
}: {
  ctx: CoreContext;
  deps: SalesDeps;
  base: ShiftBase;
  /** What should be in the drawer now (the X report's figure). */
  drawerExpected: (shift: ShiftRow) => string;
}) {
  const { currentOrThrow, addMovement, machine, movementView } = base;
  const payins = createMachinePayins(ctx);

  /**
   * A pay-out can only take what is there (issue 9 E.12): from the drawer, what the shift expects in it; from the
   * CI-5, what the machine itself says it can dispense (its inventory, asked now).
   */
  async function checkPayoutAvailable(shift: ShiftRow, amount: string, via: 'manual' | 'machine') {
    let available: string;
    if (via === 'machine') {
      const c = machine();
      if (!c)
        throw new PosError('DEVICE_OFFLINE', 'O CI-5 não está disponível: faça o movimento pela gaveta.');
      try {
        available = (await c.inventory()).total;
      } catch (e) {
        throw new PosError(
          'DEVICE_ERROR',
          `Não foi possível saber quanto dinheiro tem o CI-5, por isso a saída não foi feita${e instanceof PosError ? `: ${e.message}` : '.'}`,
        );
      }
      if (new Dec(amount).gt(available))
        throw new PosError(
          'VALIDATION',
          `Não é possível retirar ${formatEuro(amount)} do CI-5: a máquina só tem ${formatEuro(available)} disponíveis.`,
          { available: fixed(available) },
        );
      return;
    }
    available = drawerExpected(shift);
    if (new Dec(amount).gt(available))
      throw new PosError(
        'VALIDATION',
        `Não é possível retirar ${formatEuro(amount)} da gaveta: só devem estar lá ${formatEuro(Dec.max(available, 0))}.`,
        { available: fixed(available) },
      );
  }

  async function cashMovement(
    op: OperatorSummary,
    input: {
      kind: 'payin' | 'payout';
      amount: string;
      reason: string;
      via: 'manual' | 'machine';
      approval?: ApprovalInput;
    },
  ): Promise<CashMovementView> {
    const shift = currentOrThrow();
    // Above the limit of Gestão › Operadores (0,00 by default: every withdrawal) a caixa needs a gerente.
    const limit = readSalesConfig(ctx.db).payoutAmount;
    const approvedBy =
      input.kind === 'payout' && (new Dec(input.amount).gt(limit) || op.role === 'gerente')
        ? requireApproval(
            deps.auth,
            op,
            input.approval,
            'shifts.payout',
            new Dec(limit).isZero()
              ? 'saída de dinheiro da caixa'
              : `saída de dinheiro acima de ${formatEuro(limit)}`,
          )
        : null;
    // After the approval: the refusal names what the drawer should hold, which a cashier must not learn
    // by probing before the blind count at close.
    if (input.kind === 'payout') await checkPayoutAvailable(shift, fixed(input.amount), input.via);
    let amount = fixed(input.amount);
    if (input.via === 'machine') {
      const c = machine();
      if (!c)
        throw new PosError('DEVICE_OFFLINE', 'O CI-5 não está disponível: faça o movimento pela gaveta.');
      if (input.kind === 'payin') {
        // Blocks until the machine has counted the amount (or shifts/finish-machine-payin); what counts is the
        // machine's count.
        const got = await payins.collect(c, {
          amount,
          reference: `turno ${shift.id} entrada: ${input.reason}`.slice(0, 60),
          operatorId: op.id,
        });
        amount = got.received;
      } else {
        const r = await c.payout(amount, input.reason, op.id);
        if (r.outcome !== 'success')
          throw new PosError('DEVICE_ERROR', r.message || 'O CI-5 não concluiu o pagamento.');
      }
    } else {
      kickDrawer(op.id, `${input.kind === 'payout' ? 'Saída' : 'Entrada'} de dinheiro: ${input.reason}`);
    }
    const m = addMovement({
      shift_id: shift.id,
      kind: input.kind,
      amount,
      via: input.via,
      reason: input.reason,
      operator_id: op.id,
      approved_by: approvedBy,
    });
    ctx.audit(`shifts.${input.kind}`, op.id, {
      shiftId: shift.id,
      amount,
      reason: input.reason,
      via: input.via,
      approvedBy,
    });
    return movementView(m);
  }

  function kickDrawer(operatorId: number, reason: string): boolean {
    const p = deps.printing?.() ?? null;
    if (!p) return false;
    try {
      p.openDrawer(operatorId, reason);
      return true;
    } catch {
      return false;
    }
  }

  function openDrawer(op: OperatorSummary, reason: string, approval?: ApprovalInput): void {
    const shift = currentOrThrow();
    // Gestão › Operadores › Limites may let a caixa open the drawer alone (audited all the same).
    const approvedBy =
      readSalesConfig(ctx.db).drawerOpenNeedsManager || op.role === 'gerente'
        ? requireApproval(deps.auth, op, approval, 'shifts.open-drawer', 'abrir a gaveta sem venda')
        : null;
    if (!deps.printing?.())
      throw new PosError('DEVICE_OFFLINE', 'Não há gaveta ligada a uma impressora neste terminal.');
    if (!kickDrawer(op.id, reason))
      throw new PosError('DEVICE_ERROR', 'Não foi possível abrir a gaveta. Verifique a impressora.');
    addMovement({
      shift_id: shift.id,
      kind: 'drawer-open',
      amount: '0.00',
      via: 'manual',
      reason,
      operator_id: op.id,
      approved_by: approvedBy,
    });
    ctx.audit('shifts.open-drawer', op.id, { shiftId: shift.id, reason, approvedBy });
  }

  return {
    cashMovement,
    openDrawer,
    /** Ends (or cancels) the CI-5 pay-in that shifts/cash-movement is waiting on. */
    finishMachinePayin: (cancel: boolean) => payins.finish(cancel),
    payinRunning: (): boolean => payins.busy(),
  };
}
