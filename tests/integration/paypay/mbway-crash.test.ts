import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { PaypaySimulator } from '../../../electron/simulators/paypay';
import { createTestCore } from '../../helpers/core';
import { tempDir } from '../../helpers/tmp';
import { ApiClient } from '../../soak/client';
import { PAO } from '../sales/sales-helpers';
import { configure, control, startSim } from './helpers';

/**
 * Issue 11 item 3 across a real crash: `balcao serve` (the bundled CLI, as users run it) is SIGKILLed while an MB
 * WAY request waits on the customer's phone. The PayPay simulator lives in this test process, so it outlives the
 * POS like PayPay does. A settled payment gets exactly one document; an unanswered one is never "failed".
 */
const ROOT = path.resolve(import.meta.dirname, '../../..');
const BIN = path.join(ROOT, 'electron/cli/balcao.mjs');

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

async function until<T>(get: () => Promise<T>, ok: (v: T) => boolean, what: string, ms = 30_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await get();
    if (ok(v)) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

interface Served {
  api: ApiClient;
  proc: ChildProcess;
  kill(signal: NodeJS.Signals): Promise<void>;
}

async function serve(dataDir: string): Promise<Served> {
  const port = await freePort();
  const proc = spawn(process.execPath, [BIN, 'serve', '--port', String(port), '--data-dir', dataDir], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NO_COLOR: '1' },
  });
  let out = '';
  proc.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  proc.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<void>((r) => proc.once('exit', () => r()));
  const kill = async (signal: NodeJS.Signals): Promise<void> => {
    if (proc.exitCode === null && proc.signalCode === null) proc.kill(signal);
    await exited;
  };
  cleanups.push(() => kill('SIGKILL'));
  const url = `http://127.0.0.1:${port}/`;
  const end = Date.now() + 60_000;
  let token: string | null = null;
  while (!token) {
    if (proc.exitCode !== null) throw new Error(`balcao serve exited:\n${out}`);
    if (Date.now() > end) throw new Error(`balcao serve did not start:\n${out}`);
    try {
      if ((await fetch(`${url}api/health`)).ok)
        token = /name="balcao-token" content="([^"]+)"/.exec(await (await fetch(url)).text())?.[1] ?? null;
    } catch {
      // not listening yet
    }
    if (!token) await new Promise((r) => setTimeout(r, 150));
  }
  const api = new ApiClient(url, token);
  expect(await api.login(1, '1111')).toBe(true);
  return { api, proc, kill };
}

async function prepared(): Promise<{ dir: string; sim: PaypaySimulator }> {
  const tmp = tempDir();
  cleanups.push(() => tmp.cleanup());
  const sim = await startSim();
  cleanups.push(() => sim.close());
  const t = await createTestCore({ dataDir: tmp.dir, cash: { settings: { kind: 'none' } } });
  configure(t.core, sim);
  await t.core.stop('configured');
  return { dir: tmp.dir, sim };
}

/** Opens a shift, sells a loaf and asks for MB WAY; resolves once PayPay has the request. */
async function requestMbway(s: Served, sim: PaypaySimulator): Promise<string> {
  await s.api.must('shifts/open', { openingFloat: '0.00' });
  await s.api.must('sales/add-line', { articleId: PAO.id });
  const r = await s.api.must('sales/pay-start', { method: 'mbway', phone: '912 345 678' });
  expect(r?.payment).toMatchObject({ method: 'mbway', status: 'pending' });
  const mw = () => [...sim.account.payments.values()].filter((p) => p.method === 'MW');
  await until(
    async () => mw().length,
    (n) => n === 1,
    'the MB WAY request at PayPay',
  );
  return mw()[0].id;
}

const docs = (s: Served) => s.api.must('fiscal/list-documents', { limit: 10 });

async function finalState(dir: string) {
  const t = await createTestCore({ dataDir: dir, cash: { settings: { kind: 'none' } }, startJobs: false });
  cleanups.push(() => t.core.stop('test'));
  await t.core.sales.whenRecovered();
  const db = t.core.ctx.db;
  return {
    documents: db.all(db.k.selectFrom('fiscal_document').select(['doc_type', 'gross_total'])),
    payments: db.all(db.k.selectFrom('sale_payment').select(['method', 'status', 'amount'])),
  };
}

describe('MB WAY across SIGKILL of balcao serve', () => {
  it('killed after the request was sent, confirmed on the phone meanwhile: the restart issues exactly one document', async () => {
    const { dir, sim } = await prepared();
    const s1 = await serve(dir);
    const remoteId = await requestMbway(s1, sim);
    await s1.kill('SIGKILL');
    expect((await control(sim, 'mbway', { paymentId: remoteId, outcome: 'accept' })).status).toBe(200);

    const s2 = await serve(dir);
    const list = await until(
      () => docs(s2),
      (d) => (d?.length ?? 0) > 0,
      'the recovered document',
    );
    expect(list).toHaveLength(1);
    // A few more polling rounds and a second restart add nothing.
    await new Promise((r) => setTimeout(r, 1_500));
    expect(await docs(s2)).toHaveLength(1);
    await s2.kill('SIGTERM');
    const end = await finalState(dir);
    expect(end.documents).toEqual([{ doc_type: 'FS', gross_total: PAO.price }]);
    expect(end.payments).toEqual([{ method: 'mbway', status: 'settled', amount: PAO.price }]);
  }, 120_000);

  it('killed before the customer answers: after the restart the payment is "a verificar", never failed, and a later yes completes the sale once', async () => {
    const { dir, sim } = await prepared();
    const s1 = await serve(dir);
    const remoteId = await requestMbway(s1, sim);
    await s1.kill('SIGKILL');

    const s2 = await serve(dir);
    const payment = async () => (await s2.api.must('sales/current', {}))?.payments[0];
    await until(payment, (p) => p?.status === 'unknown', 'the payment marked unknown');
    // Polled at the tight rate for a while: PayPay says pending, so it stays unknown (no second charge possible).
    for (let i = 0; i < 5; i++) {
      await new Promise((r) => setTimeout(r, 300));
      const p = await payment();
      expect(p?.status).toBe('unknown');
      expect(p?.message).toMatch(/A verificar o MB WAY/);
    }
    expect((await s2.api.call('sales/pay-start', { method: 'cash-manual' })).kind).toBe('refused');
    expect(await docs(s2)).toEqual([]);

    await control(sim, 'mbway', { paymentId: remoteId, outcome: 'accept' });
    await until(
      () => docs(s2),
      (d) => (d?.length ?? 0) > 0,
      'the document after the late yes',
    );
    await new Promise((r) => setTimeout(r, 1_000));
    expect(await docs(s2)).toHaveLength(1);
    await s2.kill('SIGTERM');
    const end = await finalState(dir);
    expect(end.documents).toHaveLength(1);
    expect(end.payments).toEqual([{ method: 'mbway', status: 'settled', amount: PAO.price }]);
  }, 120_000);
});
