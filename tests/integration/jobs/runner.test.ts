import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { backoffBounds, backoffDelayMs, type BackoffPolicy } from '../../../electron/core/jobs/backoff';
import { retryAfterMs } from '../../../electron/core/jobs/retry-after';
import { createJobRunner, type JobRunner } from '../../../electron/core/jobs/runner';
import type { AttemptResult, JobRun } from '../../../electron/core/jobs/types';
import { fixedClock } from '../../../electron/core/util/clock';
import { openTestContext, type TestContext } from '../../helpers/context';
import { fakeScheduler } from '../../helpers/fake-scheduler';
import { tempDir } from '../../helpers/tmp';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const Payload = z.object({ n: z.number().int() });
type Payload = z.infer<typeof Payload>;

async function setup(opts: { random?: () => number } = {}) {
  const tmp = tempDir();
  cleanups.push(tmp.cleanup);
  const clock = fixedClock('2026-03-02T10:00:00.000Z');
  const scheduler = fakeScheduler(clock);
  const t: TestContext = await openTestContext(tmp.dir, { clock });
  cleanups.push(() => t.close());
  const runner: JobRunner = createJobRunner({
    db: t.ctx.db,
    clock,
    terminalId: 'T1',
    log: t.ctx.log,
    scheduler,
    random: opts.random ?? (() => 0.5),
    leaseMs: 10_000,
  });
  cleanups.push(() => runner.stop());
  return { t, clock, scheduler, runner, db: t.ctx.db };
}

const BACKOFF: BackoffPolicy = { baseMs: 1000, factor: 2, maxMs: 60_000, jitter: 0.3 };

describe('back-off with jitter', () => {
  it('stays within its bounds, grows, and is capped', () => {
    for (let attempt = 1; attempt <= 12; attempt++) {
      const { min, max } = backoffBounds(BACKOFF, attempt);
      for (const r of [0, 0.25, 0.5, 0.999999]) {
        const d = backoffDelayMs(BACKOFF, attempt, () => r);
        expect(d).toBeGreaterThanOrEqual(min);
        expect(d).toBeLessThanOrEqual(max);
      }
      expect(max).toBeLessThanOrEqual(60_000);
    }
    expect(backoffDelayMs(BACKOFF, 1, () => 0)).toBe(1000);
    expect(backoffDelayMs(BACKOFF, 3, () => 0)).toBe(4000);
    expect(backoffDelayMs(BACKOFF, 3, () => 0.999999)).toBe(2800);
    expect(backoffDelayMs(BACKOFF, 20, () => 0)).toBe(60_000);
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = new Date('2026-03-02T10:00:00Z');
    expect(retryAfterMs('120', now)).toBe(120_000);
    expect(retryAfterMs('Mon, 02 Mar 2026 10:00:30 GMT', now)).toBe(30_000);
    expect(retryAfterMs('soon', now)).toBeNull();
    expect(retryAfterMs(null, now)).toBeNull();
  });

  it('schedules the next attempt of a retried job inside the jittered bounds', async () => {
    for (const r of [0, 0.7, 0.999]) {
      const { runner, clock } = await setup({ random: () => r });
      const h = runner.register({
        kind: 'test.flaky',
        payload: Payload,
        partner: () => 'p',
        backoff: BACKOFF,
        run: async () => ({ outcome: 'retry', message: 'falhou' }),
      });
      const job = h.enqueue({ n: 1 });
      for (let attempt = 1; attempt <= 4; attempt++) {
        clock.set(runner.nextDueAt()!);
        const at = clock.now().getTime();
        await runner.drain();
        const row = runner.get(job.id)!;
        expect(row).toMatchObject({ state: 'queued', attempts: attempt, last_error: 'falhou' });
        const delay = Date.parse(row.next_attempt_at) - at;
        const { min, max } = backoffBounds(BACKOFF, attempt);
        expect(delay).toBeGreaterThanOrEqual(min);
        expect(delay).toBeLessThanOrEqual(max);
      }
    }
  });
});

describe('rate limit', () => {
  it('a burst of 1 000 jobs never exceeds 200 attempts in any 60 s window, and uses the allowance', async () => {
    const { runner, clock, db } = await setup();
    const starts: number[] = [];
    const h = runner.register({
      kind: 'test.burst',
      payload: Payload,
      partner: () => 'ilink-like',
      limits: { concurrency: 8, rateLimit: { limit: 200, windowMs: 60_000 } },
      run: async () => {
        starts.push(clock.now().getTime());
        await new Promise((r) => setImmediate(r));
        return { outcome: 'succeeded' };
      },
    });
    db.tx(() => {
      for (let i = 0; i < 1000; i++) h.enqueue({ n: i });
    });
    const t0 = clock.now().getTime();
    for (let round = 0; round < 100; round++) {
      await runner.drain();
      const next = runner.nextDueAt();
      if (!next) break;
      // Time moves in small uneven steps too, so windows that do not start at a batch are checked as well.
      clock.set(new Date(Math.max(next.getTime(), clock.now().getTime() + 7_000)));
    }
    expect(starts).toHaveLength(1000);
    starts.sort((a, b) => a - b);
    for (let i = 0; i < starts.length; i++) {
      // Every window (t − 60 s, t] ending at an attempt holds at most 200 attempts.
      const inWindow = starts.filter((s) => s > starts[i] - 60_000 && s <= starts[i]).length;
      expect(inWindow).toBeLessThanOrEqual(200);
    }
    // The allowance is used: 1 000 attempts in 5 windows, the last batch starting 4 minutes after the first.
    expect(starts[999] - t0).toBeLessThanOrEqual(4 * 60_000 + 7_000);
    expect(runner.nextDueAt()).toBeNull();
  });

  it('the window holds across a restart: a new runner on the same database counts the attempts already made', async () => {
    const { runner, clock, t } = await setup();
    const def = (calls: number[]) => ({
      kind: 'test.window',
      payload: Payload,
      partner: () => 'w',
      limits: { concurrency: 50, rateLimit: { limit: 10, windowMs: 60_000 } },
      run: async (): Promise<AttemptResult> => {
        calls.push(clock.now().getTime());
        return { outcome: 'succeeded' };
      },
    });
    const first: number[] = [];
    const h = runner.register(def(first));
    for (let i = 0; i < 15; i++) h.enqueue({ n: i });
    await runner.drain();
    expect(first).toHaveLength(10);
    await runner.stop();
    clock.advance(30_000);
    const again = createJobRunner({ db: t.ctx.db, clock, terminalId: 'T1', log: t.ctx.log });
    cleanups.push(() => again.stop());
    const second: number[] = [];
    again.register(def(second));
    await again.drain();
    expect(second).toHaveLength(0);
    clock.set(again.nextDueAt()!);
    await again.drain();
    expect(second).toHaveLength(5);
  });

  it('honours Retry-After (429): the whole partner pauses, then resumes', async () => {
    const { runner, clock } = await setup();
    const calls: { n: number; at: number }[] = [];
    let first = true;
    const h = runner.register({
      kind: 'test.429',
      payload: Payload,
      partner: () => 'p429',
      limits: { concurrency: 1 },
      run: async (j: JobRun<Payload>): Promise<AttemptResult> => {
        calls.push({ n: j.payload.n, at: clock.now().getTime() });
        if (first) {
          first = false;
          return {
            outcome: 'retry',
            httpStatus: 429,
            code: 'e429',
            message: 'Demasiados pedidos',
            pauseMs: retryAfterMs('120', clock.now())!,
          };
        }
        return { outcome: 'succeeded' };
      },
    });
    const t0 = clock.now().getTime();
    h.enqueue({ n: 1 });
    h.enqueue({ n: 2 });
    await runner.drain();
    expect(calls).toEqual([{ n: 1, at: t0 }]);
    expect(runner.nextDueAt()!.getTime()).toBe(t0 + 120_000);
    clock.advance(119_000);
    await runner.drain();
    expect(calls).toHaveLength(1);
    clock.advance(1_000);
    await runner.drain();
    expect(calls.map((c) => c.n).sort()).toEqual([1, 1, 2]);
    expect(calls.slice(1).every((c) => c.at === t0 + 120_000)).toBe(true);
  });
});

describe('idempotency and outcomes', () => {
  it('an idempotency key is unique: a second enqueue is the same job, the database refuses a copy', async () => {
    const { runner, db } = await setup();
    const h = runner.register({
      kind: 'test.k',
      payload: Payload,
      partner: () => 'p',
      run: async () => ({ outcome: 'succeeded' }),
    });
    const a = h.enqueue({ n: 1 }, { key: 'doc:FT T1/1' });
    const b = h.enqueue({ n: 2 }, { key: 'doc:FT T1/1' });
    expect(b.id).toBe(a.id);
    expect(db.all(db.k.selectFrom('job').selectAll())).toHaveLength(1);
    expect(() => db.run(db.k.insertInto('job').values({ ...runner.get(a.id)!, id: 'T2-X' }))).toThrow(
      /UNIQUE/,
    );
    expect(a.id).toMatch(/^T1-[0-9A-HJKMNP-TV-Z]{26}$/);
  });

  it('an unknown outcome (timeout after sending) is retried with the same key and never reported as failed', async () => {
    const { runner, clock } = await setup();
    const keys: string[] = [];
    const h = runner.register({
      kind: 'test.unknown',
      payload: Payload,
      partner: () => 'p',
      maxAttempts: 1,
      run: async (j): Promise<AttemptResult> => {
        keys.push(j.idempotencyKey);
        if (keys.length < 3)
          return { outcome: 'unknown', request: 'POST /docs', message: 'Sem resposta (tempo esgotado)' };
        return { outcome: 'succeeded', httpStatus: 201, result: { remoteId: 'R1' } };
      },
    });
    const job = h.enqueue({ n: 1 }, { key: 'k-1' });
    for (let i = 0; i < 3; i++) {
      await runner.drain();
      const row = runner.get(job.id)!;
      expect(['queued', 'succeeded']).toContain(row.state);
      if (row.state === 'queued') clock.set(runner.nextDueAt()!);
    }
    expect(keys).toEqual(['k-1', 'k-1', 'k-1']);
    expect(runner.get(job.id)).toMatchObject({
      state: 'succeeded',
      attempts: 3,
      result: '{"remoteId":"R1"}',
    });
    expect(runner.attempts(job.id).map((a) => [a.attempt, a.outcome, a.request_summary])).toEqual([
      [1, 'unknown', 'POST /docs'],
      [2, 'unknown', 'POST /docs'],
      [3, 'succeeded', null],
    ]);
    // A handler that throws is also an unknown outcome, not a failure.
    const t = runner.register({
      kind: 'test.throws',
      payload: Payload,
      partner: () => 'p2',
      run: async () => {
        throw new Error('socket hang up');
      },
    });
    const j2 = t.enqueue({ n: 2 });
    await runner.drain();
    expect(runner.get(j2.id)).toMatchObject({
      state: 'queued',
      last_outcome: 'unknown',
      last_error: 'socket hang up',
    });
  });

  it('a permanent refusal fails the job for good; retries stop at maxAttempts (dead); every attempt is recorded', async () => {
    const { runner, clock } = await setup();
    const p = runner.register({
      kind: 'test.permanent',
      payload: Payload,
      partner: () => 'p',
      run: async () => ({
        outcome: 'permanent',
        httpStatus: 422,
        code: 'e217',
        message: '[BR-CO-25] falta a data de vencimento',
      }),
    });
    const r = runner.register({
      kind: 'test.retry',
      payload: Payload,
      partner: () => 'q',
      maxAttempts: 2,
      run: async () => ({ outcome: 'retry', httpStatus: 503, message: 'Serviço indisponível' }),
    });
    const a = p.enqueue({ n: 1 });
    const b = r.enqueue({ n: 1 });
    await runner.drain();
    clock.set(runner.nextDueAt()!);
    await runner.drain();
    expect(runner.get(a.id)).toMatchObject({ state: 'failed', attempts: 1 });
    expect(runner.attempts(a.id)).toMatchObject([
      {
        outcome: 'permanent',
        http_status: 422,
        error_code: 'e217',
        error_message: '[BR-CO-25] falta a data de vencimento',
      },
    ]);
    expect(runner.get(b.id)).toMatchObject({ state: 'dead', attempts: 2 });
    expect(runner.nextDueAt()).toBeNull();
    expect(runner.requeue(a.id)).toBe(true);
    expect(runner.get(a.id)?.state).toBe('queued');
  });

  it('a payload that no longer matches its kind schema fails permanently instead of reaching the handler', async () => {
    const { runner, db } = await setup();
    let ran = false;
    const h = runner.register({
      kind: 'test.schema',
      payload: Payload,
      partner: () => 'p',
      run: async () => {
        ran = true;
        return { outcome: 'succeeded' };
      },
    });
    const j = h.enqueue({ n: 1 });
    db.run(db.k.updateTable('job').set({ payload: '{"n":"x"}' }).where('id', '=', j.id));
    await runner.drain();
    expect(ran).toBe(false);
    expect(runner.get(j.id)?.state).toBe('failed');
    expect(() => h.enqueue({ n: 1.5 } as Payload)).toThrow();
  });
});

describe('crash safety and order', () => {
  it('a job left running by a dead process is taken back at once; a live lease is respected until it expires', async () => {
    const { runner, clock, db } = await setup();
    let runs = 0;
    const h = runner.register({
      kind: 'test.lease',
      payload: Payload,
      partner: () => 'p',
      limits: { concurrency: 2 },
      run: async () => {
        runs++;
        return { outcome: 'succeeded' };
      },
    });
    const dead = h.enqueue({ n: 1 });
    const live = h.enqueue({ n: 2 });
    const lease = new Date(clock.now().getTime() + 30_000).toISOString();
    const os = await import('node:os');
    // pid 2**22+1 does not exist (above Linux's pid_max); pid 1 (init) always does.
    db.run(
      db.k
        .updateTable('job')
        .set({ state: 'running', lease_owner: `${os.hostname()}:4194305:aa`, lease_until: lease })
        .where('id', '=', dead.id),
    );
    db.run(
      db.k
        .updateTable('job')
        .set({ state: 'running', lease_owner: `${os.hostname()}:1:bb`, lease_until: lease })
        .where('id', '=', live.id),
    );
    await runner.drain();
    expect(runs).toBe(1);
    expect(runner.get(dead.id)?.state).toBe('succeeded');
    expect(runner.get(live.id)?.state).toBe('running');
    clock.advance(30_001);
    await runner.drain();
    expect(runs).toBe(2);
    expect(runner.get(live.id)).toMatchObject({ state: 'succeeded' });
  });

  it('an ordered partner runs strictly in order: a failing head holds the rest', async () => {
    const { runner } = await setup();
    const seen: number[] = [];
    let fail = true;
    const h = runner.register({
      kind: 'test.ordered',
      payload: Payload,
      partner: () => 'printer',
      limits: { ordered: true },
      backoff: { baseMs: 1000, factor: 2, maxMs: 30_000, jitter: 0 },
      run: async (j): Promise<AttemptResult> => {
        seen.push(j.payload.n);
        return fail && j.payload.n === 1
          ? { outcome: 'retry', message: 'sem papel' }
          : { outcome: 'succeeded' };
      },
    });
    h.enqueue({ n: 1 });
    h.enqueue({ n: 2 });
    h.enqueue({ n: 3 });
    await runner.drain();
    expect(seen).toEqual([1]);
    fail = false;
    await runner.drain({ force: ['test.ordered'] });
    expect(seen).toEqual([1, 1, 2, 3]);
  });

  it('started, it wakes on enqueue and sleeps until the next due job on the injected scheduler', async () => {
    const { runner, scheduler } = await setup();
    let n = 0;
    const h = runner.register({
      kind: 'test.bg',
      payload: Payload,
      partner: () => 'p',
      backoff: { baseMs: 5000, factor: 1, maxMs: 5000, jitter: 0 },
      run: async (): Promise<AttemptResult> =>
        ++n === 1 ? { outcome: 'retry', network: true } : { outcome: 'succeeded' },
    });
    runner.start();
    const j = h.enqueue({ n: 1 });
    await runner.drain();
    expect(n).toBe(1);
    scheduler.advance(4_999);
    await runner.drain();
    expect(n).toBe(1);
    scheduler.advance(1);
    await runner.drain();
    expect(n).toBe(2);
    expect(runner.get(j.id)?.state).toBe('succeeded');
  });

  it('started, a job enqueued by a request starts after that request is done, not inside it (nor inside a wake())', async () => {
    const { runner, db } = await setup();
    const ran: string[] = [];
    const h = runner.register({
      kind: 'test.receipt',
      payload: Payload,
      partner: () => 'printer',
      run: async (job: JobRun<Payload>): Promise<AttemptResult> => {
        ran.push(`job ${job.payload.n}`);
        return { outcome: 'succeeded' };
      },
    });
    runner.start();
    // The request: a transaction enqueues, commits, then the request goes on (in a sale: its answer is written).
    db.tx(() => h.enqueue({ n: 1 }));
    runner.wake();
    ran.push('answer');
    await Promise.resolve();
    ran.push('microtasks');
    await new Promise((r) => setImmediate(r));
    await runner.drain();
    expect(ran).toEqual(['answer', 'microtasks', 'job 1']);
    // Outside a transaction as well.
    h.enqueue({ n: 2 });
    ran.push('answer 2');
    await new Promise((r) => setImmediate(r));
    await runner.drain();
    expect(ran.slice(3)).toEqual(['answer 2', 'job 2']);
  });
});
