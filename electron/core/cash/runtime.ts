import type { CashResult } from '../../../shared/api/cash';
import { PosError, isPosError } from '../../../shared/errors';
import type { CoreContext } from '../context';
import type { ChangeOutcome, GloryDevice } from '../devices/glory/device';
import type { Logger } from '../log/logger';
import type { CashJournal, JournalRow } from './journal';
import type { LiveOp } from './live-events';
import { reconcileWithInventory } from './reconcile';
import { toResult } from './results';

type Op = LiveOp['operation'];
const NO_MACHINE = 'Não há máquina de numerário configurada: use a gaveta manual.';

export interface RuntimeDeps {
  ctx: CoreContext;
  journal: CashJournal;
  /** Journal device name ('glory', 'simulator', 'manual'). */
  deviceName: string;
  log: Logger;
  reconnectWaitMs?: number;
  idleWaitMs?: number;
}

/**
 * The cash service's running state: the connected device, the one money operation in progress (journal intent
 * → machine call → outcome), the failure path that waits for the link and reconciles from the machine's count,
 * and start-up/reconnection reconciliation.
 */
export function createCashRuntime({ ctx, journal, deviceName, log, ...deps }: RuntimeDeps) {
  let device: GloryDevice | null = null;
  let live: LiveOp | null = null;
  const liveIds = new Set<number>();
  let reconciling: Promise<JournalRow[]> | null = null;
  let stopping: AbortController = new AbortController();
  let chain: Promise<unknown> = Promise.resolve();

  const dev = (): GloryDevice => {
    if (!device) throw new PosError('DEVICE_OFFLINE', NO_MACHINE);
    return device;
  };
  /** One money operation at a time (the machine serves one transaction; concurrent callers queue). */
  const exclusive = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = chain.then(fn, fn);
    chain = run.catch(() => undefined);
    return run;
  };

  async function cancelOrphanedDeposit(d: GloryDevice): Promise<boolean> {
    const pending = journal.pending().filter((r) => !liveIds.has(r.id) && r.device === deviceName);
    const newest = pending[pending.length - 1];
    if (!newest || !['float', 'deposit', 'replenish'].includes(newest.kind)) return false;
    const done = await d
      .cancelOrphanedDeposit(newest.kind === 'replenish' ? 'replenish' : 'cashin')
      .catch(() => false);
    if (done) log.warn('orphaned deposit cancelled in the machine', { id: newest.id, kind: newest.kind });
    return done;
  }

  function reconcileNow(): Promise<JournalRow[]> {
    if (reconciling) return reconciling;
    reconciling = (async () => {
      const d = dev();
      const deadline = Date.now() + (deps.idleWaitMs ?? 120_000);
      // A deposit or replenishment a dead POS left open blocks the machine for good (no one will end it): cancel
      // it at once, the machine returns what was fed, and the count below settles the entry.
      await cancelOrphanedDeposit(d);
      let settled = false;
      while (Date.now() < deadline && !stopping.signal.aborted) {
        const code = await d.refreshStatus().catch(() => -1);
        settled = code === 1 || code === 13 || code === 30;
        if (settled) break;
        await new Promise((r) => setTimeout(r, 200));
      }
      // Still inside a transaction (e.g. a sale the dead POS started, waiting for the customer): a count taken
      // now would call it "nothing kept" and the customer could then pay into it unseen. Try again later.
      if (!settled)
        throw new PosError(
          'DEVICE_BUSY',
          'A máquina ainda está a meio de uma operação: a verificação continua.',
        );
      const inv = await d.inventory();
      const pending = journal.pending().filter((r) => !liveIds.has(r.id) && r.device === deviceName);
      const flagged = reconcileWithInventory(journal, deviceName, inv.dispensable, pending, () =>
        d.nextSeqNo(),
      );
      if (flagged.length) {
        const count = journal.reviewList().length;
        log.warn('cash reconciliation flagged entries', { ids: flagged.map((r) => r.id) });
        ctx.events.emit('cash/review-needed', {
          count,
          message: `Há ${count} operação(ões) de numerário por rever (interrompidas ou com diferenças). Chame o gerente.`,
        });
      }
      return flagged;
    })().finally(() => {
      reconciling = null;
    });
    return reconciling;
  }

  function maybeReconcile(): void {
    // 'busy' with no operation of this process: the machine is inside one a dead run left (see reconcileNow).
    if (!device || !(device.phase === 'ready' || (device.phase === 'busy' && !device.state.activeTx))) return;
    const stale = journal.pending().some((r) => !liveIds.has(r.id) && r.device === deviceName);
    if (stale || !journal.hasBaseline(deviceName))
      void reconcileNow().catch((e) => log.warn('reconciliation failed', { error: String(e) }));
  }

  async function begin(
    op: Op,
    requested: number,
    operatorId: number | null,
    reference?: string,
  ): Promise<{ id: number; seqNo: string }> {
    const d = dev();
    await d.assertCanStart();
    if (reconciling) await reconciling.catch(() => undefined);
    const seqNo = d.nextSeqNo();
    const id = journal.intent({
      kind: op,
      seqNo,
      device: deviceName,
      requestedCents: requested,
      reference,
      operatorId,
    });
    liveIds.add(id);
    live = { journalId: id, operation: op, requested };
    return { id, seqNo };
  }

  // Event frames travel on their own socket and may land just after the HTTP response: keep the finished
  // operation's context for a moment so its last progress events are still attributed to it.
  let recent: { op: LiveOp; until: number } | null = null;
  const current = (): LiveOp | null => live ?? (recent && Date.now() < recent.until ? recent.op : null);

  function end(id: number): void {
    liveIds.delete(id);
    if (live?.journalId === id) {
      recent = { op: live, until: Date.now() + 2000 };
      live = null;
    }
  }

  /** Outcome of a call that was sent: a transport failure leaves the intent pending until reconciliation. */
  async function afterFailure(id: number, e: unknown): Promise<CashResult> {
    const sent = isPosError(e) && e.details && 'transport' in e.details;
    if (!sent) {
      journal.complete(id, {
        status: 'failed',
        outcome: 'refused',
        note: e instanceof Error ? e.message : String(e),
      });
      end(id);
      throw e;
    }
    end(id);
    const back = await Promise.race([
      dev().waitFor(['ready', 'busy', 'error'], deps.reconnectWaitMs ?? 120_000),
      new Promise<false>((r) => stopping.signal.addEventListener('abort', () => r(false), { once: true })),
    ]);
    if (!back || stopping.signal.aborted) {
      throw new PosError(
        'DEVICE_OFFLINE',
        'Perdeu-se a ligação à máquina a meio da operação. O resultado será apurado pela contagem da máquina quando a ligação voltar; chame o gerente.',
        { journalId: id },
      );
    }
    try {
      await reconcileNow();
    } catch {
      // Not settled yet (machine still busy, link lost again): the intent stays pending, the caller's outcome
      // stays unknown and recovery asks again.
    }
    const row = journal.get(id) as JournalRow;
    if (row.status === 'pending')
      throw new PosError(
        'DEVICE_OFFLINE',
        'A operação ficou a meio e a máquina ainda não a terminou. O resultado será apurado pela contagem da máquina; não repita o pagamento.',
        { journalId: id },
      );
    return toResult(row);
  }

  async function run(
    op: Op,
    requested: number,
    operatorId: number | null,
    call: (seqNo: string) => Promise<ChangeOutcome>,
    finish: (id: number, o: ChangeOutcome) => CashResult,
    reference?: string,
  ): Promise<CashResult> {
    return exclusive(async () => {
      const { id, seqNo } = await begin(op, requested, operatorId, reference);
      try {
        const o = await call(seqNo);
        const r = finish(id, o);
        end(id);
        return r;
      } catch (e) {
        return afterFailure(id, e);
      }
    });
  }

  return {
    get device(): GloryDevice | null {
      return device;
    },
    setDevice(d: GloryDevice | null): void {
      device = d;
    },
    /** The operation in progress (deposits end through it), null when idle. */
    get live(): LiveOp | null {
      return live;
    },
    get stopping(): AbortSignal {
      return stopping.signal;
    },
    restart(): void {
      stopping = new AbortController();
    },
    stop(): void {
      stopping.abort();
    },
    dev,
    exclusive,
    reconcileNow,
    maybeReconcile,
    begin,
    end,
    current,
    afterFailure,
    run,
  };
}
export type CashRuntime = ReturnType<typeof createCashRuntime>;
