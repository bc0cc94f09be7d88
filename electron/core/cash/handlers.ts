import { PosError } from '../../../shared/errors';
import { fromCents, toCents } from '../../../shared/money';
import type { CoreContext } from '../context';
import type { DomainHandlers } from '../rpc/dispatch';
import { manager, operator, trainingManager, trainingOnly } from '../rpc/policy';
import type { CashService } from './service';
import { devidFor } from './pieces';

type CashChannel =
  | 'cash/status'
  | 'cash/sale'
  | 'cash/cancel-sale'
  | 'cash/deposit-start'
  | 'cash/deposit-end'
  | 'cash/replenish-start'
  | 'cash/replenish-end'
  | 'cash/payout'
  | 'cash/cashout'
  | 'cash/collect'
  | 'cash/inventory'
  | 'cash/reset'
  | 'cash/exit-cover'
  | 'cash/unit-lock'
  | 'cash/journal'
  | 'cash/review-list'
  | 'cash/review-acknowledge'
  | 'cash/review-resolve'
  | 'cash/sim-insert'
  | 'cash/sim-take'
  | 'cash/sim-fault'
  | 'cash/sim-clear';

export function cashHandlers(ctx: CoreContext, cash: CashService): DomainHandlers<CashChannel> {
  const op = (h: { operator: { id: number } | null }): number | null => h.operator?.id ?? null;
  /** Simulator controls exist only in training mode with the in-process simulator. */
  const sim = () => {
    const s = cash.simulator;
    if (ctx.mode !== 'training' || !s) {
      throw new PosError(
        'FORBIDDEN',
        'O simulador da máquina de numerário só está disponível no modo de formação.',
      );
    }
    return s.machine;
  };
  return {
    'cash/status': operator(() => cash.status()),
    'cash/sale': operator((i, h) => cash.sale(i, op(h))),
    'cash/cancel-sale': operator(async () => {
      await cash.cancelSale();
      return { ok: true as const };
    }),
    'cash/deposit-start': operator((i, h) => cash.depositStart(i.purpose, op(h))),
    'cash/deposit-end': operator((i) => cash.depositEnd(i.cancel)),
    'cash/replenish-start': manager((_i, h) => cash.depositStart('replenish', op(h))),
    'cash/replenish-end': manager((i) => cash.depositEnd(i.cancel)),
    'cash/payout': manager((i, h) => {
      ctx.audit('cash.payout', op(h), { amount: i.amount, reason: i.reason });
      return cash.payout(i.amount, i.reason, op(h));
    }),
    'cash/cashout': manager((i, h) => {
      ctx.audit('cash.cashout', op(h), { pieces: i.pieces, reason: i.reason });
      return cash.cashout(i.pieces, i.reason, op(h));
    }),
    'cash/collect': manager((i, h) => {
      ctx.audit('cash.collect', op(h), { to: i.to });
      return cash.collect(i.to, i.pieces, op(h));
    }),
    'cash/inventory': operator(() => cash.inventory()),
    'cash/reset': operator(() => cash.reset()),
    'cash/exit-cover': operator(async (i) => {
      await cash.exitCover(i.open);
      return { ok: true as const };
    }),
    'cash/unit-lock': manager(async (i, h) => {
      ctx.audit('cash.unit-lock', op(h), { unit: i.unit, lock: i.lock });
      await cash.unitLock(i.unit, i.lock);
      return { ok: true as const };
    }),
    'cash/journal': manager((i) => cash.journalList(i.limit)),
    'cash/review-list': manager(() => cash.reviewList()),
    'cash/review-acknowledge': manager((i, h) => {
      cash.acknowledge(i.id, op(h), i.note);
      return { ok: true as const };
    }),
    // Manager-only (contract access); the decision and the money it moves are audited in review.ts.
    'cash/review-resolve': manager((i, h) => {
      const id = op(h);
      if (id === null) throw new PosError('UNAUTHENTICATED', 'Inicie sessão como gerente.');
      return cash.resolveReview(i.id, i.action, id, i.note);
    }),
    'cash/sim-insert': trainingOnly((i) => {
      const r = sim().insert(i.pieces.map((p) => ({ fv: toCents(p.value), piece: p.count })));
      const view = (ps: { fv: number; piece: number }[]) =>
        ps.map((p) => ({
          value: fromCents(p.fv),
          kind: devidFor(p.fv) === 1 ? ('note' as const) : ('coin' as const),
          count: p.piece,
        }));
      return { accepted: view(r.accepted), rejected: view(r.rejected) };
    }),
    'cash/sim-take': trainingOnly(() => ({ taken: sim().take() })),
    // Faults are the technician's (the manager's), not the customer's the cashier plays.
    'cash/sim-fault': trainingManager((i) => {
      sim().fault(i.kind, i.unit === 'notes' ? 1 : 2);
      return { ok: true as const };
    }),
    'cash/sim-clear': trainingManager(() => {
      sim().clear();
      return { ok: true as const };
    }),
  };
}
