import type { Channel, Input, Output } from '../../../../shared/api';
import { PosError } from '../../../../shared/errors';
import { Dec, fixed, toCents } from '../../../../shared/money';
import type { Core } from '../../core';
import type { Clock } from '../../util/clock';
import { localDate } from '../../util/clock';
import { previousDay } from './day';
import { prng as rng } from '../../../../shared/random';

/** A clock that runs at real speed from a moved origin: sales happen "on" a past day, with real timers. */
export function movableClock(): Clock & { jump(to: Date): void } {
  let offset = 0;
  let moved = false;
  const now = (): Date => new Date(Date.now() + offset);
  return {
    now,
    jump(to) {
      // The first jump goes back to the first demo day; after that never backwards (timestamps stay in order).
      if (!moved || to.getTime() > now().getTime()) offset = to.getTime() - Date.now();
      moved = true;
    },
  };
}

const NOTES = [500, 1000, 2000, 5000];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface DemoDaysResult {
  days: Array<{ day: string; sales: number; planted: string[] }>;
}

/**
 * `balcao demo --days N`: N trading days through the real checkout (the dispatcher, as the till calls it), dated
 * on the N days before today: a shift opened with a float, sales paid by CI-5 cash through the simulator, by
 * drawer cash and by card, a pay-in and a manager's pay-out, the shift closed with the drawer counted.
 * `discrepancy` plants, on the last day, a drawer count short by a 50-cent coin (shift closed) and then, in a
 * second shift left open, a CI-5 payment interrupted by a power cut after 1 € was inserted (under review).
 * ASSUMPTION: 8–14 sales a day (enough for every chart), and no returns (their NC needs a second flow).
 */
export async function runDemoDays(
  core: Core,
  clock: ReturnType<typeof movableClock>,
  o: { days: number; discrepancy: boolean; seed: number; log?: (m: string) => void },
): Promise<DemoDaysResult> {
  const random = rng(o.seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)];
  await core.cash.whenStarted();
  const sim = core.cash.simulator;
  if (!sim) throw new PosError('DEVICE_OFFLINE', 'A demonstração por dias precisa do simulador do CI-5.');
  const first = (() => {
    let d = localDate(clock.now());
    for (let i = 0; i < o.days; i++) d = previousDay(d);
    return d;
  })();
  const db = core.ctx.db;
  const later = db.get(
    db.k.selectFrom('fiscal_document').select('doc_date').where('doc_date', '>=', first).limit(1),
  );
  if (later)
    throw new PosError(
      'CONFLICT',
      `Já há documentos com data ${later.doc_date} ou posterior: use uma pasta de dados nova.`,
    );
  const articles = db.all(
    db.k
      .selectFrom('article')
      .select(['id', 'unit', 'price'])
      .where('active', '=', 1)
      .where('unit', '=', 'UN')
      .orderBy('id')
      .limit(40),
  );

  const call = async <C extends Channel>(
    channel: C,
    input: Input<C>,
    token: string | null,
  ): Promise<Output<C>> => {
    const env = await core.dispatch(channel, input, { transport: 'cli', sessionToken: token });
    if (!env.ok) throw PosError.fromData(env.error);
    return env.value as Output<C>;
  };
  const until = async (what: string, ok: () => boolean): Promise<void> => {
    const end = Date.now() + 20_000;
    while (!ok()) {
      if (Date.now() > end) throw new PosError('DEVICE_ERROR', `O simulador não chegou a: ${what}.`);
      await sleep(20);
    }
  };
  // The print queue (receipts, drawer kicks) is emptied before the clock moves on, as it would be in real time
  // (a drawer kick left waiting across a jump of hours would expire).
  const jump = async (to: Date): Promise<void> => {
    await core.jobs.drain();
    clock.jump(to);
  };
  const login = async (operatorId: number, pin: string) =>
    (await call('auth/login', { operatorId, pin }, null)).token;

  const result: DemoDaysResult = { days: [] };
  let day = first;
  for (let n = 0; n < o.days; n++) {
    const [y, m, d] = day.split('-').map(Number);
    clock.jump(new Date(y, m - 1, d, 9, 0));
    if (n === 0) openingStock(core, articles);
    const caixa = await login(1, '1111');
    const gerente = await login(2, '9999');
    const planted: string[] = [];
    await call('shifts/open', { openingFloat: '50.00' }, caixa);
    const sales = 8 + Math.floor(random() * 7);
    for (let i = 0; i < sales; i++) {
      await jump(new Date(y, m - 1, d, 9 + Math.floor((i * 9) / sales), Math.floor(random() * 50)));
      const lines = 1 + Math.floor(random() * 3);
      let sale: Output<'sales/add-line'> | null = null;
      for (let l = 0; l < lines; l++)
        sale = await call(
          'sales/add-line',
          { articleId: pick(articles).id, quantity: String(1 + Math.floor(random() * 3)) },
          caixa,
        );
      const due = toCents(sale!.totals.gross);
      const how = random();
      if (how < 0.5) {
        const started = await call('sales/pay-start', { method: 'cash-machine' }, caixa);
        await until('esperar dinheiro', () => sim.machine.code === 3);
        const note = NOTES.find((v) => v >= due);
        if (note) sim.machine.insert([{ fv: note, piece: 1 }]);
        else for (let left = due; left > 0; left -= 5000) sim.machine.insert([{ fv: 5000, piece: 1 }]);
        await core.sales.checkout.settled(started.payment!.id);
      } else if (how < 0.8) {
        const tendered = fixed(new Dec(Math.ceil(due / 500) * 500).dividedBy(100));
        await call('sales/pay-start', { method: 'cash-manual', tendered }, caixa);
      } else {
        const started = await call('sales/pay-start', { method: 'card' }, caixa);
        await call(
          'sales/pay-confirm',
          { paymentId: started.payment!.id, approvedAmount: sale!.totals.gross },
          caixa,
        );
      }
    }
    await jump(new Date(y, m - 1, d, 18, 30));
    await call(
      'shifts/cash-movement',
      { kind: 'payin', amount: '10.00', reason: 'Reforço de trocos', via: 'manual' },
      caixa,
    );
    await call(
      'shifts/cash-movement',
      { kind: 'payout', amount: '5.00', reason: 'Compra de sacos', via: 'manual' },
      gerente,
    );
    const x = await call('shifts/report-x', {}, caixa);
    const last = n === o.days - 1;
    let counted = x.cash.drawer.expected;
    if (o.discrepancy && last) {
      counted = fixed(new Dec(counted).minus('0.50'));
      planted.push('contagem da gaveta com menos 0,50 € (uma moeda) no fecho do turno');
    }
    await jump(new Date(y, m - 1, d, 19, 0));
    await call('shifts/close', { countedCash: counted, print: false }, caixa);
    if (o.discrepancy && last) {
      await jump(new Date(y, m - 1, d, 19, 10));
      await call('shifts/open', { openingFloat: '0.00' }, caixa);
      await call('sales/add-line', { articleId: articles[0].id, quantity: '3' }, caixa);
      const started = await call('sales/pay-start', { method: 'cash-machine' }, caixa);
      await until('esperar dinheiro', () => sim.machine.code === 3);
      sim.machine.insert([{ fv: 100, piece: 1 }]);
      await sleep(150);
      sim.machine.fault('power', 2);
      await sleep(200);
      sim.machine.clear();
      await core.sales.checkout.settled(started.payment!.id);
      planted.push(
        `pagamento no CI-5 interrompido (falha de energia) com 1,00 € inserido: venda ${started.sale.id}, em revisão`,
      );
    }
    await call('auth/logout', {}, caixa).catch(() => undefined);
    await call('auth/logout', {}, gerente).catch(() => undefined);
    await core.jobs.drain();
    o.log?.(`${day}: ${sales} vendas${planted.length ? `; plantado: ${planted.join('; ')}` : ''}`);
    result.days.push({ day, sales, planted });
    day = nextDay(day);
  }
  return result;
}

/**
 * Goods on the shelf before the first demo day, at a cost (so the stock section has no negative balances and the
 * sales reports have margins). ASSUMPTION: 200 units each, at 60 % of the price with VAT as a round net cost.
 */
function openingStock(core: Core, articles: ReadonlyArray<{ id: number; price: string }>): void {
  const db = core.ctx.db;
  const tracked = new Set(
    db
      .all(
        db.k
          .selectFrom('article')
          .select('id')
          .where('stock_tracked', '=', 1)
          .where('product_type', '=', 'P'),
      )
      .map((r) => r.id),
  );
  for (const a of articles.filter((x) => tracked.has(x.id)))
    core.stock.adjust({
      articleId: a.id,
      warehouseId: core.stock.warehouses.defaultId(),
      quantity: '200',
      cause: 'adjustment',
      unitCost: fixed(new Dec(a.price).times('0.6')),
      operatorId: null,
      note: 'Stock inicial da demonstração',
    });
}

function nextDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  return localDate(new Date(y, m - 1, d + 1));
}
