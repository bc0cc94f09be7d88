import type { Selectable } from 'kysely';
import type { CashResult } from '../../../shared/api/cash';
import type { CashMovementView, ShiftView } from '../../../shared/api/sales';
import { PosError } from '../../../shared/errors';
import type { CoreContext } from '../context';
import type { ShiftCashMovementTable, ShiftTable } from '../db/schema';

export type ShiftRow = Selectable<ShiftTable>;
export type MovementRow = Selectable<ShiftCashMovementTable>;

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

/**
 * What every shift operation shares: the open shift of this terminal, the views, the cash movement rows and the
 * CI-5 (when present) with its own count.
 */
export function createShiftBase(ctx: CoreContext, cash: () => ShiftCash | null) {
  const { db } = ctx;
  const now = (): string => ctx.clock.now().toISOString();

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

  const byId = (id: number): ShiftRow | undefined =>
    db.get(db.k.selectFrom('shift').selectAll().where('id', '=', id));

  return {
    operatorName,
    view,
    movementView,
    openRow,
    currentOrThrow,
    addMovement,
    machine,
    machineTotal,
    byId,
  };
}
export type ShiftBase = ReturnType<typeof createShiftBase>;
