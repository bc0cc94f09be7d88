import { afterEach, describe, expect, it } from 'vitest';
import { POLL_INTERVAL_MS } from '../../../electron/core/integrations/ilink/service';
import { fixedClock } from '../../../electron/core/util/clock';
import { createTestCore } from '../../helpers/core';
import { fakeScheduler } from '../../helpers/fake-scheduler';
import { control, documents, issueFt } from './ilink-helpers';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function until(cond: () => boolean, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('iLink on a training terminal', () => {
  it('sends to the in-process simulator by default, and the periodic round brings the state back', async () => {
    const clock = fixedClock('2026-03-02T10:00:00.000Z');
    const scheduler = fakeScheduler(clock);
    const t = await createTestCore({ clock, scheduler, cash: { settings: { kind: 'none' } } });
    cleanups.push(() => t.close());
    t.core.ilink.configure({ send: 'auto', pdf: false });
    expect(t.core.ilink.simulator()).toBeNull();
    const ft = issueFt(t.core);
    await t.core.jobs.drain();
    const sim = await t.core.ilink.simulator()!;
    expect(sim.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/v1\/pt$/);
    expect((await documents(sim)).issued.map((d) => d.number)).toEqual([ft.docNo]);

    await control(sim, '/control/state', { number: ft.docNo, state: 'accepted' });
    scheduler.advance(POLL_INTERVAL_MS);
    await until(
      () => t.core.ilink.store.get(ft.id)?.state === 'accepted',
      10_000,
      'accepted by the periodic round',
    );
  });

  it('refuses a real iLink host with a clear message', async () => {
    const t = await createTestCore({ cash: { settings: { kind: 'none' } } });
    cleanups.push(() => t.close());
    expect(() => t.core.ilink.configure({ baseUrl: 'https://ilink.pt/ilink-api/api/v1/pt' })).toThrow(
      /modo formação: só envia para simuladores neste computador.*ilink\.pt.*recusado/,
    );
  });
});
