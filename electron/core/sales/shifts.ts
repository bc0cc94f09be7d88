import type { OperatorSummary } from '../../../shared/api/auth';
import type { ShiftView } from '../../../shared/api/sales';
import { PosError } from '../../../shared/errors';
import { Dec, fixed, formatEuro } from '../../../shared/money';
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
  /** What should be in the drawer of a shift now (the X report's drawer figure). */
  drawerExpected: (shift: ShiftRow) => string;
}

/** Shifts (turnos): opening float, pay-ins/outs, drawer opening without sale, blind close. All audited. */
export function createShifts({ ctx, deps, cash, drawerExpected }: ShiftDeps) {
  const { db } = ctx;
  const now = (): string => ctx.clock.now().toISOString();
  const base = createShiftBase(ctx, cash);
  const { operatorName, view, openRow, currentOrThrow, addMovement, machine, machineTotal } = base;
  const money = createShiftCash({ ctx, deps, base, drawerExpected });
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
      // The float is counted in once (issue 9 E.13): into the drawer now, or into the CI-5 when the machine has
      // counted it (finishFloatDeposit), never both.
      if (!depositToMachine) drawerFloat(r.lastInsertRowid, amount, op.id);
      ctx.audit('shifts.open', op.id, {
        shiftId: r.lastInsertRowid,
        openingFloat: amount,
        depositToMachine,
        machineAtOpen: atOpen,
      });
      return db.get(db.k.selectFrom('shift').selectAll().where('id', '=', r.lastInsertRowid))!;
    });
    if (depositToMachine && c) {
      floatCount = null;
      try {
        await c.depositStart('float', op.id, new Dec(amount).gt(0) ? { amount } : {});
      } catch (e) {
        // The cash never went in: the counted float stays in the drawer.
        db.tx(() => {
          db.run(db.k.updateTable('shift').set({ float_deposit_pending: 0 }).where('id', '=', row.id));
          drawerFloat(row.id, amount, op.id);
        });
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

  function drawerFloat(shiftId: number, amount: string, operatorId: number): void {
    addMovement({
      shift_id: shiftId,
      kind: 'float',
      amount,
      via: 'manual',
      reason: 'Fundo de caixa (gaveta)',
      operator_id: operatorId,
      approved_by: null,
    });
  }

  /** The CI-5's running count of the float deposit in progress (null: nothing counted yet, or unknown). */
  let floatCount: string | null = null;
  ctx.events.on('cash/amount-inserted', (e) => {
    if (e.operation === 'float') floatCount = e.inserted;
  });

  /**
   * Ends the CI-5 float deposit. The rule (issue 9 E.13): the float deposited into the machine is what the
   * machine counted, recorded once, in the machine's pool (nothing in the drawer). When the machine's count
   * differs from the declared float, the deposit stays open and the cashier is told (CONFLICT with
   * `details.floatDifference`): insert what is missing, or repeat with `acceptCount` to take the machine's count.
   * Cancelled (the machine returns the cash to the cashier) or never started: the declared float is in the drawer.
   */
  async function finishFloatDeposit(
    op: OperatorSummary,
    cancel: boolean,
    acceptCount = false,
  ): Promise<{ shift: ShiftView; received: string; message: string }> {
    const shift = currentOrThrow();
    if (shift.float_deposit_pending !== 1)
      throw new PosError('CONFLICT', 'Não há depósito de fundo de caixa em curso.');
    const c = machine();
    if (!c) throw new PosError('DEVICE_OFFLINE', 'O CI-5 não está disponível.');
    const declared = shift.opening_float;
    // ASSUMPTION: the running count is the one this process saw (cash/amount-inserted); after a restart in the
    // middle of the deposit it is unknown, and the cashier confirms ending with whatever the machine counted.
    if (!cancel && !acceptCount && floatCount === null && new Dec(declared).gt(0)) {
      throw new PosError(
        'CONFLICT',
        `O CI-5 ainda não contou nada do fundo de ${formatEuro(declared)}. Insira o dinheiro, ou confirme para terminar com o que a máquina contou.`,
        { floatDifference: true, declared, counted: null },
      );
    }
    const counted = floatCount ?? '0.00';
    if (!cancel && !acceptCount && !new Dec(counted).eq(declared)) {
      throw new PosError(
        'CONFLICT',
        `O CI-5 contou ${formatEuro(counted)}, mas declarou um fundo de ${formatEuro(declared)}. Insira o que falta, ou confirme ${formatEuro(counted)} como fundo de caixa.`,
        { floatDifference: true, declared, counted: fixed(counted) },
      );
    }
    const r = await c.depositEnd(cancel);
    const ok = !cancel && (r.outcome === 'success' || r.outcome === 'reconciled');
    const received = ok ? fixed(r.received) : '0.00';
    const returned = cancel || r.outcome === 'cancelled';
    db.tx(() => {
      db.run(
        db.k
          .updateTable('shift')
          .set({
            float_deposit_pending: 0,
            machine_float: received,
            // The shift's float is what was counted in: the machine's count when it took it.
            opening_float: ok ? received : declared,
          })
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
      } else if (returned) {
        drawerFloat(shift.id, declared, op.id);
      }
      ctx.audit('shifts.float-deposit', op.id, {
        shiftId: shift.id,
        declared,
        received,
        accepted: acceptCount,
        cancelled: cancel,
        journalId: r.journalId,
      });
    });
    floatCount = null;
    const differs = ok && !new Dec(received).eq(declared);
    return {
      shift: view(db.get(db.k.selectFrom('shift').selectAll().where('id', '=', shift.id))!),
      received,
      message: returned
        ? `${r.message} O fundo de ${formatEuro(declared)} fica na gaveta.`
        : differs
          ? `Fundo de caixa no CI-5: ${formatEuro(received)} (declarado ${formatEuro(declared)}).`
          : r.message,
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
