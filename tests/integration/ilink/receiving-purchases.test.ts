import { afterEach, describe, expect, it } from 'vitest';
import { createTestCore } from '../../helpers/core';
import { purchaseXml } from '../../helpers/purchase-xml';
import { configureForSim, control, documents, simulator } from './ilink-helpers';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/**
 * The iLink wire and the purchases domain together, as the core wires them (no test importer): a supplier's
 * invoice posted to the simulator becomes a purchase with its supplier after one receiving round, iLink gets
 * the import ack, and the manager's rejection reaches iLink through the decision job.
 */
describe('iLink receiving → purchases', () => {
  it('registers the received invoice as a purchase with its supplier, acks it, and posts the rejection', async () => {
    const sim = await simulator();
    cleanups.push(() => sim.close());
    const t = await createTestCore({ cash: { settings: { kind: 'none' } } });
    cleanups.push(() => t.close());
    configureForSim(t.core, sim, { receive: true });

    const xml = purchaseXml({
      number: 'FT FORN/42',
      sellerVat: 'PT501964843',
      sellerName: 'Fornecedor & Filhos',
    });
    const posted = (await control(sim, '/control/received', xml)) as { id: string; number: string };
    const hostile = (await control(
      sim,
      '/control/received?nif=599999993',
      '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><Invoice>&e;</Invoice>',
    )) as { id: string };

    expect(await t.core.ilink.receive()).toEqual({ ok: true, imported: 1, refused: 1 });
    const list = t.core.purchases.list({});
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({
      number: 'FT FORN/42',
      state: 'registado',
      supplier: { vat: '501964843', name: 'Fornecedor & Filhos' },
    });
    const received = (await documents(sim)).received;
    expect(received.find((d) => d.id === posted.id)?.imported?.success).toBe(true);
    const refused = received.find((d) => d.id === hostile.id)?.imported;
    expect(refused?.success).toBe(false);
    expect(refused?.response).toMatch(/DOCTYPE|DTD|entidade/i);

    t.core.purchases.reject(list[0]!.id, 'Preço errado', 2);
    await t.core.jobs.drain();
    const after = (await documents(sim)).received.find((d) => d.id === posted.id);
    expect(after?.decision).toEqual({ accepted: false, reason: 'Preço errado' });
  }, 90_000);
});
