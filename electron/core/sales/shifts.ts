import type { OperatorSummary } from '../../../shared/api/auth';
import type { ShiftView } from '../../../shared/api/sales';
import { PosError } from '../../../shared/errors';
import { fixed } from '../../../shared/money';
import type { CoreContext } from '../context';
import type { SalesDeps } from './ports';
import { createShiftBase, type ShiftCash, type ShiftRow } from './shift-base';
import { createShiftCash } from './shift-cash';
import { createShiftClose } from './shift-close';

export type { ShiftCash, ShiftRow };

interface ShiftDeps {
  ctx: CoreContext;
  deps: SalesDeps;
  cash: () => ShiftCash | null;
}

/** Shifts (turnos): opening float, pay-ins/outs, drawer opening without sale, blind close. All audited. */
export function createShifts({ ctx, deps, cash }: ShiftDeps) {
  const { db } = ctx;
  const now = (): string => ctx.clock.now().toISOString();
  const base = createShiftBase(ctx, cash);
  const { operatorName, view, openRow, currentOrThrow, addMovement, machine, machineTotal } = base;
  const money = createShiftCash({ ctx, deps, base });
  const close = createShiftClose({ ctx, base, payinRunning: money.payinRunning });

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
    row: base.byId,
    cashMovement: money.cashMovement,
    /** Ends (or cancels) the CI-5 pay-in that shifts/cash-movement is waiting on. */
    finishMachinePayin: money.finishMachinePayin,
    openDrawer: money.openDrawer,
    list,
    close,
    operatorName,
  };
}
export type Shifts = ReturnType<typeof createShifts>;
