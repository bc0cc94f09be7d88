import { afterEach, describe, expect, it } from 'vitest';
import { sendKey } from '../../../electron/core/integrations/ilink/sending';
import type { IlinkSimulator } from '../../../electron/simulators/ilink';
import { createTestCore, type TestCore } from '../../helpers/core';
import { articleOf } from '../fiscal/fiscal-helpers';
import { BUYER, configureForSim, documents, simulator, takesEinvoices } from './ilink-helpers';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const OTHER = {
  nif: '503504564',
  name: 'Sem Fatura Eletrónica, SA',
  address: 'Rua B 2',
  postalCode: '4000-001',
  city: 'Porto',
};

async function setup(): Promise<{ t: TestCore; sim: IlinkSimulator }> {
  const sim = await simulator();
  cleanups.push(() => sim.close());
  const t = await createTestCore({ cash: { settings: { kind: 'none' } } });
  cleanups.push(() => t.close());
  return { t, sim };
}

/** An FT issued straight through the fiscal core (no helper flagging the customer). */
const ft = (t: TestCore, customer: typeof BUYER | typeof OTHER) =>
  t.core.fiscal.issue(
    {
      type: 'FT',
      customer: { ...customer },
      lines: [{ articleId: articleOf(t.core, 'NOR').id, quantity: '1' }],
    },
    1,
  );

/**
 * Issue 12 item 3 (bo-print): the customer's "faturação eletrónica via iLink" decides whether its documents go
 * to iLink; the terminal's sending setting still decides whether anything goes (the stricter wins).
 * Through the outbox: the `ilink.send` job row written in the issuing transaction, then the simulator.
 */
describe('iLink sends only for customers with e-invoicing on', () => {
  it('auto: an FT to a flagged customer is queued and delivered; one to an unflagged customer is not', async () => {
    const { t, sim } = await setup();
    configureForSim(t.core, sim);
    takesEinvoices(t.core, BUYER);
    const yes = ft(t, BUYER);
    const no = ft(t, OTHER);
    // The outbox row is there (same transaction as the document) only for the flagged customer.
    expect(t.core.jobs.byKey(sendKey(yes.docNo, 0))).toMatchObject({ kind: 'ilink.send' });
    expect(t.core.jobs.byKey(sendKey(no.docNo, 0))).toBeUndefined();
    expect(t.core.ilink.store.get(yes.id)).toMatchObject({ state: 'queued' });
    expect(t.core.ilink.store.get(no.id)).toBeUndefined();
    await t.core.jobs.drain();
    expect((await documents(sim)).issued.map((d) => d.number)).toEqual([yes.docNo]);

    // Turning the flag on later: the next document goes; the earlier one was not for iLink.
    takesEinvoices(t.core, OTHER);
    const later = ft(t, OTHER);
    expect(t.core.jobs.byKey(sendKey(later.docNo, 0))).toMatchObject({ kind: 'ilink.send' });
    expect(t.core.jobs.byKey(sendKey(no.docNo, 0))).toBeUndefined();
  });

  it('the global setting still wins: off sends nothing, manual only lists the flagged customer', async () => {
    const { t, sim } = await setup();
    takesEinvoices(t.core, BUYER);
    // Sending off (the default): nothing, even for a flagged customer.
    const before = ft(t, BUYER);
    expect(t.core.jobs.byKey(sendKey(before.docNo, 0))).toBeUndefined();
    expect(t.core.ilink.store.get(before.id)).toBeUndefined();
    const unflagged = ft(t, OTHER);
    // Turning sending on queues the earlier documents of flagged customers only.
    const { queued } = configureForSim(t.core, sim);
    expect(queued).toBe(1);
    expect(t.core.jobs.byKey(sendKey(before.docNo, 0))).toMatchObject({ kind: 'ilink.send' });
    expect(t.core.jobs.byKey(sendKey(unflagged.docNo, 0))).toBeUndefined();

    t.core.ilink.configure({ send: 'manual' });
    const m1 = ft(t, BUYER);
    const m2 = ft(t, OTHER);
    expect(t.core.ilink.store.get(m1.id)).toMatchObject({ state: 'manual', job_id: null });
    expect(t.core.ilink.store.get(m2.id)).toBeUndefined();
    expect(t.core.jobs.byKey(sendKey(m1.docNo, 0))).toBeUndefined();
  });
});
