import type { OperatorSummary } from '../../../shared/api/auth';
import type { CashResult } from '../../../shared/api/cash';
import type { CashMovementView, ShiftReport, ShiftView } from '../../../shared/api/sales';
import { PosError } from '../../../shared/errors';
import { fixed } from '../../../shared/money';
import type { CoreContext } from '../context';
import type { ShiftCashMovementTable, ShiftTable } from '../db/schema';
import type { Selectable } from 'kysely';
import { requireApproval, type ApprovalInput } from './approvals';
import { createMachinePayins } from './machine-payin';
import type { SalesDeps } from './ports';

type ShiftRow = Selectable<ShiftTable>;
type MovementRow = Selectable<ShiftCashMovementTable>;

/** The CI-5 as seen by shifts (float deposit, pay-outs, its own count): the cash service fits it. */
export interface ShiftCash {
  readonly device: unknown;
  depositStart(
    purpose: 'float' | 'deposit',
    operatorId: number | null,
    opts?: { amount?: string; reference?: string },
  ): Promise<{ journalId: number }>;
  depositEnd(cancel: boolean): Promise<CashResult>;
  payout(amount: string, reason: string, operatorId: number | null): Promise<CashResult>;
  inventory(): Promise<{ total: string }>;
}

interface ShiftDeps {
  ctx: CoreContext;
  deps: SalesDeps;
  cash: () => ShiftCash | null;
}

/** Shifts (turnos): opening float, pay-ins/outs, drawer opening without sale, blind close. All audited. */
export function createShifts({ ctx, deps, cash }: ShiftDeps) {
  const { db } = ctx;
  const now = (): string => ctx.clock.now().toISOString();
  const payins = createMachinePayins(ctx);

  const operatorName = (id: number): string =>
    db.get(db.k.selectFrom('operator').select('name').where('id', '=', id))?.name ?? `#${id}`;

  function view(r: ShiftRow): ShiftView {
    return {
      id: r.id,
      terminalId: r.terminal_id,
      operator: { id: r.operator_id, name: operatorName(r.operator_id) },
      status: r.status,
      openedAt: r.opened_at,
      closedAt: r.closed_at,
      openingFloat: r.opening_float,
      machineFloat: r.machine_float,
      floatDepositInProgress: r.float_deposit_pending === 1,
      zNumber: r.z_number,
    };
  }

  const movementView = (m: MovementRow): CashMovementView => ({
    id: m.id,
    shiftId: m.shift_id,
    kind: m.kind,
    amount: m.amount,
    via: m.via,
    reason: m.reason,
    operatorId: m.operator_id,
    approvedBy: m.approved_by,
    at: m.at,
  });

  const openRow = (): ShiftRow | undefined =>
    db.get(
      db.k
        .selectFrom('shift')
        .selectAll()
        .where('terminal_id', '=', ctx.terminalId)
        .where('status', '=', 'open'),
    );

  function currentOrThrow(): ShiftRow {
    const s = openRow();
    if (!s) throw new PosError('CONFLICT', 'Não há turno aberto neste terminal. Abra o turno primeiro.');
    return s;
  }

  function addMovement(m: Omit<MovementRow, 'id' | 'at'>): MovementRow {
    const r = db.run(db.k.insertInto('shift_cash_movement').values({ ...m, at: now() }));
    return db.get(db.k.selectFrom('shift_cash_movement').selectAll().where('id', '=', r.lastInsertRowid))!;
  }

  const machine = (): ShiftCash | null => {
    const c = cash();
    return c && c.device ? c : null;
  };

  async function machineTotal(): Promise<string | null> {
    const c = machine();
    if (!c) return null;
    try {
      return (await c.inventory()).total;
    } catch {
      return null;
    }
  }

  async function open(
    op: OperatorSummary,
    openingFloat: string,
    depositToMachine: boolean,
  ): Promise<ShiftView> {
    const existing = openRow();
    if (existing) {
      throw new PosError(
        'CONFLICT',
        `Já há um turno aberto neste terminal (${operatorName(existing.operator_id)}, desde ${existing.opened_at.slice(11, 16)}). Feche-o antes de abrir outro.`,
        { shiftId: existing.id },
      );
    }
    const amount = fixed(openingFloat);
    const c = machine();
    if (depositToMachine && !c) {
      throw new PosError('DEVICE_OFFLINE', 'O CI-5 não está disponível: abra o turno com o fundo na gaveta.');
    }
    const atOpen = await machineTotal();
    const row = db.tx(() => {
      if (openRow()) throw new PosError('CONFLICT', 'Já há um turno aberto neste terminal.');
      const r = db.run(
        db.k.insertInto('shift').values({
          terminal_id: ctx.terminalId,
          operator_id: op.id,
          status: 'open',
          opened_at: now(),
          opening_float: amount,
          float_deposit_pending: depositToMachine ? 1 : 0,
          machine_at_open: atOpen,
          closed_at: null,
          closed_by: null,
          counted_cash: null,
          z_number: null,
          z_report: null,
        }),
      );
      addMovement({
        shift_id: r.lastInsertRowid,
        kind: 'float',
        amount,
        via: 'manual',
        reason: 'Fundo de caixa (gaveta)',
        operator_id: op.id,
        approved_by: null,
      });
      ctx.audit('shifts.open', op.id, {
        shiftId: r.lastInsertRowid,
        openingFloat: amount,
        depositToMachine,
        machineAtOpen: atOpen,
      });
      return db.get(db.k.selectFrom('shift').selectAll().where('id', '=', r.lastInsertRowid))!;
    });
    if (depositToMachine && c) {
      try {
        await c.depositStart('float', op.id);
      } catch (e) {
        db.run(db.k.updateTable('shift').set({ float_deposit_pending: 0 }).where('id', '=', row.id));
        ctx.audit('shifts.float-deposit-failed', op.id, { shiftId: row.id });
        throw e instanceof PosError
          ? new PosError(
              e.code,
              `Turno aberto, mas o depósito do fundo no CI-5 não começou: ${e.message}`,
              e.details,
            )
          : e;
      }
    }
    ctx.events.emit('shifts/changed', { shiftId: row.id, status: 'open' });
    return view(db.get(db.k.selectFrom('shift').selectAll().where('id', '=', row.id))!);
  }

  /** Ends the CI-5 float deposit: the machine's count is the machine float. */
  async function finishFloatDeposit(
    op: OperatorSummary,
    cancel: boolean,
  ): Promise<{ shift: ShiftView; received: string; message: string }> {
    const shift = currentOrThrow();
    if (shift.float_deposit_pending !== 1)
      throw new PosError('CONFLICT', 'Não há depósito de fundo de caixa em curso.');
    const c = machine();
    if (!c) throw new PosError('DEVICE_OFFLINE', 'O CI-5 não está disponível.');
    const r = await c.depositEnd(cancel);
    const ok = !cancel && (r.outcome === 'success' || r.outcome === 'reconciled');
    const received = ok ? fixed(r.received) : '0.00';
    db.tx(() => {
      db.run(
        db.k
          .updateTable('shift')
          .set({ float_deposit_pending: 0, machine_float: received })
          .where('id', '=', shift.id),
      );
      if (ok) {
        addMovement({
          shift_id: shift.id,
          kind: 'float',
          amount: received,
          via: 'machine',
          reason: 'Fundo de caixa (CI-5)',
          operator_id: op.id,
          approved_by: null,
        });
      }
      ctx.audit('shifts.float-deposit', op.id, {
        shiftId: shift.id,
        received,
        cancelled: cancel,
        journalId: r.journalId,
      });
    });
    return {
      shift: view(db.get(db.k.selectFrom('shift').selectAll().where('id', '=', shift.id))!),
      received,
      message: r.message,
    };
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
    const approvedBy =
      input.kind === 'payout'
        ? requireApproval(deps.auth, op, input.approval, 'shifts.payout', 'saída de dinheiro da caixa')
        : null;
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
    const approvedBy = requireApproval(
      deps.auth,
      op,
      approval,
      'shifts.open-drawer',
      'abrir a gaveta sem venda',
    );
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

  function list(limit: number): ShiftView[] {
    return db
      .all(
        db.k
          .selectFrom('shift')
          .selectAll()
          .where('terminal_id', '=', ctx.terminalId)
          .orderBy('id', 'desc')
          .limit(limit),
      )
      .map(view);
  }

  /** Closes with the blind count and the Z report computed by `report`. */
  function close(
    op: OperatorSummary,
    counted: string,
    report: (shift: ShiftRow, counted: string, zNumber: number) => ShiftReport,
  ): { shift: ShiftView; report: ShiftReport } {
    const out = db.tx(() => {
      const shift = currentOrThrow();
      if (shift.operator_id !== op.id && op.role !== 'gerente') {
        throw new PosError(
          'FORBIDDEN',
          `O turno é de ${operatorName(shift.operator_id)}: só ele/ela ou um gerente o pode fechar.`,
        );
      }
      if (payins.busy())
        throw new PosError('CONFLICT', 'Há uma entrada de dinheiro no CI-5 em curso: termine-a primeiro.');
      const busy = db.get(
        db.k
          .selectFrom('sale')
          .select('id')
          .where('terminal_id', '=', ctx.terminalId)
          .where('status', 'in', ['paying', 'paid']),
      );
      if (busy)
        throw new PosError(
          'CONFLICT',
          'Há uma venda com pagamento por concluir: termine-a antes de fechar o turno.',
        );
      const openSale = db.get(
        db.k
          .selectFrom('sale')
          .select('id')
          .where('terminal_id', '=', ctx.terminalId)
          .where('status', '=', 'open'),
      );
      if (
        openSale &&
        db.get(
          db.k
            .selectFrom('sale_line')
            .select('id')
            .where('sale_id', '=', openSale.id)
            .where('voided', '=', 0),
        )
      ) {
        throw new PosError(
          'CONFLICT',
          'Há uma venda em curso: suspenda-a ou abandone-a antes de fechar o turno.',
        );
      }
      const last = db.get(
        db.k
          .selectFrom('shift')
          .select((eb) => eb.fn.max('z_number').as('z'))
          .where('terminal_id', '=', ctx.terminalId),
      );
      const zNumber = (last?.z ?? 0) + 1;
      const z = report(shift, fixed(counted), zNumber);
      db.run(
        db.k
          .updateTable('shift')
          .set({
            status: 'closed',
            closed_at: z.closedAt,
            closed_by: op.id,
            counted_cash: fixed(counted),
            z_number: zNumber,
            z_report: JSON.stringify(z),
          })
          .where('id', '=', shift.id),
      );
      ctx.audit('shifts.close', op.id, {
        shiftId: shift.id,
        zNumber,
        counted: fixed(counted),
        expected: z.cash.expected,
        difference: z.cash.drawer.difference,
      });
      return {
        shift: view(db.get(db.k.selectFrom('shift').selectAll().where('id', '=', shift.id))!),
        report: z,
      };
    });
    ctx.events.emit('shifts/changed', { shiftId: out.shift.id, status: 'closed' });
    return out;
  }

  return {
    open,
    finishFloatDeposit,
    machineTotal,
    current: (): ShiftView | null => {
      const s = openRow();
      return s ? view(s) : null;
    },
    currentId: (): number | null => openRow()?.id ?? null,
    currentRow: currentOrThrow,
    row: (id: number): ShiftRow | undefined =>
      db.get(db.k.selectFrom('shift').selectAll().where('id', '=', id)),
    cashMovement,
    /** Ends (or cancels) the CI-5 pay-in that shifts/cash-movement is waiting on. */
    finishMachinePayin: (cancel: boolean) => payins.finish(cancel),
    openDrawer,
    list,
    close,
    operatorName,
  };
}
export type Shifts = ReturnType<typeof createShifts>;
export type { ShiftRow };
