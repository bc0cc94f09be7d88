/**
 * Where the runner's timers come from. Injected with the clock, so tests drive time by hand (no real waiting):
 * see tests/helpers/fake-scheduler.ts.
 */
export interface Scheduler {
  /** Calls `fn` after `ms`; returns a cancel function. */
  setTimer(ms: number, fn: () => void): () => void;
}

export const realScheduler: Scheduler = {
  setTimer(ms, fn) {
    const t = setTimeout(fn, Math.max(0, ms));
    t.unref?.();
    return () => clearTimeout(t);
  },
};
