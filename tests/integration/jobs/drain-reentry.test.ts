import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createJobRunner } from '../../../electron/core/jobs/runner';
import type { AttemptResult } from '../../../electron/core/jobs/types';
import { fixedClock } from '../../../electron/core/util/clock';
import { openTestContext } from '../../helpers/context';
import { fakeScheduler } from '../../helpers/fake-scheduler';
import { tempDir } from '../../helpers/tmp';

/**
 * Found by paypay-office ("Verificar agora" returned before its checks ran): two jobs enqueued in ONE transaction
 * on a started runner. The commit wakes the runner once per job; the first wake's pass committed its own claim
 * transaction, which ran the second wake from inside the first pass's start — before `drain()` had recorded that
 * pass — so a second, untracked pass ran a job that `drain()` no longer waited for.
 */
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe('drain() after enqueues in one transaction on a started runner', () => {
  it('waits for every job of that transaction to settle', async () => {
    const tmp = tempDir();
    cleanups.push(tmp.cleanup);
    const clock = fixedClock('2026-03-02T10:00:00.000Z');
    const t = await openTestContext(tmp.dir, { clock });
    cleanups.push(() => t.close());
    const runner = createJobRunner({
      db: t.ctx.db,
      clock,
      terminalId: 'T1',
      log: t.ctx.log,
      scheduler: fakeScheduler(clock),
      leaseMs: 10_000,
    });
    cleanups.push(() => runner.stop());
    const done: number[] = [];
    const kind = runner.register({
      kind: 'test.slow',
      payload: z.object({ n: z.number().int() }),
      partner: () => 'p',
      // One at a time, as PayPay's checks: the second waits for the first.
      limits: { concurrency: 1 },
      async run(job): Promise<AttemptResult> {
        await new Promise((r) => setTimeout(r, 30));
        done.push(job.payload.n);
        return { outcome: 'succeeded' };
      },
    });
    runner.start();
    await runner.drain();
    t.ctx.db.tx(() => {
      kind.enqueue({ n: 1 });
      kind.enqueue({ n: 2 });
    });
    await runner.drain();
    expect(done.sort()).toEqual([1, 2]);
    const states = t.ctx.db.all(t.ctx.db.k.selectFrom('job').select('state')).map((j) => j.state);
    expect(states).toEqual(['succeeded', 'succeeded']);
  });
});
