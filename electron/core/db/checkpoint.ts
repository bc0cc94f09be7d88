import type { Scheduler } from '../jobs/scheduler';
import type { Logger } from '../log/logger';
import type { Db } from './open';

/**
 * Issue 15 (fiscal.issue_ceiling_ratio): WAL checkpoints off the issuing commit.
 *
 * SQLite's auto-checkpoint runs inside the COMMIT that takes the WAL past `wal_autocheckpoint` pages: every ~40
 * documents one issuing commit also copied the WAL's pages into the database file and synced that file (strace
 * of the issue path: 1.55 page reads + 1.55 page writes per document and one database fsync every ~40). Durability
 * does not depend on it — a document is final once its WAL frames are synced (synchronous=FULL) — so the copy
 * is moved to when the terminal is idle: a PASSIVE checkpoint (never waits for, nor blocks, a reader or writer)
 * once no write happened on this connection for one whole tick. The auto-checkpoint stays as the bound, higher:
 * a terminal that never idles (a long burst, a batch) still checkpoints, four times less often, and the WAL
 * stays under WAL_BOUND_PAGES pages (16 MiB at 4 KiB pages) plus one transaction.
 */
export const WAL_BOUND_PAGES = 4000;
export const IDLE_TICK_MS = 500;

export interface IdleCheckpoints {
  /** One tick now (tests drive it through the scheduler; exposed for them and for diagnosis). */
  tick(): void;
  stop(): void;
}

export function startIdleCheckpoints(
  db: Db,
  opts: { scheduler: Scheduler; log: Logger; tickMs?: number },
): IdleCheckpoints {
  const s = db.sqlite;
  s.pragma(`wal_autocheckpoint = ${WAL_BOUND_PAGES}`);
  const tickMs = opts.tickMs ?? IDLE_TICK_MS;
  // Rows changed by this connection since it opened: unchanged over a tick = nothing was written in it.
  const changes = s.prepare('select total_changes() as n').pluck();
  let seen = changes.get() as number;
  // Written since the last checkpoint (the first tick after start checkpoints what migrations left).
  let dirty = true;
  let cancel: (() => void) | null = null;
  let stopped = false;

  const tick = (): void => {
    if (stopped || !s.open) return;
    const now = changes.get() as number;
    if (now !== seen) {
      seen = now;
      dirty = true;
      return;
    }
    // Inside a transaction (a caller's db.tx spanning an await is not allowed, but never checkpoint in one).
    if (!dirty || s.inTransaction) return;
    try {
      s.pragma('wal_checkpoint(PASSIVE)');
      dirty = false;
    } catch (e) {
      // Nothing is lost: the frames stay in the WAL, the next idle tick (or the bound) copies them.
      opts.log.warn('idle WAL checkpoint failed', { error: e instanceof Error ? e.message : String(e) });
    }
  };
  const arm = (): void => {
    cancel = opts.scheduler.setTimer(tickMs, () => {
      tick();
      if (!stopped) arm();
    });
  };
  arm();
  return {
    tick,
    stop() {
      stopped = true;
      cancel?.();
    },
  };
}
