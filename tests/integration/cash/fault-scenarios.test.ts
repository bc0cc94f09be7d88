import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GloryDevice } from '../../../electron/core/devices/glory/device';
import type { GlorySimulator } from '../../../electron/simulators/glory';
import { tempDir } from '../../helpers/tmp';
import {
  control,
  expectAgreement,
  insert,
  machineCode,
  nextEvent,
  openStack,
  startSim,
  until,
  type CashStack,
} from './stack';

/** Driver ⇄ simulator over real sockets: faults, lost links and recovery from the journal (issue 4). */
describe('cash fault scenarios (Glory CI-5 simulator)', () => {
  let tmp: ReturnType<typeof tempDir>;
  let sim: GlorySimulator;
  let stack: CashStack | null;

  beforeEach(async () => {
    tmp = tempDir();
    sim = await startSim();
    stack = null;
  });
  afterEach(async () => {
    await stack?.close();
    await sim.close();
    tmp.cleanup();
  });
  const open = async (o?: Parameters<typeof openStack>[2]) => (stack = await openStack(tmp.dir, sim, o));
  const waitingPayment = () => until(async () => (await machineCode(sim)) === 3, 'WAITING_PAYMENT');
  const exactSale = async (s: CashStack) => {
    const sale = s.cash.sale({ amountDue: '5.00' });
    await waitingPayment();
    await insert(sim, 500);
    return sale;
  };

  it('note jam while counting: operator instruction, reset returns the counted cash', async () => {
    const s = await open();
    const sale = s.cash.sale({ amountDue: '30.00' });
    await waitingPayment();
    await insert(sim, 2000);
    await until(async () => (await machineCode(sim)) === 3, 'counted 20 €');
    const err = nextEvent(s.events, 'cash/error', (e) => e.kind === 'jam');
    await control(sim, '/control/fault', { kind: 'jam', devid: 1 });
    const e = await err;
    expect(e).toMatchObject({ kind: 'jam', unit: 'notes' });
    // Where and what to do (issue 15 item 6): the jam came while counting, so it is at the entrance.
    expect(e.message).toMatch(/^Encravamento na entrada do módulo de notas: abra a tampa.*Repor/);
    await until(() => s.cash.status().phase === 'error', 'error phase');
    expect(s.devices.list()[0].state).toBe('error');
    // Reset before the jam is cleared is refused by the machine.
    await expect(s.cash.reset()).rejects.toMatchObject({ code: 'DEVICE_ERROR' });
    await control(sim, '/control/clear');
    await s.cash.reset();
    const r = await sale;
    expect(r).toMatchObject({ outcome: 'failed', paid: false, received: '20.00', paidOut: '20.00' });
    await expectAgreement(s, sim);
    expect((await exactSale(s)).outcome).toBe('success');
    await expectAgreement(s, sim);
  });

  it('coin door opened: sale refused before sending, works again after close + reset', async () => {
    const s = await open();
    const err = nextEvent(s.events, 'cash/error', (e) => e.kind === 'door');
    await control(sim, '/control/fault', { kind: 'door', devid: 2 });
    expect((await err).message).toMatch(/Porta .*módulo de moedas.*Repor/);
    await until(() => s.cash.status().phase === 'error', 'error phase');
    const rows = s.cash.journal.list(100).length;
    await expect(s.cash.sale({ amountDue: '1.00' })).rejects.toMatchObject({
      code: 'DEVICE_ERROR',
      message: expect.stringMatching(/moedas/),
    });
    expect(s.cash.journal.list(100).length).toBe(rows); // nothing sent, nothing journaled
    await control(sim, '/control/clear');
    await s.cash.reset();
    expect((await exactSale(s)).outcome).toBe('success');
    await expectAgreement(s, sim);
  });

  it('power loss mid-sale: intent stays pending; restart reconciles it from the machine count', async () => {
    const s1 = await open({ reconnectWaitMs: 300 });
    const sale = s1.cash.sale({ amountDue: '30.00' });
    await waitingPayment();
    await insert(sim, 2000);
    await until(async () => (await machineCode(sim)) === 3, 'counted 20 €');
    await control(sim, '/control/fault', { kind: 'power', devid: 1 });
    await expect(sale).rejects.toMatchObject({ code: 'DEVICE_OFFLINE' });
    const pending = s1.cash.journal.pending();
    expect(pending).toHaveLength(1);
    expect(pending[0]).toMatchObject({ kind: 'sale', requested_cents: 3000 });
    await s1.close();
    stack = null;

    await control(sim, '/control/clear'); // power back: the FCC boots without sessions or registrations
    const s2 = await open();
    const row = s2.cash.journal.get(pending[0].id);
    expect(row).toMatchObject({
      status: 'reconciled',
      outcome: 'reconciled',
      in_cents: 2000,
      out_cents: 0,
      needs_ack: 1,
    });
    const review = s2.cash.reviewList();
    expect(review.map((r) => r.id)).toEqual([pending[0].id]);
    expect(review[0].note).toContain('entraram 20,00\u00a0€ e saíram 0,00\u00a0€');
    expect(s2.cash.status().pendingReview).toBe(1);
    s2.cash.acknowledge(pending[0].id, 2, 'Cliente pagou com outro meio; 20 € devolvidos à mão');
    expect(s2.cash.reviewList()).toHaveLength(0);
    await expectAgreement(s2, sim);
  });

  it('network drop while Change is pending: the sale resolves from the count after reconnection', async () => {
    const s = await open();
    const sale = s.cash.sale({ amountDue: '12.30' });
    await waitingPayment();
    await control(sim, '/control/fault', { kind: 'network', devid: 1 });
    await until(() => s.cash.status().phase === 'offline', 'link down');
    // The customer carries on at the machine, which finishes the sale on its own.
    await insert(sim, 2000);
    await until(async () => (await machineCode(sim)) === 7, 'change at the exit');
    await control(sim, '/control/take');
    await until(async () => (await machineCode(sim)) === 1, 'idle');
    await control(sim, '/control/clear');
    const r = await sale;
    expect(r).toMatchObject({ outcome: 'reconciled', paid: true, received: '20.00', paidOut: '7.70' });
    expect(s.cash.reviewList().map((e) => e.id)).toContain(r.journalId);
    await expectAgreement(s, sim);
  });

  it('heartbeat loss: device offline, sales refused; heartbeats back: ready again', async () => {
    const s = await open();
    await control(sim, '/control/fault', { kind: 'heartbeat', devid: 1 });
    await until(() => s.cash.status().phase === 'offline', 'heartbeat lost', 5000);
    expect(s.devices.list()[0].message).toMatch(/sinal de vida/);
    await expect(s.cash.sale({ amountDue: '5.00' })).rejects.toMatchObject({ code: 'DEVICE_OFFLINE' });
    await control(sim, '/control/clear');
    await until(() => s.cash.status().phase === 'ready', 'ready again', 5000);
    expect((await exactSale(s)).outcome).toBe('success');
    await expectAgreement(s, sim);
  });

  it('session timeout: the driver re-opens the session and the sale goes through', async () => {
    const s = await open();
    const before = (await control<{ counters: { open: number } }>(sim, '/control/state')).counters.open;
    await control(sim, '/control/config', { sessionTimeoutMs: 150 });
    await new Promise((r) => setTimeout(r, 300));
    expect((await exactSale(s)).outcome).toBe('success');
    const after = (await control<{ counters: { open: number } }>(sim, '/control/state')).counters.open;
    expect(after).toBeGreaterThan(before);
    await expectAgreement(s, sim);
  });

  it('occupied by another POS: refused with a clear reason until the other releases', async () => {
    const other = new GloryDevice({
      soapUrl: sim.soapUrl,
      eventHost: '127.0.0.1',
      eventBindHost: '127.0.0.1',
      eventPort: 0,
      clientId: 'OutroPosto',
      heartbeatTimeoutMs: 5000,
    });
    await other.start();
    expect(other.phase).toBe('ready');
    const s = await open();
    expect(s.cash.status().phase).toBe('occupied');
    await expect(s.cash.sale({ amountDue: '5.00' })).rejects.toMatchObject({
      code: 'DEVICE_BUSY',
      message: expect.stringMatching(/outro posto/),
    });
    await other.stop();
    expect((await exactSale(s)).outcome).toBe('success');
    await expectAgreement(s, sim);
  });
});
