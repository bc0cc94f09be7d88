import type { z } from 'zod';
import { PosError } from '../../../shared/errors';
import type { Db } from '../db/open';
import type { Logger } from '../log/logger';
import type { Clock } from '../util/clock';
import { DEFAULT_BACKOFF, backoffDelayMs } from './backoff';
import { ulidFactory } from './ids';
import { newLeaseOwner, ownerIsGone } from './lease';
import { realScheduler, type Scheduler } from './scheduler';
import { createJobStore, type JobAttemptRow, type JobRow } from './store';
import type { AttemptResult, JobKindDef, JobRun, PartnerLimits } from './types';

export interface RunnerOptions {
  readonly db: Db;
  readonly clock: Clock;
  readonly terminalId: string;
  readonly log: Logger;
  readonly scheduler?: Scheduler;
  /** In [0, 1): the back-off jitter (tests pin it). */
  readonly random?: () => number;
  /** How long a claimed job is ours without renewal (renewed every third of it while it runs). */
  readonly leaseMs?: number;
  /** Idle re-scan, to see work enqueued by another process on the same database (the CLI). */
  readonly idlePollMs?: number;
}

export interface EnqueueOptions {
  /** Unique across all jobs; a second enqueue with the same key returns the first job. Default: the job id. */
  readonly key?: string;
  /** Not before (default: now). */
  readonly at?: Date;
}

export interface KindHandle<P> {
  readonly kind: string;
  /**
   * Persists the job (synchronous insert). Inside a transaction (`db.tx`, or the fiscal issue transaction) it is
   * part of it: committed with the change that caused it, or not at all — this is the outbox. Delivery starts
   * after the commit.
   */
  enqueue(payload: P, opts?: EnqueueOptions): JobRow;
}

const INTERRUPTED = 'Interrompido: o processo terminou durante a tentativa (resultado desconhecido).';

/**
 * The one durable job runner: iLink, PayPay, printing and end-of-day work run on it. Jobs are rows (table `job`):
 * claimed with a lease in a transaction, run by their kind's handler, and settled (state, attempt row, back-off)
 * in another transaction. Limits are per partner and enforced from the database (running rows, attempt rows),
 * so they hold across restarts and processes. See types.ts for the outcome classes.
 */
export function createJobRunner(opts: RunnerOptions) {
  const { db, clock, log } = opts;
  const store = createJobStore(db);
  const scheduler = opts.scheduler ?? realScheduler;
  const random = opts.random ?? Math.random;
  const leaseMs = opts.leaseMs ?? 60_000;
  const idlePollMs = opts.idlePollMs ?? 30_000;
  const owner = newLeaseOwner();
  const ulid = ulidFactory();
  // Kinds are heterogeneous by nature; each def is only ever used with its own rows (looked up by row.kind).
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const kinds = new Map<string, JobKindDef<z.ZodType<any>>>();
  const partnerLimits = new Map<string, PartnerLimits>();
  const listeners = new Set<(partner: string) => void>();
  const iso = (d: Date = clock.now()): string => d.toISOString();
  let started = false;
  let cancelTimer: (() => void) | null = null;
  let pass: Promise<void> | null = null;
  let rescan = false;
  let poke: (() => void) | null = null;
  const force = new Set<string>();

  const changed = (partner: string): void => {
    for (const l of listeners) {
      try {
        l(partner);
      } catch (e) {
        log.warn('job listener failed', { error: String(e) });
      }
    }
  };

  const limitsOf = (
    partner: string,
    kind: string,
  ): Required<Pick<PartnerLimits, 'concurrency'>> & PartnerLimits => ({
    concurrency: 1,
    ...kinds.get(kind)?.limits,
    ...partnerLimits.get(partner),
  });

  /** Jobs 'running' whose runner is gone (lease expired, or its process no longer exists): back to the queue. */
  function reclaimStale(): number {
    const now = iso();
    let n = 0;
    db.tx(() => {
      for (const j of store.running()) {
        if (j.lease_owner === owner) continue;
        if ((j.lease_until ?? '') >= now && !ownerIsGone(j.lease_owner)) continue;
        store.closeOpenAttempts(j.id, now, INTERRUPTED);
        store.update(j.id, {
          state: 'queued',
          lease_owner: null,
          lease_until: null,
          next_attempt_at: now,
          last_outcome: 'unknown',
          last_error: INTERRUPTED,
          updated_at: now,
        });
        n++;
      }
    });
    if (n) log.warn('jobs taken back after an interruption', { count: n });
    return n;
  }

  /** How many more attempts the partner may start now (concurrency, pause, sliding-window rate limit). */
  function capacity(partner: string, kind: string, now: Date): number {
    const lim = limitsOf(partner, kind);
    const paused = store.partner(partner)?.paused_until;
    if (paused && paused > iso(now)) return 0;
    let free = lim.concurrency - store.countRunning(partner);
    if (lim.rateLimit) {
      const used = store.attemptStartsAfter(partner, iso(new Date(now.getTime() - lim.rateLimit.windowMs)));
      free = Math.min(free, lim.rateLimit.limit - used.length);
    }
    return free;
  }

  type Claimed = { row: JobRow; attemptId: number; startedAt: Date };

  function claimBatch(tried: Set<string>): Claimed[] {
    const registered = [...kinds.keys()];
    return db.tx(() => {
      const now = clock.now();
      const nowIso = iso(now);
      const out: Claimed[] = [];
      for (const { partner, kind } of store.queuedPartners(registered)) {
        let free = capacity(partner, kind, now);
        if (free <= 0) continue;
        let candidates: JobRow[];
        if (limitsOf(partner, kind).ordered) {
          const h = store.head(partner);
          candidates =
            h &&
            h.state === 'queued' &&
            !tried.has(h.id) &&
            (force.has(h.kind) || h.next_attempt_at <= nowIso)
              ? [h]
              : [];
        } else {
          // Forced kinds ignore the back-off; other kinds of the same partner still wait for theirs.
          const forced = registered.filter((k) => force.has(k));
          const rest = registered.filter((k) => !force.has(k));
          const want = free + tried.size;
          candidates = [
            ...(forced.length ? store.due(partner, forced, null, want) : []),
            ...(rest.length ? store.due(partner, rest, nowIso, want) : []),
          ].filter((r) => !tried.has(r.id));
        }
        for (const row of candidates) {
          if (free <= 0) break;
          const def = kinds.get(row.kind);
          if (!def) continue;
          if (!store.claim(row.id, owner, iso(new Date(now.getTime() + leaseMs)), nowIso)) continue;
          const claimed = store.get(row.id)!;
          const attemptId = store.insertAttempt({
            job_id: row.id,
            partner,
            attempt: claimed.attempts,
            outcome: 'running',
            request_summary: null,
            http_status: null,
            error_code: null,
            error_message: null,
            duration_ms: null,
            started_at: nowIso,
            finished_at: null,
          });
          const parsed = def.payload.safeParse(JSON.parse(claimed.payload));
          if (parsed.success) def.onStart?.(runOf(claimed, parsed.data));
          out.push({ row: claimed, attemptId, startedAt: now });
          free--;
        }
      }
      return out;
    });
  }

  const runOf = <P>(row: JobRow, payload: P): JobRun<P> => ({
    id: row.id,
    kind: row.kind,
    partner: row.partner,
    payload,
    idempotencyKey: row.idempotency_key,
    attempt: row.attempts,
    createdAt: row.created_at,
  });

  async function execute(c: Claimed): Promise<void> {
    const def = kinds.get(c.row.kind)!;
    const parsed = def.payload.safeParse(JSON.parse(c.row.payload));
    let result: AttemptResult;
    // The lease is renewed while the handler works, so a slow partner call is never taken for a dead runner.
    const lease = { stop: (): void => undefined };
    const renew = (): void => {
      store.renewLease(c.row.id, owner, iso(new Date(clock.now().getTime() + leaseMs)));
      lease.stop = scheduler.setTimer(leaseMs / 3, renew);
    };
    if (!parsed.success) {
      result = { outcome: 'permanent', message: `Dados do trabalho inválidos: ${parsed.error.message}` };
    } else {
      lease.stop = scheduler.setTimer(leaseMs / 3, renew);
      try {
        result = await def.run(runOf(c.row, parsed.data));
      } catch (e) {
        result = { outcome: 'unknown', message: e instanceof Error ? e.message : String(e) };
      } finally {
        lease.stop();
      }
    }
    settle(c, result, parsed.success ? (parsed.data as unknown) : null);
  }

  function settle(c: Claimed, r: AttemptResult, payload: unknown): void {
    const def = kinds.get(c.row.kind)!;
    const end = clock.now();
    const now = iso(end);
    const attempts = c.row.attempts;
    const error = r.outcome === 'succeeded' ? null : (r.message ?? r.code ?? 'Erro desconhecido.');
    let state: 'queued' | 'succeeded' | 'failed' | 'dead';
    let next: string | null = null;
    const partnerRow = store.partner(c.row.partner);
    let pausedUntil = partnerRow?.paused_until ?? null;
    if (r.outcome === 'retry' && r.pauseMs !== undefined) {
      const until = iso(new Date(end.getTime() + r.pauseMs));
      if (!pausedUntil || until > pausedUntil) pausedUntil = until;
    }
    if (r.outcome === 'succeeded') state = 'succeeded';
    else if (r.outcome === 'permanent') state = 'failed';
    else if (r.outcome === 'retry' && def.maxAttempts !== undefined && attempts >= def.maxAttempts)
      state = 'dead';
    else {
      state = 'queued';
      next = iso(new Date(end.getTime() + backoffDelayMs(def.backoff ?? DEFAULT_BACKOFF, attempts, random)));
      if (pausedUntil && pausedUntil > next) next = pausedUntil;
    }
    const result = r.outcome === 'succeeded' && r.result !== undefined ? r.result : null;
    db.tx(() => {
      store.finishAttempt(c.attemptId, {
        outcome: r.outcome,
        request_summary: r.request ?? null,
        http_status: r.httpStatus ?? null,
        error_code: r.code ?? null,
        error_message: r.outcome === 'succeeded' ? (r.message ?? null) : error,
        duration_ms: end.getTime() - c.startedAt.getTime(),
        finished_at: now,
      });
      store.update(c.row.id, {
        state,
        next_attempt_at: next ?? c.row.next_attempt_at,
        last_error: error,
        last_outcome: r.outcome,
        lease_owner: null,
        lease_until: null,
        result: result === null ? c.row.result : JSON.stringify(result),
        updated_at: now,
      });
      store.upsertPartner({
        partner: c.row.partner,
        paused_until: pausedUntil,
        last_outcome: r.outcome,
        last_error: error,
        last_network_error: (r.outcome === 'retry' || r.outcome === 'unknown') && r.network ? 1 : 0,
        last_attempt_at: now,
        last_success_at: r.outcome === 'succeeded' ? now : (partnerRow?.last_success_at ?? null),
        updated_at: now,
      });
      if (payload !== null)
        def.onSettled?.({
          id: c.row.id,
          payload,
          state,
          attempts,
          outcome: r.outcome,
          error,
          nextAttemptAt: next,
          result,
        });
    });
    if (r.outcome !== 'succeeded')
      log.warn('job attempt did not succeed', { job: c.row.id, kind: c.row.kind, outcome: r.outcome, error });
    changed(c.row.partner);
  }

  async function runPass(): Promise<void> {
    reclaimStale();
    const tried = new Set<string>();
    const inflight = new Map<string, Promise<void>>();
    for (;;) {
      rescan = false;
      for (const c of claimBatch(tried)) {
        tried.add(c.row.id);
        changed(c.row.partner);
        inflight.set(
          c.row.id,
          execute(c)
            .catch((e) => log.error('job settle failed', { job: c.row.id, error: String(e) }))
            .finally(() => inflight.delete(c.row.id)),
        );
      }
      if (inflight.size === 0 && !rescan) return;
      if (inflight.size === 0) continue;
      const poked = new Promise<void>((r) => (poke = r));
      await Promise.race([...inflight.values(), poked]);
      poke = null;
    }
  }

  /**
   * Runs every due job once (each job at most one attempt per pass), waiting until they settle. Concurrent calls
   * share the pass; work enqueued meanwhile joins it. `force`: kinds whose back-off is ignored (retry now).
   */
  let starting: Array<() => void> | null = null;
  function drain(o: { force?: readonly string[] } = {}): Promise<void> {
    for (const k of o.force ?? []) force.add(k);
    if (starting) {
      // Called from inside a pass being started (its claim transaction's commit ran other enqueues' wake-ups):
      // join that pass once it is recorded, never start an untracked second one that `drain()` would not wait
      // for (tests/integration/jobs/drain-reentry.test.ts).
      rescan = true;
      const joined = starting;
      return new Promise<void>((resolve) => joined.push(resolve));
    }
    if (pass) {
      // Joins the running pass; if that pass already finished its last scan, a new one follows it.
      rescan = true;
      poke?.();
      return pass.then(() => (rescan ? drain() : undefined));
    }
    const joined: Array<() => void> = [];
    starting = joined;
    try {
      pass = runPass().finally(() => {
        pass = null;
        force.clear();
      });
    } finally {
      starting = null;
    }
    const current = pass;
    for (const resolve of joined)
      void current.then(() => (rescan ? drain() : undefined)).then(resolve, resolve);
    return current;
  }

  /** When the next job becomes runnable (back-off, pause, rate-limit window), or null when nothing waits. */
  function nextDueAt(): Date | null {
    const now = clock.now();
    let best: number | null = null;
    for (const { partner, kind } of store.queuedPartners([...kinds.keys()])) {
      const lim = limitsOf(partner, kind);
      let t: number;
      if (lim.ordered) {
        const h = store.head(partner);
        if (!h || h.state !== 'queued') continue;
        t = Date.parse(h.next_attempt_at);
      } else {
        const e = store.earliestQueued(partner);
        if (!e) continue;
        t = Date.parse(e);
      }
      const paused = store.partner(partner)?.paused_until;
      if (paused) t = Math.max(t, Date.parse(paused));
      if (lim.rateLimit) {
        const { limit, windowMs } = lim.rateLimit;
        const used = store.attemptStartsAfter(partner, iso(new Date(now.getTime() - windowMs)));
        if (used.length >= limit) t = Math.max(t, Date.parse(used[used.length - limit]) + windowMs);
      }
      best = best === null ? t : Math.min(best, t);
    }
    return best === null ? null : new Date(best);
  }

  function scheduleNext(): void {
    if (!started) return;
    cancelTimer?.();
    const due = nextDueAt();
    const wait = due ? Math.max(0, due.getTime() - clock.now().getTime()) : idlePollMs;
    cancelTimer = scheduler.setTimer(Math.min(wait, idlePollMs), wake);
  }

  let wakeQueued = false;
  /** wake() once the current task (and the response it writes) is done; enqueues in one task share it. */
  function wakeSoon(): void {
    if (!started || wakeQueued) return;
    wakeQueued = true;
    setImmediate(() => {
      wakeQueued = false;
      wake();
    });
  }

  function wake(): void {
    cancelTimer?.();
    cancelTimer = null;
    if (!started) return;
    void drain().then(scheduleNext, (e) => {
      log.error('job pass failed', { error: String(e) });
      scheduleNext();
    });
  }

  return {
    owner,
    register<S extends z.ZodType>(def: JobKindDef<S>): KindHandle<z.output<S>> {
      if (kinds.has(def.kind)) throw new Error(`Job kind registered twice: ${def.kind}`);
      kinds.set(def.kind, def);
      return {
        kind: def.kind,
        enqueue(payload, o = {}) {
          const checked = def.payload.parse(payload) as z.output<S>;
          const t = clock.now();
          const id = `${opts.terminalId}-${ulid(t.getTime())}`;
          const key = o.key ?? id;
          const existing = store.byKey(key);
          if (existing) {
            if (existing.kind !== def.kind)
              throw new PosError('CONFLICT', `Chave de idempotência já usada por outro trabalho: ${key}`);
            return existing;
          }
          const row = {
            id,
            kind: def.kind,
            partner: def.partner(checked),
            payload: JSON.stringify(checked),
            state: 'queued' as const,
            next_attempt_at: iso(o.at ?? t),
            last_error: null,
            last_outcome: null,
            idempotency_key: key,
            lease_owner: null,
            lease_until: null,
            result: null,
            created_at: iso(t),
            updated_at: iso(t),
          };
          store.insert(row);
          // Delivery starts once this is committed (at once outside a transaction), on the next turn of the event
          // loop: the commit is usually inside a request (a sale's receipt, its outbox rows), whose answer must not
          // wait for the job's own work (a receipt's rendering took ~30 ms of the till's sale→ready, issue 15).
          db.afterCommit(() => {
            changed(row.partner);
            wakeSoon();
          });
          return { ...row, attempts: 0 };
        },
      };
    },
    /** Per-partner limits that override the kind's (e.g. from the partner's settings). */
    setPartnerLimits(partner: string, limits: PartnerLimits): void {
      partnerLimits.set(partner, limits);
    },
    drain,
    /**
     * Runs what is due, if started (e.g. a printer was reconfigured, a receipt queued), once the caller's task is
     * done: as after an enqueue, the work of the jobs never runs inside the request that asked for it.
     */
    wake(): void {
      wakeSoon();
    },
    nextDueAt,
    reclaimStale,
    /** Makes a queued job due now (the operator's "tentar agora"). */
    retryNow(id: string): boolean {
      const j = store.get(id);
      if (!j || j.state !== 'queued') return false;
      store.update(id, { next_attempt_at: iso(), updated_at: iso() });
      if (started) wake();
      return true;
    },
    /** A permanently failed job sent again (same idempotency key): the operator corrected the cause. */
    requeue(id: string): boolean {
      const j = store.get(id);
      if (!j || (j.state !== 'failed' && j.state !== 'dead')) return false;
      store.update(id, { state: 'queued', next_attempt_at: iso(), updated_at: iso() });
      changed(j.partner);
      if (started) wake();
      return true;
    },
    get: (id: string): JobRow | undefined => store.get(id),
    byKey: (key: string): JobRow | undefined => store.byKey(key),
    attempts: (id: string): JobAttemptRow[] => store.attempts(id),
    kindsWithStatus: (): string[] => [...kinds.values()].filter((k) => k.syncStatus).map((k) => k.kind),
    store,
    onChange(l: (partner: string) => void): () => void {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    /** Background delivery: runs due jobs, then sleeps until the next is due (scheduler), woken by enqueues. */
    start(): void {
      if (started) return;
      started = true;
      reclaimStale();
      wake();
    },
    async stop(): Promise<void> {
      started = false;
      cancelTimer?.();
      cancelTimer = null;
      await pass;
    },
  };
}
export type JobRunner = ReturnType<typeof createJobRunner>;
