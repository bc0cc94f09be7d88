import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startGlorySimulator, type GlorySimulator } from '../../../electron/simulators/glory';
import { PosError } from '../../../shared/errors';
import { createTestCore, type TestCore } from '../../helpers/core';
import { tempDir } from '../../helpers/tmp';
import { freePort, gloryOnLoopback, until } from './glory-helpers';

/**
 * Issue 9 A.1/A.2 at the real boundary: a core process is SIGKILLed in the middle of a CI-5 payment while the
 * machine (the simulator, in this test process, so it outlives the POS like a real CI-5) carries on over its
 * SOAP/event wire. The restarted core must settle the payment from the machine's own record — never "failed",
 * never a second charge — and must be able to use the machine again at once (no "em uso por outro posto").
 */
const CHILD = path.resolve(import.meta.dirname, 'crash-child.mjs');

function runChild(args: string[]): Promise<{ signal: NodeJS.Signals | null; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CHILD, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('exit', (_code, signal) => resolve({ signal, err }));
  });
}

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function control(sim: GlorySimulator, route: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${sim.controlUrl}${route}`, {
    method: body === undefined ? 'GET' : 'POST',
    ...(body !== undefined
      ? { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }
      : {}),
  });
  return res.json();
}

/** The customer feeds a 5 € note for the 1.89 € sale: the machine keeps 1.89 € and pays 3.11 € change. */
async function customerPaysFive(sim: GlorySimulator): Promise<void> {
  const r = (await control(sim, '/control/insert', { denominations: [{ fv: 500, piece: 1 }] })) as {
    accepted: unknown[];
  };
  expect(r.accepted).toHaveLength(1);
}

const machineIdle = (sim: GlorySimulator) => (): boolean =>
  sim.machine.code === 1 && sim.machine.tx.tx === null;

async function setup(): Promise<{ dir: string; sim: GlorySimulator; port: number }> {
  const tmp = tempDir();
  cleanups.push(() => tmp.cleanup());
  // Default FCC session time (60 min): a restarted POS that cannot reuse/close its session stays locked out.
  const sim = await startGlorySimulator({ settings: { heartbeatMs: 200, autoTakeMs: 20 } });
  cleanups.push(() => sim.close());
  return { dir: tmp.dir, sim, port: await freePort() };
}

async function restart(dir: string, sim: GlorySimulator, port: number): Promise<TestCore> {
  const t = await createTestCore({ dataDir: dir, cash: { settings: gloryOnLoopback(sim.soapUrl, port) } });
  cleanups.push(() => t.core.stop('test'));
  return t;
}

function saleState(t: TestCore, saleId: number) {
  const db = t.core.ctx.db;
  return {
    sale: db.get(db.k.selectFrom('sale').selectAll().where('id', '=', saleId))!,
    payments: db.all(db.k.selectFrom('sale_payment').selectAll().where('sale_id', '=', saleId)),
    journal: db.all(
      db.k
        .selectFrom('cash_journal')
        .selectAll()
        .where('kind', '=', 'sale')
        .where('reference', 'like', `venda ${saleId} %`),
    ),
    documents: db.all(db.k.selectFrom('fiscal_document').selectAll().where('doc_type', '=', 'FS')),
  };
}

async function lastSaleId(t: TestCore): Promise<number> {
  const db = t.core.ctx.db;
  return db.get(db.k.selectFrom('sale').select('id').orderBy('id', 'desc'))!.id;
}

async function refusedCode(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (e instanceof PosError) return e.code;
    throw e;
  }
  return 'accepted';
}

describe('CI-5 payment interrupted by a crash (issue 9 A.1, A.2)', () => {
  it('a pay-in the dead POS left open in the machine is cancelled at restart: the cash comes back, the machine is free', async () => {
    const { dir, sim, port } = await setup();
    const stock = sim.machine.inventory().totalCents;
    const r = await runChild([dir, 'glory-deposit', sim.soapUrl, String(port)]);
    expect(r.err).toBe('');
    expect(r.signal).toBe('SIGKILL');
    // The operator had fed 2 € when the POS died; nobody will end that deposit but the restarted POS.
    await control(sim, '/control/insert', { denominations: [{ fv: 200, piece: 1 }] });
    expect(machineIdle(sim)()).toBe(false);

    const t = await restart(dir, sim, port);
    await t.core.sales.whenRecovered();
    await until('the orphaned deposit to be cancelled', machineIdle(sim));
    await until('the journal entry to be settled', () => {
      const db = t.core.ctx.db;
      const row = db.get(db.k.selectFrom('cash_journal').selectAll().where('kind', '=', 'deposit'));
      return row?.status === 'reconciled';
    });
    expect(sim.machine.inventory().totalCents).toBe(stock); // the 2 € went back out
    const gerente = await t.login('gerente');
    expect(await t.call('cash/inventory', {}, gerente)).toMatchObject({ agrees: true });
    const caixa = await t.login('caixa');
    await until(
      'the machine to be ready',
      async () => (await t.call('cash/status', {}, caixa)).phase === 'ready',
    );
    await t.call('sales/add-line', { articleId: 1 }, caixa);
    const paying = await t.call('sales/pay-start', { method: 'cash-machine' }, caixa);
    await until('the machine to wait for cash', () => sim.machine.code === 3);
    await control(sim, '/control/insert', { denominations: [{ fv: 200, piece: 1 }] });
    await t.core.sales.checkout.settled(paying.payment!.id);
    expect(saleState(t, paying.sale.id).sale.status).toBe('completed');
  }, 60_000);

  it('a change replenishment the dead POS left open is cancelled at restart: the coins come back, the machine is free (found by the 2 000-sale soak)', async () => {
    const { dir, sim, port } = await setup();
    const stock = sim.machine.inventory().totalCents;
    const r = await runChild([dir, 'glory-replenish', sim.soapUrl, String(port)]);
    expect(r.err).toBe('');
    expect(r.signal).toBe('SIGKILL');
    // The manager had fed 1 € of coins when the POS died: the machine waits for the end of the replenishment
    // (status 16), which nobody but the restarted POS will ever send.
    await control(sim, '/control/insert', { denominations: [{ fv: 100, piece: 1 }] });
    expect(sim.machine.code).toBe(16);

    const t = await restart(dir, sim, port);
    await t.core.sales.whenRecovered();
    await until('the orphaned replenishment to be cancelled', machineIdle(sim));
    await until('the journal entry to be settled', () => {
      const db = t.core.ctx.db;
      const row = db.get(db.k.selectFrom('cash_journal').selectAll().where('kind', '=', 'replenish'));
      return row?.status === 'reconciled';
    });
    expect(sim.machine.inventory().totalCents).toBe(stock); // the 1 € went back out
    const gerente = await t.login('gerente');
    expect(await t.call('cash/inventory', {}, gerente)).toMatchObject({ agrees: true });
    const caixa = await t.login('caixa');
    await until(
      'the machine to be ready',
      async () => (await t.call('cash/status', {}, caixa)).phase === 'ready',
    );
  }, 60_000);

  it('customer paid while the POS was dead: one charge, one document, and the machine is usable at once', async () => {
    const { dir, sim, port } = await setup();
    const r = await runChild([dir, 'glory', sim.soapUrl, String(port)]);
    expect(r.err).toBe('');
    expect(r.signal).toBe('SIGKILL');
    await customerPaysFive(sim);
    await until('the machine to finish the orphaned sale', machineIdle(sim));

    const t = await restart(dir, sim, port);
    await t.core.sales.whenRecovered();
    const saleId = await lastSaleId(t);
    await until('the sale to complete', () => saleState(t, saleId).sale.status === 'completed');

    const s = saleState(t, saleId);
    expect(s.payments).toHaveLength(1);
    expect(s.payments[0]).toMatchObject({
      status: 'settled',
      amount: '1.89',
      tendered: '5.00',
      change_given: '3.11',
    });
    expect(s.documents).toHaveLength(1);
    expect(s.sale.document_id).toBe(s.documents[0].id);
    expect(s.journal).toHaveLength(1);
    expect(s.journal[0]).toMatchObject({ status: 'reconciled', in_cents: 500, out_cents: 311 });
    const gerente = await t.login('gerente');
    expect(await t.call('cash/inventory', {}, gerente)).toMatchObject({ agrees: true });

    // A.2: the restarted terminal re-uses its session on the machine and can take the next payment now.
    const caixa = await t.login('caixa');
    expect(await t.call('cash/status', {}, caixa)).toMatchObject({ phase: 'ready' });
    await t.call('sales/add-line', { articleId: 1 }, caixa);
    const paying = await t.call('sales/pay-start', { method: 'cash-machine' }, caixa);
    await until('the machine to wait for cash', () => sim.machine.code === 3);
    await control(sim, '/control/insert', { denominations: [{ fv: 200, piece: 1 }] });
    await t.core.sales.checkout.settled(paying.payment!.id);
    const next = saleState(t, paying.sale.id);
    expect(next.sale.status).toBe('completed');
    expect(next.documents).toHaveLength(2);
    expect(await t.call('cash/inventory', {}, gerente)).toMatchObject({ agrees: true });
  }, 60_000);

  it('customer pays after the restart: "a verificar com a máquina", no second payment, then settled once', async () => {
    const { dir, sim, port } = await setup();
    const r = await runChild([dir, 'glory', sim.soapUrl, String(port)]);
    expect(r.signal).toBe('SIGKILL');

    const t = await restart(dir, sim, port);
    await t.core.sales.whenRecovered();
    const saleId = await lastSaleId(t);
    const caixa = await t.login('caixa');
    const view = (await t.call('sales/current', {}, caixa))!;
    expect(view.id).toBe(saleId);
    expect(view.payments).toHaveLength(1);
    expect(view.payments[0].status).toBe('unknown');
    expect(view.payments[0].message).toContain('A verificar com a máquina');
    expect(view.payments[0].message).not.toContain('repita');
    // The till refuses a second payment for the same sale while the first one is being verified.
    expect(
      await refusedCode(t.call('sales/pay-start', { method: 'cash-manual', tendered: '5.00' }, caixa)),
    ).toBe('CONFLICT');

    await customerPaysFive(sim);
    await until('the sale to complete', () => saleState(t, saleId).sale.status === 'completed');
    const s = saleState(t, saleId);
    expect(s.payments.map((p) => p.status)).toEqual(['settled']);
    expect(s.documents).toHaveLength(1);
    expect(s.journal[0]).toMatchObject({ in_cents: 500, out_cents: 311 });
    const gerente = await t.login('gerente');
    expect(await t.call('cash/inventory', {}, gerente)).toMatchObject({ agrees: true });
  }, 60_000);

  it('the customer walks away after the restart: the cashier stops the sale in the machine, the coin comes back', async () => {
    const { dir, sim, port } = await setup();
    const r = await runChild([dir, 'glory', sim.soapUrl, String(port)]);
    expect(r.signal).toBe('SIGKILL');
    expect(sim.machine.insert([{ fv: 100, piece: 1 }]).accepted).toHaveLength(1);
    const stock = sim.machine.inventory().totalCents;

    const t = await restart(dir, sim, port);
    const saleId = await lastSaleId(t);
    const caixa = await t.login('caixa');
    await until(
      'the machine to be ours',
      async () => (await t.call('cash/status', {}, caixa)).phase !== 'connecting',
    );
    const paymentId = saleState(t, saleId).payments[0].id;
    await t.call('sales/pay-cancel', { paymentId }, caixa);
    await until('the payment to end', () => saleState(t, saleId).payments[0].status !== 'unknown');
    const s = saleState(t, saleId);
    expect(s.payments[0].status).toBe('failed');
    expect(s.journal[0]).toMatchObject({ status: 'reconciled', in_cents: 0, out_cents: 0 });
    expect(sim.machine.inventory().totalCents).toBe(stock); // the coin went back to the customer
    const paid = await t.call('sales/pay-start', { method: 'cash-manual', tendered: '2.00' }, caixa);
    expect(paid.completed!.document.totals.gross).toBe('1.89');
    expect(saleState(t, saleId).documents).toHaveLength(1);
    const gerente = await t.login('gerente');
    expect(await t.call('cash/inventory', {}, gerente)).toMatchObject({ agrees: true });
  }, 60_000);

  it('POS killed, then a power cut after a partial insert: the payment waits for the manager, never "failed"', async () => {
    const { dir, sim, port } = await setup();
    const r = await runChild([dir, 'glory', sim.soapUrl, String(port)]);
    expect(r.signal).toBe('SIGKILL');
    expect(sim.machine.insert([{ fv: 100, piece: 1 }]).accepted).toHaveLength(1);
    sim.machine.fault('power', 2); // the machine keeps the counted coin; it boots without sessions
    sim.machine.clear();

    const t = await restart(dir, sim, port);
    const saleId = await lastSaleId(t);
    await until(
      'the machine count to be read',
      () => saleState(t, saleId).journal[0]?.status === 'reconciled',
    );
    await until('the payment to wait for the manager', () =>
      (saleState(t, saleId).payments[0].message ?? '').includes('A máquina guardou 1,00'),
    );
    const s = saleState(t, saleId);
    expect(s.payments.map((p) => p.status)).toEqual(['unknown']);
    expect(s.documents).toHaveLength(0);
    const gerente = await t.login('gerente');
    const list = await t.call('cash/review-list', {}, gerente);
    expect(list.find((e) => e.resolution?.saleId === saleId)?.resolution).toMatchObject({
      kept: '1.00',
      due: '1.89',
    });
  }, 60_000);

  it('kill loop: no sale is charged twice and every paid sale has exactly one document', async () => {
    const { dir, sim, port } = await setup();
    const rounds = 4;
    for (let i = 0; i < rounds; i++) {
      const r = await runChild([dir, 'glory', sim.soapUrl, String(port)]);
      expect(r.err).toBe('');
      expect(r.signal).toBe('SIGKILL');
      const whileDead = i % 2 === 0;
      if (whileDead) {
        await customerPaysFive(sim);
        await until('the machine to finish', machineIdle(sim));
      }
      const t = await restart(dir, sim, port);
      await t.core.sales.whenRecovered();
      const saleId = await lastSaleId(t);
      if (!whileDead) {
        const caixa = await t.login('caixa');
        // Whatever the cashier tries meanwhile, a second charge is refused.
        expect(await refusedCode(t.call('sales/pay-start', { method: 'cash-machine' }, caixa))).not.toBe(
          'accepted',
        );
        await customerPaysFive(sim);
      }
      await until(`sale ${saleId} to complete`, () => saleState(t, saleId).sale.status === 'completed');
      await t.core.stop('test');
      cleanups.pop();
    }
    const t = await restart(dir, sim, port);
    await t.core.sales.whenRecovered();
    await t.core.cash.whenStarted();
    const db = t.core.ctx.db;
    const sales = db.all(db.k.selectFrom('sale').selectAll().orderBy('id'));
    expect(sales).toHaveLength(rounds);
    for (const sale of sales) {
      const s = saleState(t, sale.id);
      expect(s.sale.status).toBe('completed');
      expect(s.payments.filter((p) => p.status === 'settled')).toHaveLength(1);
      const net = s.journal.reduce((n, j) => n + j.in_cents - j.out_cents, 0);
      expect(net).toBe(189);
    }
    expect(db.all(db.k.selectFrom('fiscal_document').select('id'))).toHaveLength(rounds);
    const gerente = await t.login('gerente');
    expect(await t.call('cash/inventory', {}, gerente)).toMatchObject({ agrees: true });
  }, 180_000);
});
