import { afterEach, describe, expect, it } from 'vitest';
import { createTestCore, type TestCore } from '../../helpers/core';
import { tempDir } from '../../helpers/tmp';
import { fixedClock } from '../../../electron/core/util/clock';
import { autoKey } from '../../../electron/core/reports/eod/service';
import { until } from '../sales/glory-helpers';

/**
 * The automatic end-of-day run on the durable job runner: due at 23:30 local, caught up at the next start when the
 * PC was off, and exactly once — two starts, or two cores on the same database at once, do not run it twice.
 */
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const D = '2026-11-20';
const local = (day: string, hh: number, mm: number): Date => {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(y, m - 1, d, hh, mm);
};

async function start(dataDir: string, clock: ReturnType<typeof fixedClock>): Promise<TestCore> {
  const t = await createTestCore({
    dataDir,
    clock,
    cash: { settings: { kind: 'none' } },
    eodAutomatic: true,
  });
  cleanups.push(() => t.close());
  return t;
}

const records = (t: TestCore, day: string) =>
  t.core.ctx.db.all(
    t.core.ctx.db.k.selectFrom('eod_record').select(['version', 'trigger']).where('day', '=', day),
  );
const jobsOf = (t: TestCore, key: string) =>
  t.core.ctx.db.all(
    t.core.ctx.db.k
      .selectFrom('job')
      .select(['id', 'state', 'attempts', 'next_attempt_at'])
      .where('idempotency_key', '=', key),
  );

describe('automatic end-of-day run', () => {
  it('runs once at 23:30 across two starts and two cores on the same database', async () => {
    const dir = tempDir();
    cleanups.push(() => dir.cleanup());
    const clock = fixedClock(local(D, 23, 40));
    const a = await start(dir.dir, clock);
    const b = await start(dir.dir, clock); // a second process on the same database, both alive
    await until(
      'the automatic run to finish',
      () => a.core.jobs.byKey(autoKey('T1', D))?.state === 'succeeded',
      60_000,
    );
    await a.close();
    await b.close();
    const c = await start(dir.dir, clock); // a third start, same evening
    await new Promise((r) => setTimeout(r, 300));
    expect(records(c, D)).toEqual([{ version: 1, trigger: 'auto' }]);
    expect(jobsOf(c, autoKey('T1', D))).toEqual([
      expect.objectContaining({ state: 'succeeded', attempts: 1 }),
    ]);
    const db = c.core.ctx.db;
    const eodJobs = db.all(db.k.selectFrom('job').select('payload').where('kind', '=', 'eod'));
    expect(eodJobs.filter((j) => j.payload.includes(D))).toHaveLength(1);
    expect(
      db.all(
        db.k
          .selectFrom('job_attempt as a')
          .innerJoin('job as j', 'j.id', 'a.job_id')
          .select('a.id')
          .where('j.kind', '=', 'eod'),
      ),
    ).toHaveLength(1);
    // The next day's run is planned once, for its own 23:30.
    const next = jobsOf(c, autoKey('T1', '2026-11-21'));
    expect(next).toEqual([
      expect.objectContaining({
        state: 'queued',
        next_attempt_at: local('2026-11-21', 23, 30).toISOString(),
      }),
    ]);
  });

  it('a day the PC was off at 23:30 is caught up at the next start; today waits for its time', async () => {
    const dir = tempDir();
    cleanups.push(() => dir.cleanup());
    const clock = fixedClock(local(D, 10, 0));
    const a = await start(dir.dir, clock);
    const caixa = await a.login('caixa');
    await a.call('shifts/open', { openingFloat: '10.00' }, caixa); // the day had activity
    expect(jobsOf(a, autoKey('T1', D))).toEqual([
      expect.objectContaining({ state: 'queued', next_attempt_at: local(D, 23, 30).toISOString() }),
    ]);
    await a.close(); // switched off before 23:30
    clock.set(local('2026-11-21', 9, 0));
    const b = await start(dir.dir, clock);
    await until(
      'the missed run to be caught up',
      () => b.core.jobs.byKey(autoKey('T1', D))?.state === 'succeeded',
      60_000,
    );
    expect(records(b, D)).toEqual([{ version: 1, trigger: 'auto' }]);
    expect(b.core.eod.get(D)!.sections.find((s) => s.id === 'cash')!.lines).toContainEqual(
      expect.objectContaining({ key: expect.stringMatching(/^shift-open:/), light: 'explicadas' }),
    );
    expect(jobsOf(b, autoKey('T1', '2026-11-21'))).toEqual([
      expect.objectContaining({
        state: 'queued',
        next_attempt_at: local('2026-11-21', 23, 30).toISOString(),
      }),
    ]);
    expect(records(b, '2026-11-21')).toEqual([]);
  });
});
