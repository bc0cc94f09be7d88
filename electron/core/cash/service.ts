import type {
  CashDeviceSettings,
  CashResult,
  CashStatus,
  JournalEntry,
  ReviewAction,
} from '../../../shared/api/cash';
import { PosError, isPosError } from '../../../shared/errors';
import { formatEuro, fromCents, toCents } from '../../../shared/money';
import type { CoreContext } from '../context';
import type { CashJournalKind, CashJournalStatus } from '../db/schema';
import type { GloryDevice } from '../devices/glory/device';
import { denomLevelName } from '../devices/glory/codes';
import type { DeviceHandle, DeviceRegistry } from '../devices/registry';
import type { GlorySimulator } from '../../simulators/glory';
import { connectDevice, type DeviceOverrides } from './connect';
import { CashJournal, sumPieces, type Piece } from './journal';
import { fromApiPieces, normalise } from './pieces';
import { entry, manualSale, positiveCents, saleOutcome, simpleOutcome, toResult } from './results';
import { createCashReview } from './review';
import { createCashRuntime } from './runtime';
import { loadCashSettings } from './settings';
import { settingSessionStore } from './session-store';
import { wireDeviceEvents } from './live-events';

export interface CashServiceDeps {
  devices: DeviceRegistry;
  /** Overrides the `cash.device` setting (tests, CLI). */
  settings?: CashDeviceSettings;
  /** How long a sale waits for the link to come back after losing it mid-operation. */
  reconnectWaitMs?: number;
  /** How long reconciliation waits for the machine to finish what it was doing. */
  idleWaitMs?: number;
  /** Device-level overrides for tests (heartbeat, reconnect backoff). */
  deviceOverrides?: DeviceOverrides;
}

export type CashService = ReturnType<typeof createCashService>;

/** Cash service for the POS: UPOS-CashChanger-shaped operations over the Glory driver, every one journaled. */
export function createCashService(ctx: CoreContext, deps: CashServiceDeps) {
  const settings = deps.settings ?? loadCashSettings(ctx.db, ctx.mode);
  const kind = settings.kind;
  const deviceName = kind === 'glory' ? 'glory' : kind === 'simulator' ? 'simulator' : 'manual';
  const journal = new CashJournal(ctx.db, ctx.clock);
  const log = ctx.log.child('cash');
  const rt = createCashRuntime({
    ctx,
    journal,
    deviceName,
    log,
    reconnectWaitMs: deps.reconnectWaitMs,
    idleWaitMs: deps.idleWaitMs,
  });
  const { dev, exclusive, begin, end, afterFailure, run } = rt;
  let sim: GlorySimulator | null = null;
  let handle: DeviceHandle | null = null;
  let unwire: (() => void) | null = null;
  let started: Promise<void> = Promise.resolve();
  /** Dispensed in full? (a lost link is reconciled: then what the count says went out decides). */
  const dispensed = (r: CashResult, cents: number): boolean => toCents(r.paidOut) === cents;
  const review = createCashReview({
    cashout: (ps, reason, operatorId) =>
      run(
        'cashout',
        sumPieces(ps),
        operatorId,
        (seqNo) => dev().cashout(ps, seqNo),
        (id, o) => simpleOutcome(journal, id, o, 'Devolução entregue ao cliente.'),
        reason,
      ).then((r) => dispensed(r, sumPieces(ps))),
    payout: (cents, reason, operatorId) =>
      run(
        'payout',
        cents,
        operatorId,
        (seqNo) => dev().change(-cents, { seqNo }),
        (id, o) => simpleOutcome(journal, id, o, 'Devolução entregue ao cliente.'),
        reason,
      ).then((r) => dispensed(r, cents)),
    // Conservative: any cash already paid out under this reference means the return happened (or partly did).
    alreadyDispensed: (reference) =>
      (['cashout', 'payout'] as const).some((k) => (journal.byReference(reference, k)?.out_cents ?? 0) > 0),
    acknowledge: (id, operatorId, note) => void journal.acknowledge(id, operatorId, note),
    audit: (action, operatorId, details) => ctx.audit(action, operatorId, details),
  });

  return {
    kind,
    journal,
    get device(): GloryDevice | null {
      return rt.device;
    },
    get simulator(): GlorySimulator | null {
      return sim;
    },

    /** Resolves once the first connection attempt (and start-up reconciliation) is over. */
    whenStarted(): Promise<void> {
      return started;
    },

    start(): Promise<void> {
      started = this.startNow();
      return started;
    },

    async startNow(): Promise<void> {
      rt.restart();
      handle = deps.devices.register({
        id: 'cash',
        kind: 'cash',
        name:
          kind === 'glory' ? 'Glory CI-5' : kind === 'simulator' ? 'Glory CI-5 (simulador)' : 'Gaveta manual',
        simulated: kind === 'simulator',
        state: kind === 'none' ? 'ready' : 'connecting',
      });
      if (settings.kind === 'none') return;
      const c = await connectDevice(
        settings,
        journal,
        deviceName,
        deps.deviceOverrides,
        settings.kind === 'glory' ? settingSessionStore(ctx.db, settings.soapUrl) : undefined,
      );
      sim = c.sim;
      rt.setDevice(c.device);
      const d = c.device;
      const h = handle;
      unwire = wireDeviceEvents(d, ctx.events, h, rt.current, rt.maybeReconcile);
      await d.start();
      if (d.phase === 'ready')
        await rt
          .reconcileNow()
          .catch((e) => log.warn('start-up reconciliation failed', { error: String(e) }));
      // Busy with an operation a dead run left in our session: reconcile in the background (it cancels an
      // orphaned deposit, or waits for an orphaned sale to end) without holding the start-up.
      else rt.maybeReconcile();
    },

    async stop(): Promise<void> {
      rt.stop();
      await started.catch(() => undefined);
      unwire?.();
      await rt.device?.stop();
      await sim?.close();
      rt.setDevice(null);
      sim = null;
      handle?.update('disconnected', 'Máquina de numerário desligada do programa.');
    },

    status(): CashStatus {
      const review = journal.reviewList().length;
      const device = rt.device;
      if (!device) return { kind, phase: 'manual', machineCode: -1, pendingReview: review };
      const s = device.state;
      const msg = handle?.current().message;
      return {
        kind,
        phase: device.phase,
        machineCode: s.machineCode,
        ...(msg ? { message: msg } : {}),
        pendingReview: review,
      };
    },

    /** Cash payment with change. Resolves when the customer is done (minutes); see CashResult.outcome. */
    async sale(
      input: { amountDue: string; reference?: string; cancelOnShortChange?: boolean; tendered?: string },
      operatorId: number | null = null,
    ): Promise<CashResult> {
      const due = positiveCents(input.amountDue, 'O valor a pagar');
      if (!rt.device) return manualSale(journal, due, input, operatorId);
      const cancelShort =
        input.cancelOnShortChange ?? (settings.kind !== 'none' && settings.cancelOnShortChange);
      return run(
        'sale',
        due,
        operatorId,
        (seqNo) => dev().change(due, { seqNo, cancelOnShortChange: cancelShort }),
        (id, o) => saleOutcome(journal, id, due, o, rt.live?.shortage === true),
        input.reference,
      );
    },

    /** Cancels a sale a previous run of this POS left running in the machine (cash returned); false if none. */
    async cancelOrphanedSale(): Promise<boolean> {
      if (rt.live) return false;
      return dev().cancelOrphanedChange();
    },

    /** Cancels the running sale; the sale() call then resolves with outcome 'cancelled' and the returned cash. */
    async cancelSale(): Promise<void> {
      await dev().cancelChange();
    },

    /**
     * Opens a deposit without a sale; the cash inserted is counted until depositEnd. `amount` (optional) is what
     * the operator means to insert: journaled as requested, so `cash/amount-inserted` reports what remains.
     */
    async depositStart(
      purpose: 'float' | 'deposit' | 'replenish',
      operatorId: number | null = null,
      opts: { amount?: string; reference?: string } = {},
    ): Promise<{ journalId: number }> {
      const requested = opts.amount === undefined ? 0 : positiveCents(opts.amount, 'O valor a depositar');
      return exclusive(async () => {
        const { id, seqNo } = await begin(purpose, requested, operatorId, opts.reference);
        try {
          if (purpose === 'replenish') await dev().startReplenishment(seqNo);
          else await dev().startCashin(seqNo);
          return { journalId: id };
        } catch (e) {
          await afterFailure(id, e);
          return { journalId: id };
        }
      });
    },

    async depositEnd(cancel: boolean): Promise<CashResult> {
      const cur = rt.live;
      if (!cur || !['float', 'deposit', 'replenish'].includes(cur.operation))
        throw new PosError('CONFLICT', 'Não há nenhum depósito em curso.');
      const d = dev();
      const seqNo = d.nextSeqNo();
      try {
        const o =
          cur.operation === 'replenish'
            ? await d.endReplenishment(seqNo, cancel)
            : cancel
              ? await d.cancelCashin(seqNo)
              : await d.endCashin(seqNo);
        const r = simpleOutcome(
          journal,
          cur.journalId,
          o,
          cancel ? 'Depósito cancelado: dinheiro devolvido.' : 'Depósito registado.',
        );
        end(cur.journalId);
        return r;
      } catch (e) {
        if (isPosError(e) && !(e.details && 'transport' in e.details)) throw e; // refused: the deposit is still open
        return afterFailure(cur.journalId, e);
      }
    },

    async payout(amount: string, reason: string, operatorId: number | null = null): Promise<CashResult> {
      const c = positiveCents(amount, 'O valor a pagar');
      return run(
        'payout',
        c,
        operatorId,
        (seqNo) => dev().change(-c, { seqNo }),
        (id, o) => {
          const r = simpleOutcome(journal, id, o, `Pagamento de ${formatEuro(fromCents(c))} entregue.`);
          return r;
        },
        reason,
      );
    },

    async cashout(
      pieces: { value: string; count: number }[],
      reason: string,
      operatorId: number | null = null,
    ): Promise<CashResult> {
      const ps = fromApiPieces(pieces);
      return run(
        'cashout',
        sumPieces(ps),
        operatorId,
        (seqNo) => dev().cashout(ps, seqNo),
        (id, o) => simpleOutcome(journal, id, o, 'Saída de numerário entregue.'),
        reason,
      );
    },

    async collect(
      to: 'exit' | 'cassette',
      pieces: { value: string; count: number }[],
      operatorId: number | null = null,
    ): Promise<CashResult> {
      let ps = fromApiPieces(pieces);
      if (ps.length === 0)
        ps = (await dev().inventory()).dispensable
          .filter((p) => p.piece > 0)
          .map(({ fv, devid, piece }) => ({ fv, devid, piece }));
      return run(
        'collect',
        sumPieces(ps),
        operatorId,
        (seqNo) => dev().collect({ to, denoms: ps, seqNo }),
        (id, o) =>
          simpleOutcome(
            journal,
            id,
            o,
            to === 'exit' ? 'Recolha entregue na saída.' : 'Recolha enviada para a cassete.',
          ),
      );
    },

    async inventory() {
      const inv = await dev().inventory();
      const expected = [...journal.expected(deviceName).values()];
      const total = sumPieces(inv.dispensable);
      const expectedTotal = sumPieces(expected);
      return {
        pieces: inv.dispensable.map((p) => ({
          value: fromCents(p.fv),
          kind: p.devid === 1 ? ('note' as const) : ('coin' as const),
          count: p.piece,
          level: denomLevelName(p.status ?? 22),
        })),
        total: fromCents(total),
        expectedTotal: fromCents(expectedTotal),
        agrees: JSON.stringify(normalise(inv.dispensable)) === JSON.stringify(normalise(expected)),
      };
    },

    /** Expected recycler content per face value from the journal (for the manager and tests). */
    expected(): Piece[] {
      return normalise([...journal.expected(deviceName).values()]);
    },

    async reset(): Promise<CashStatus> {
      await dev().reset();
      return this.status();
    },
    async exitCover(open: boolean): Promise<void> {
      await dev().exitCover(open);
    },
    async unitLock(unit: number, lock: boolean): Promise<void> {
      await dev().lockUnit(unit, !lock);
    },
    /**
     * The newest journal entry with this reference and its result (how a caller finds its own operation, e.g.
     * the checkout reconciling an interrupted CI-5 payment). null when the machine never saw it.
     */
    byReference(
      reference: string,
      kind: CashJournalKind = 'sale',
    ): { status: CashJournalStatus; result: CashResult } | null {
      const row = journal.byReference(reference, kind);
      return row ? { status: row.status, result: toResult(row) } : null;
    },
    reconcile: rt.reconcileNow,
    journalList: (limit: number): JournalEntry[] => journal.list(limit).map(entry),
    reviewList: (): JournalEntry[] =>
      journal.reviewList().map((r) => ({ ...entry(r), resolution: review.describe(r) })),
    /** Issue 9 A.3: the sales side decides what an interrupted payment becomes (see review.ts). */
    setReviewSettler: review.setSettler,
    /** The manager's decision on an interrupted sale payment: return the kept cash, or complete the sale. */
    resolveReview: (id: number, action: ReviewAction, operatorId: number, note?: string) =>
      review.resolve(journal.get(id), action, operatorId, note),
    acknowledge(id: number, operatorId: number | null, note?: string): void {
      if (!journal.acknowledge(id, operatorId, note))
        throw new PosError('NOT_FOUND', 'Essa operação não existe ou já foi revista.');
      ctx.audit('cash.review-acknowledged', operatorId, { id, note: note ?? null });
    },
  };
}
