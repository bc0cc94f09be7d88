import type { Scheduler } from '../../electron/core/jobs/scheduler';
import type { fixedClock } from '../../electron/core/util/clock';

type FakeClock = ReturnType<typeof fixedClock>;

/** Timers on a fake clock: nothing fires until the test moves time (`advance`), so no test waits for real. */
export function fakeScheduler(clock: FakeClock): Scheduler & {
  advance(ms: number): void;
  pending(): number;
} {
  let timers: { at: number; fn: () => void; id: number }[] = [];
  let seq = 0;
  return {
    setTimer(ms, fn) {
      const id = ++seq;
      timers.push({ at: clock.now().getTime() + Math.max(0, ms), fn, id });
      return () => {
        timers = timers.filter((t) => t.id !== id);
      };
    },
    advance(ms) {
      const end = clock.now().getTime() + ms;
      for (;;) {
        timers.sort((a, b) => a.at - b.at || a.id - b.id);
        const t = timers[0];
        if (!t || t.at > end) break;
        timers.shift();
        clock.set(new Date(Math.max(t.at, clock.now().getTime())));
        t.fn();
      }
      clock.set(new Date(end));
    },
    pending: () => timers.length,
  };
}
