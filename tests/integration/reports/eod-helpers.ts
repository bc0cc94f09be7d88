import { createTestCore, type TestCore } from '../../helpers/core';
import { runEod } from '../../../electron/core/reports/eod/run';
import { localDate } from '../../../electron/core/util/clock';
import type { GlorySimulator } from '../../../electron/simulators/glory';
import { until } from '../sales/glory-helpers';

/** Pão de forma 1,89 € and Leite 0,95 € (demo catalogue). */
export const PAO = 1;
export const LEITE = 3;

export interface Till {
  t: TestCore;
  sim: GlorySimulator;
  caixa: string;
  gerente: string;
}

/** A real core on a temp SQLite file with the in-process CI-5 simulator (the customer takes the change). */
export async function till(dataDir?: string): Promise<Till> {
  const t = await createTestCore({
    ...(dataDir ? { dataDir } : {}),
    cash: { settings: { kind: 'simulator', heartbeatMs: 200, autoTakeMs: 20, cancelOnShortChange: true } },
  });
  await t.core.cash.whenStarted();
  // A shop with goods on the shelf: the day's sales do not take these below zero (the stock section says so).
  for (const articleId of [PAO, LEITE])
    t.core.stock.adjust({
      articleId,
      warehouseId: 1,
      quantity: '100',
      cause: 'adjustment',
      unitCost: '0.40',
      operatorId: null,
    });
  return { t, sim: t.core.cash.simulator!, caixa: await t.login('caixa'), gerente: await t.login('gerente') };
}

/** A sale of `qty` × article paid through the CI-5 with these pieces (cents), settled. */
export async function machineSale(x: Till, article: number, qty: string, pieces: number[]): Promise<number> {
  await x.t.call('sales/add-line', { articleId: article, quantity: qty }, x.caixa);
  const started = await x.t.call('sales/pay-start', { method: 'cash-machine' }, x.caixa);
  await until('the machine to wait for cash', () => x.sim.machine.code === 3);
  for (const fv of pieces) x.sim.machine.insert([{ fv, piece: 1 }]);
  await x.t.core.sales.checkout.settled(started.payment!.id);
  return started.sale.id;
}

export async function drawerSale(x: Till, article: number, qty: string, tendered: string): Promise<void> {
  await x.t.call('sales/add-line', { articleId: article, quantity: qty }, x.caixa);
  await x.t.call('sales/pay-start', { method: 'cash-manual', tendered }, x.caixa);
}

/** 1,89 € through the CI-5; the customer inserts 1 € and the power goes (issue 9 A.3): the payment is under review. */
export async function interruptedSale(x: Till): Promise<{ paymentId: number; saleId: number }> {
  await x.t.call('sales/add-line', { articleId: PAO }, x.caixa);
  const started = await x.t.call('sales/pay-start', { method: 'cash-machine' }, x.caixa);
  await until('the machine to wait for cash', () => x.sim.machine.code === 3);
  x.sim.machine.insert([{ fv: 100, piece: 1 }]);
  await new Promise((r) => setTimeout(r, 150));
  x.sim.machine.fault('power', 2);
  await new Promise((r) => setTimeout(r, 200));
  x.sim.machine.clear();
  await x.t.core.sales.checkout.settled(started.payment!.id);
  return { paymentId: started.payment!.id, saleId: started.sale.id };
}

export const today = (): string => localDate(new Date());

export function eod(x: Till, trigger: 'manual' | 'cli' | 'auto' = 'manual', worker = false) {
  return runEod({
    db: x.t.core.ctx.db,
    dataDir: x.t.dataDir,
    terminalId: x.t.core.ctx.terminalId,
    clock: x.t.core.ctx.clock,
    day: today(),
    trigger,
    worker,
  });
}
