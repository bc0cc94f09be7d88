import { z } from 'zod';
import { EodDay, type EodDaySummary, type EodRecord } from '../../../../shared/api/eod';
import type { CoreContext } from '../../context';
import type { JobRunner } from '../../jobs/runner';
import { readSetting } from '../../system/settings';
import { dayBounds, previousDay, today } from './day';
import { runEod } from './run';
import { createEodStore } from './store';

/** `HH:MM`, local time of the automatic run (setting `eod.time`). */
export const EOD_TIME_SETTING = 'eod.time';
export const DEFAULT_EOD_TIME = '23:30';
const EodTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);
/** How far back a start catches up days whose automatic run never happened (the PC was off). ASSUMPTION: 7. */
const CATCH_UP_DAYS = 7;

/** The idempotency key of a day's automatic run: unique in `job`, so two starts or two processes enqueue it once. */
export const autoKey = (terminalId: string, day: string): string => `eod:${terminalId}:${day}:v1`;

const EodJob = z.object({ day: EodDay, trigger: z.enum(['auto', 'manual']) });

/**
 * The end-of-day runs of a core: the automatic one on the durable job runner (at `eod.time`, default 23:30; the
 * days missed while the PC was off caught up at start; exactly once per day through the job's idempotency key),
 * and the on-demand one (RPC), both computing on a worker thread so the till never stalls.
 * ASSUMPTION: an on-demand run is not queued behind partner deliveries: it runs at once (on the worker) and its
 * record is the day's next version only if something changed.
 */
export function createEodService(ctx: CoreContext, jobs: JobRunner, opts: { worker?: boolean } = {}) {
  const { db, clock, terminalId } = ctx;
  const store = createEodStore(db);
  const worker = opts.worker ?? true;
  const warn = (m: string): void => ctx.log.warn(m);

  const run = (day: string, trigger: EodRecord['trigger']) =>
    runEod({ db, dataDir: ctx.dataDir, terminalId, clock, day, trigger, worker, warn });

  const timeOf = (): string => readSetting(db, EOD_TIME_SETTING, EodTime) ?? DEFAULT_EOD_TIME;
  /** When the automatic run of `day` is due (local time). */
  const dueAt = (day: string): Date => {
    const [h, m] = timeOf().split(':').map(Number);
    const [y, mo, d] = day.split('-').map(Number);
    return new Date(y, mo - 1, d, h, m);
  };

  const handle = jobs.register({
    kind: 'eod',
    payload: EodJob,
    partner: () => 'eod',
    limits: { concurrency: 1 },
    async run(job) {
      const { record, created } = await run(job.payload.day, job.payload.trigger);
      return {
        outcome: 'succeeded',
        request: `fecho ${job.payload.day}`,
        message: record.verdict,
        result: { id: record.id, version: record.version, light: record.light, created },
      };
    },
    onSettled(s) {
      // The next day's automatic run is planned when this one is done (a till that stays on for days).
      if (s.state === 'succeeded' && s.payload.trigger === 'auto') planDay(nextDay(s.payload.day));
    },
  });

  function nextDay(day: string): string {
    const [y, mo, d] = day.split('-').map(Number);
    return today(new Date(y, mo - 1, d + 1));
  }

  /** Enqueues the automatic run of `day` once (same key = same job, in this process or another). */
  function planDay(day: string): void {
    const key = autoKey(terminalId, day);
    if (jobs.byKey(key)) return;
    const at = dueAt(day);
    try {
      handle.enqueue({ day, trigger: 'auto' }, { key, at: at > clock.now() ? at : clock.now() });
    } catch (e) {
      // Another process enqueued it between our look-up and our insert: the unique key refused ours.
      if (!jobs.byKey(key)) throw e;
    }
  }

  /** Days before today with trading activity (documents or shifts) within the catch-up window. */
  function hadActivity(day: string): boolean {
    const { from, to } = dayBounds(day);
    const doc = db.get(
      db.k
        .selectFrom('fiscal_document')
        .select('id')
        .where('terminal_id', '=', terminalId)
        .where('doc_date', '=', day)
        .limit(1),
    );
    const shift = db.get(
      db.k
        .selectFrom('shift')
        .select('id')
        .where('terminal_id', '=', terminalId)
        .where('opened_at', '<', to)
        .where((eb) => eb.or([eb('closed_at', 'is', null), eb('closed_at', '>=', from)]))
        .limit(1),
    );
    return Boolean(doc || shift);
  }

  return {
    store,
    /**
     * At start: today's automatic run (due at `eod.time`, or now if that passed), and the missed days of the
     * catch-up window that had activity and never got their run (the PC was off at that time).
     */
    planAutomatic(): void {
      const now = clock.now();
      const t = today(now);
      let d = previousDay(t);
      for (let i = 0; i < CATCH_UP_DAYS; i++, d = previousDay(d)) {
        if (!jobs.byKey(autoKey(terminalId, d)) && !store.latest(terminalId, d) && hadActivity(d)) planDay(d);
      }
      planDay(t);
    },
    /** On demand (manager, RPC): runs now and returns the day's record (a new version only if it changed). */
    async runNow(day: string = today(clock.now())): Promise<EodRecord> {
      return (await run(day, 'manual')).record;
    },
    get(day: string, version?: number): EodRecord | null {
      return version ? store.version(terminalId, day, version) : store.latest(terminalId, day);
    },
    list(days: number): EodDaySummary[] {
      return store.list(terminalId, days);
    },
  };
}
export type EodService = ReturnType<typeof createEodService>;
