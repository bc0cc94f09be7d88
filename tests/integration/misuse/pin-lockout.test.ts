import { afterEach, describe, expect, it } from 'vitest';
import { fixedClock, systemClock, type Clock } from '../../../electron/core/util/clock';
import type { TestCore } from '../../helpers/core';
import { openShift, salesCore } from '../sales/sales-helpers';
import { httpApi } from './http';

/**
 * Issue 9 §C.7 over real HTTP: manager PINs cannot be guessed without limit (auth/verify-manager and
 * `approval.pin` share the terminal's approval lockout), lockouts grow, failures are audited, and PIN hashing
 * does not hold the event loop.
 */
let tc: TestCore | null = null;
let api: Awaited<ReturnType<typeof httpApi>> | null = null;
afterEach(async () => {
  await api?.srv.close();
  await tc?.close();
  api = null;
  tc = null;
});

async function start<C extends Clock>(clock: C) {
  tc = await salesCore({ clock });
  api = await httpApi(tc);
  return { tc, api, clock };
}

const audit = (t: TestCore, action: string) =>
  t.core.ctx.db
    .all(t.core.ctx.db.k.selectFrom('audit_log').selectAll().where('action', '=', action).orderBy('id'))
    .map((r) => ({ ...(JSON.parse(r.details) as PinFailed), operatorId: r.operator_id }));

interface PinFailed {
  operatorId: number | null;
  scope?: string;
  locked?: boolean;
  lockSeconds?: number;
}

describe('manager PIN guessing', () => {
  it('verify-manager locks after 5 wrong PINs, refuses the right one while locked, and locks longer next time', async () => {
    const { tc, api, clock } = await start(fixedClock('2026-03-02T10:00:00Z'));
    const caixa = await api.login(1, '1111');
    for (let i = 0; i < 5; i++) {
      const pin = String(1000 + i);
      expect(await api.call('auth/verify-manager', { pin }, caixa)).toMatchObject({
        status: 403,
        error: { code: 'FORBIDDEN' },
      });
    }
    const locked = await api.call('auth/verify-manager', { pin: '9999' }, caixa);
    expect(locked).toMatchObject({ status: 429, error: { code: 'RATE_LIMITED', details: { seconds: 60 } } });
    expect(locked.error?.message).toContain('Aguarde 60 s');
    // approval.pin draws on the same budget: no second oracle through a sales channel.
    await openShift(tc, caixa);
    expect(
      await api.call('sales/set-discount', { pct: '50', approval: { pin: '9999' } }, caixa),
    ).toMatchObject({ status: 429 });

    clock.advance(61_000);
    expect(await api.call('auth/verify-manager', { pin: '9999' }, caixa)).toMatchObject({
      ok: true,
      value: { role: 'gerente' },
    });
    // A right PIN resets the count and the growth.
    for (let i = 0; i < 5; i++) await api.call('auth/verify-manager', { pin: '0000' }, caixa);
    expect(await api.call('auth/verify-manager', { pin: '9999' }, caixa)).toMatchObject({
      error: { details: { seconds: 60 } },
    });
    clock.advance(61_000);
    // Five more wrong without a right one in between: the next lockout is twice as long.
    for (let i = 0; i < 5; i++)
      await api.call('sales/set-discount', { pct: '50', approval: { pin: '0000' } }, caixa);
    expect(await api.call('auth/verify-manager', { pin: '9999' }, caixa)).toMatchObject({
      status: 429,
      error: { details: { seconds: 120 } },
    });
    clock.advance(61_000);
    expect(await api.call('auth/verify-manager', { pin: '9999' }, caixa)).toMatchObject({ status: 429 });
    clock.advance(60_000);
    expect((await api.call('auth/verify-manager', { pin: '9999' }, caixa)).ok).toBe(true);

    const failed = audit(tc, 'auth.pin-failed');
    expect(failed).toHaveLength(15);
    expect(failed.every((f) => f.scope === 'approval:terminal' && f.operatorId === 1)).toBe(true);
    expect(failed.filter((f) => f.locked).map((f) => f.lockSeconds)).toEqual([60, 60, 120]);
  });

  it('parallel guesses cannot slip under the limit: at most 5 PINs are ever compared', async () => {
    const { tc, api } = await start(fixedClock('2026-03-02T10:00:00Z'));
    const caixa = await api.login(1, '1111');
    const replies = await Promise.all(
      Array.from({ length: 30 }, (_v, i) =>
        api.call('auth/verify-manager', { pin: String(2000 + i) }, caixa),
      ),
    );
    const statuses = replies.map((r) => r.status);
    expect(statuses.filter((s) => s === 403)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(25);
    expect(await api.call('auth/verify-manager', { pin: '9999' }, caixa)).toMatchObject({ status: 429 });
    expect(audit(tc, 'auth.pin-failed')).toHaveLength(5);
  });

  it('login lockouts grow too, per operator, and are audited', async () => {
    const { tc, api, clock } = await start(fixedClock('2026-03-02T10:00:00Z'));
    const wrong = () => api.call('auth/login', { operatorId: 2, pin: '0000' });
    for (let i = 0; i < 5; i++) expect(await wrong()).toMatchObject({ status: 401 });
    expect(await api.call('auth/login', { operatorId: 2, pin: '9999' })).toMatchObject({
      status: 429,
      error: { details: { seconds: 60 } },
    });
    // Another operator is not locked by it.
    expect((await api.call('auth/login', { operatorId: 1, pin: '1111' })).ok).toBe(true);
    clock.advance(61_000);
    for (let i = 0; i < 5; i++) await wrong();
    expect(await api.call('auth/login', { operatorId: 2, pin: '9999' })).toMatchObject({
      error: { details: { seconds: 120 } },
    });
    const locks = audit(tc, 'auth.pin-failed').filter((f) => f.locked);
    expect(locks).toMatchObject([
      { scope: 'operator:2', operatorId: 2, lockSeconds: 60 },
      { scope: 'operator:2', operatorId: 2, lockSeconds: 120 },
    ]);
  });
});

describe('PIN hashing and the event loop', () => {
  it('/api/health answers while 40 wrong PIN checks are in flight', async () => {
    const { tc, api } = await start(systemClock);
    // Eight operators × 5 wrong PINs: 40 real scrypt comparisons, none refused early by a lockout.
    const ids = Array.from(
      { length: 8 },
      (_v, i) => tc.core.auth.createOperator(`Teste ${i}`, 'caixa', '4321').id,
    );
    // Dispatched in-process (as the HTTP server does, without the network in between, so that the 40 checks
    // are surely in flight before health is asked): a synchronous hash would run all 40 before health.
    let finished = 0;
    const logins = ids.flatMap((id) =>
      Array.from({ length: 5 }, (_v, i) =>
        tc.core
          .dispatch('auth/login', { operatorId: id, pin: String(5000 + i) }, { transport: 'http' })
          .then((r) => {
            finished++;
            return r;
          }),
      ),
    );
    const health = await api.health();
    const finishedWhenHealthAnswered = finished;
    const replies = await Promise.all(logins);
    expect(health).toBe(200);
    expect(replies.every((r) => !r.ok && r.error.code === 'UNAUTHENTICATED')).toBe(true);
    expect(finishedWhenHealthAnswered).toBeLessThan(40);
  }, 60_000);
});
