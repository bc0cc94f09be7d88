import { afterEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../electron/core/util/clock';
import { createTestCore } from '../../helpers/core';
import { fakeScheduler } from '../../helpers/fake-scheduler';
import { configureForSim, control, documents, issueFt, simulator } from './ilink-helpers';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe('iLink rate limit under a burst of 1 000 queued documents (fake scheduler)', () => {
  it('delivers all 1 000 once, honours a 429 Retry-After, never trips the 200/min block', async () => {
    const clock = fixedClock('2026-03-02T10:00:00.000Z');
    const scheduler = fakeScheduler(clock);
    // The simulator's minute is the core's fake minute: time moves only when the test advances it.
    const sim = await simulator({ now: () => clock.now().getTime() });
    cleanups.push(() => sim.close());
    const t = await createTestCore({ clock, scheduler, cash: { settings: { kind: 'none' } } });
    cleanups.push(() => t.close());
    configureForSim(t.core, sim, { timeoutMs: 5000 });
    await control(sim, '/control/fault', { kind: '429', count: 1 });

    const ids: number[] = [];
    for (let i = 0; i < 1000; i++) ids.push(issueFt(t.core).id);
    const sent = () => t.core.ilink.store.counts().sent;
    let steps = 0;
    while (sent() < 1000 && steps++ < 2000) {
      await t.core.jobs.drain();
      scheduler.advance(1000);
    }
    await t.core.jobs.drain();

    const docs = await documents(sim);
    expect(sent()).toBe(1000);
    expect(docs.issued).toHaveLength(1000);
    expect(new Set(docs.issued.map((d) => d.number)).size).toBe(1000);
    expect(docs.stats.injected['429']).toBe(1);
    // Never tripped: no request refused for the limit, no block started, at most 200 in any minute.
    expect(docs.stats.rate).toMatchObject({ refused: 0, blocks: 0 });
    expect(docs.stats.rate.peak).toBeLessThanOrEqual(200);

    // The job runner's own window: at most 190 send attempts started in any 60 s.
    const db = t.core.ctx.db;
    const starts = db
      .all(
        db.k
          .selectFrom('job_attempt')
          .select(['started_at', 'http_status'])
          .where('partner', '=', 'ilink')
          .orderBy('id'),
      )
      .map((a) => ({ at: Date.parse(a.started_at), status: a.http_status }));
    let j = 0;
    let most = 0;
    for (let i = 0; i < starts.length; i++) {
      while (starts[j]!.at <= starts[i]!.at - 60_000) j++;
      most = Math.max(most, i - j + 1);
    }
    expect(most).toBeLessThanOrEqual(190);
    // The 429 paused the partner for its Retry-After (1 s): the next attempt started no earlier.
    const k = starts.findIndex((s) => s.status === 429);
    expect(k).toBeGreaterThanOrEqual(0);
    const after = starts.slice(k + 1).filter((s) => s.at > starts[k]!.at);
    expect(after[0]!.at - starts[k]!.at).toBeGreaterThanOrEqual(1000);
    // 1 000 documents at 190 a minute take more than five minutes of (fake) time.
    expect(starts.at(-1)!.at - starts[0]!.at).toBeGreaterThan(5 * 60_000);
  }, 600_000);
});
