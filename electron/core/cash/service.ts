import type { CashDeviceSettings, CashResult, CashStatus, JournalEntry } from '../../../shared/api/cash';
import { PosError, isPosError } from '../../../shared/errors';
import { fromCents, toCents } from '../../../shared/money';
import type { CoreContext } from '../context';
import type { CashJournalKind, CashJournalStatus } from '../db/schema';
import { GloryDevice, type ChangeOutcome } from '../devices/glory/device';
import { denomLevelName, Result } from '../devices/glory/codes';
import type { DeviceHandle, DeviceRegistry } from '../devices/registry';
import { startGlorySimulator, type GlorySimulator } from '../../simulators/glory';
import { CashJournal, parsePieces, sumPieces, type JournalRow, type Piece } from './journal';
import { fromApiPieces, normalise, toApiPieces } from './pieces';
import { reconcileWithInventory } from './reconcile';
import { loadCashSettings } from './settings';
import { wireDeviceEvents, type LiveOp } from './live-events';

export interface CashServiceDeps {
  devices: DeviceRegistry;
  /** Overrides the `cash.device` setting (tests, CLI). */
  settings?: CashDeviceSettings;
  /** How long a sale waits for the link to come back after losing it mid-operation. */
  reconnectWaitMs?: number;
  /** How long reconciliation waits for the machine to finish what it was doing. */
  idleWaitMs?: number;
  /** Device-level overrides for tests (heartbeat, reconnect backoff). */
  deviceOverrides?: { heartbeatTimeoutMs?: number; reconnect?: { baseMs?: number; maxMs?: number } };
}

type Op = LiveOp['operation'];
const NO_MACHINE = 'Não há máquina de numerário configurada: use a gaveta manual.';

export type CashService = ReturnType<typeof createCashService>;

/** Cash service for the POS: UPOS-CashChanger-shaped operations over the Glory driver, every one journaled. */
export function createCashService(ctx: CoreContext, deps: CashServiceDeps) {
  const settings = deps.settings ?? loadCashSettings(ctx.db, ctx.mode);
  const kind = settings.kind;
  const deviceName = kind === 'glory' ? 'glory' : kind === 'simulator' ? 'simulator' : 'manual';
  const journal = new CashJournal(ctx.db, ctx.clock);
  const log = ctx.log.child('cash');
  let device: GloryDevice | null = null;
  let sim: GlorySimulator | null = null;
  let handle: DeviceHandle | null = null;
  let live: LiveOp | null = null;
  const liveIds = new Set<number>();
  let reconciling: Promise<JournalRow[]> | null = null;
  let stopping: AbortController = new AbortController();
  let unwire: (() => void) | null = null;
  let chain: Promise<unknown> = Promise.resolve();
  let started: Promise<void> = Promise.resolve();

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

  function reconcileNow(): Promise<JournalRow[]> {
    if (reconciling) return reconciling;
    reconciling = (async () => {
      const d = dev();
      const deadline = Date.now() + (deps.idleWaitMs ?? 120_000);
      while (Date.now() < deadline && !stopping.signal.aborted) {
        const code = await d.refreshStatus().catch(() => -1);
        if (code === 1 || code === 13 || code === 30) break;
        await new Promise((r) => setTimeout(r, 200));
      }
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
    if (!device || device.phase !== 'ready') return;
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

  function toResult(row: JournalRow, message?: string): CashResult {
    const cashIn = parsePieces(row.cash_in);
    const cashOut = parsePieces(row.cash_out);
    const isSale = row.kind === 'sale';
    const net = row.in_cents - row.out_cents;
    const owed = isSale && row.outcome === 'change_short' ? Math.max(0, net - row.requested_cents) : 0;
    const paid = isSale
      ? net + owed >= row.requested_cents && row.in_cents >= row.requested_cents
      : row.status !== 'failed';
    return {
      journalId: row.id,
      outcome: (row.outcome ?? 'failed') as CashResult['outcome'],
      requested: fromCents(row.requested_cents),
      received: fromCents(row.in_cents),
      paidOut: fromCents(row.out_cents),
      changeOwed: fromCents(owed),
      paid,
      cashIn: toApiPieces(cashIn),
      cashOut: toApiPieces(cashOut),
      message: message ?? row.note ?? '',
    };
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
    await reconcileNow();
    const row = journal.get(id) as JournalRow;
    return toResult(row);
  }

  function saleOutcome(id: number, due: number, o: ChangeOutcome): CashResult {
    const cin = normalise(o.cashIn);
    const cout = normalise(o.cashOut);
    const net = sumPieces(cin) - sumPieces(cout);
    let outcome: CashResult['outcome'];
    let note: string;
    if (o.result === Result.SUCCESS) {
      outcome = 'success';
      note = `Pago. Recebido ${fromCents(sumPieces(cin))} €, troco ${fromCents(sumPieces(cout))} €.`;
    } else if (o.result === Result.CANCEL || o.result === Result.CANCEL_CHANGE_SHORTAGE) {
      const short = o.result === Result.CANCEL_CHANGE_SHORTAGE || live?.shortage === true;
      outcome = short ? 'cancelled_change_short' : 'cancelled';
      note = `${short ? 'Sem troco suficiente: pagamento cancelado.' : 'Pagamento cancelado.'} Devolvidos ${fromCents(sumPieces(cout))} €.`;
    } else if (o.result === Result.CHANGE_SHORTAGE) {
      outcome = 'change_short';
      note = `Pago, mas a máquina não tinha troco: entregue à mão ${fromCents(Math.max(0, net - due))} € ao cliente e informe o gerente.`;
    } else {
      outcome = 'failed';
      note = `A operação não terminou (código ${o.result}). Recebido ${fromCents(sumPieces(cin))} €, devolvido ${fromCents(sumPieces(cout))} €.`;
    }
    journal.complete(id, {
      status: outcome === 'failed' ? 'failed' : 'done',
      outcome,
      cashIn: cin,
      cashOut: cout,
      resultCode: o.result,
      note,
    });
    return toResult(journal.get(id) as JournalRow, note);
  }

  function simpleOutcome(id: number, o: ChangeOutcome, okNote: string): CashResult {
    const ok = o.result === Result.SUCCESS;
    const note = ok ? okNote : `A máquina recusou a operação (código ${o.result}). Nada foi movimentado.`;
    journal.complete(id, {
      status: ok ? 'done' : 'failed',
      outcome: ok ? 'success' : 'failed',
      cashIn: normalise(o.cashIn),
      cashOut: normalise(o.cashOut),
      resultCode: o.result,
      note,
    });
    return toResult(journal.get(id) as JournalRow, note);
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

  const entry = (r: JournalRow): JournalEntry => ({
    id: r.id,
    seqNo: r.seq_no,
    kind: r.kind,
    status: r.status,
    outcome: r.outcome,
    requested: fromCents(r.requested_cents),
    received: fromCents(r.in_cents),
    paidOut: fromCents(r.out_cents),
    cashIn: toApiPieces(parsePieces(r.cash_in)),
    cashOut: toApiPieces(parsePieces(r.cash_out)),
    reference: r.reference,
    note: r.note,
    needsReview: r.needs_ack === 1 && !r.acked_at,
    createdAt: r.created_at,
    finishedAt: r.finished_at,
  });

  const positiveCents = (v: string, what: string): number => {
    const c = toCents(v);
    if (c <= 0) throw new PosError('VALIDATION', `${what} tem de ser maior que zero.`);
    return c;
  };

  return {
    kind,
    journal,
    get device(): GloryDevice | null {
      return device;
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
      stopping = new AbortController();
      handle = deps.devices.register({
        id: 'cash',
        kind: 'cash',
        name:
          kind === 'glory' ? 'Glory CI-5' : kind === 'simulator' ? 'Glory CI-5 (simulador)' : 'Gaveta manual',
        simulated: kind === 'simulator',
        state: kind === 'none' ? 'ready' : 'connecting',
      });
      if (settings.kind === 'none') return;
      const o = deps.deviceOverrides ?? {};
      if (settings.kind === 'simulator') {
        // The training simulator resumes the stock the journal expects, so restarts do not invent differences.
        const expected = journal.expected(deviceName);
        const stock = expected.size
          ? Object.fromEntries([...expected.values()].map((p) => [p.fv, p.piece]))
          : undefined;
        sim = await startGlorySimulator({
          settings: { heartbeatMs: settings.heartbeatMs, autoTakeMs: settings.autoTakeMs },
          stock,
        });
        device = new GloryDevice({
          soapUrl: sim.soapUrl,
          eventHost: '127.0.0.1',
          eventBindHost: '127.0.0.1',
          eventPort: 0,
          heartbeatTimeoutMs: o.heartbeatTimeoutMs ?? settings.heartbeatMs * 4,
          reconnect: o.reconnect,
        });
      } else {
        device = new GloryDevice({
          soapUrl: settings.soapUrl,
          eventHost: settings.eventHost,
          eventPort: settings.eventPort,
          rejectUnauthorized: settings.tls.rejectUnauthorized,
          ca: settings.tls.ca,
          user: settings.user,
          password: settings.password,
          deviceName: settings.deviceName,
          sessionMode: settings.sessionMode,
          occupyMode: settings.occupyMode,
          heartbeatTimeoutMs: o.heartbeatTimeoutMs ?? settings.heartbeatTimeoutMs,
          qualifiedAttributes: settings.qualifiedAttributes,
          reconnect: o.reconnect,
        });
      }
      const d = device;
      const h = handle;
      unwire = wireDeviceEvents(d, ctx.events, h, current, maybeReconcile);
      await d.start();
      if (d.phase === 'ready')
        await reconcileNow().catch((e) => log.warn('start-up reconciliation failed', { error: String(e) }));
    },

    async stop(): Promise<void> {
      stopping.abort();
      await started.catch(() => undefined);
      unwire?.();
      await device?.stop();
      await sim?.close();
      device = null;
      sim = null;
      handle?.update('disconnected', 'Máquina de numerário desligada do programa.');
    },

    status(): CashStatus {
      const review = journal.reviewList().length;
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
      if (!device) {
        if (input.tendered === undefined)
          throw new PosError('VALIDATION', 'Indique o valor entregue pelo cliente (gaveta manual).');
        const tendered = toCents(input.tendered);
        if (tendered < due) throw new PosError('VALIDATION', 'O valor entregue é inferior ao valor a pagar.');
        const id = journal.record(
          {
            kind: 'manual',
            seqNo: `M${Date.now()}`,
            device: 'manual',
            requestedCents: due,
            operatorId,
            reference: input.reference,
          },
          {
            status: 'done',
            outcome: 'manual',
            inCents: tendered,
            outCents: tendered - due,
            note: `Gaveta manual: troco ${fromCents(tendered - due)} €.`,
          },
        );
        return toResult(journal.get(id) as JournalRow);
      }
      const cancelShort =
        input.cancelOnShortChange ?? (settings.kind !== 'none' && settings.cancelOnShortChange);
      return run(
        'sale',
        due,
        operatorId,
        (seqNo) => dev().change(due, { seqNo, cancelOnShortChange: cancelShort }),
        (id, o) => saleOutcome(id, due, o),
        input.reference,
      );
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
      const cur = live;
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
          const r = simpleOutcome(id, o, `Pagamento de ${fromCents(c)} € entregue.`);
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
        (id, o) => simpleOutcome(id, o, 'Saída de numerário entregue.'),
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
    reconcile: reconcileNow,
    journalList: (limit: number): JournalEntry[] => journal.list(limit).map(entry),
    reviewList: (): JournalEntry[] => journal.reviewList().map(entry),
    acknowledge(id: number, operatorId: number | null, note?: string): void {
      if (!journal.acknowledge(id, operatorId, note))
        throw new PosError('NOT_FOUND', 'Essa operação não existe ou já foi revista.');
      ctx.audit('cash.review-acknowledged', operatorId, { id, note: note ?? null });
    },
  };
}
