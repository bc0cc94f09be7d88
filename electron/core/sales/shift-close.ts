import type { OperatorSummary } from '../../../shared/api/auth';
import type { ShiftReport, ShiftView } from '../../../shared/api/sales';
import { PosError } from '../../../shared/errors';
import { fixed } from '../../../shared/money';
import type { CoreContext } from '../context';
import type { ShiftBase, ShiftRow } from './shift-base';

/** The blind close: refuses while money is moving or a sale is open, numbers the Z and saves it on the shift. */
export function createShiftClose({
  ctx,
  base,
  payinRunning,
}: {
  ctx: CoreContext;
  base: ShiftBase;
  payinRunning: () => boolean;
}) {
  const { db } = ctx;
  const { currentOrThrow, operatorName, view } = base;

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
      if (payinRunning())
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

  return close;
}
