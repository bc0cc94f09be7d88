/**
 * Sells on a real core and dies by SIGKILL at a chosen point of the payment, so the parent test can restart a
 * core on the same data folder and check recovery. Usage: crash-child.mjs <dataDir> <point>
 *   settled — right after the payment outcome is committed, before the document is issued (card);
 *   machine — during a CI-5 cash payment, after the customer inserted 5 € of 9.45 € (training simulator);
 *   glory <soapUrl> <eventPort> — during a CI-5 cash payment of one Pão de forma (1.89 €) against a simulator
 *     that runs in the parent (it survives the kill, like a real machine), once it waits for the customer;
 *   glory-deposit <soapUrl> <eventPort> — during a pay-in through the CI-5 (deposit left open), same simulator;
 *   glory-replenish <soapUrl> <eventPort> — during a change replenishment (carregamento de trocos) left open.
 */
import { createCore } from '../../../electron/core/core';
import { silentLogger } from '../../../electron/core/log/logger';
import { SIMULATED_CI5 } from '../../helpers/core';
import { gloryOnLoopback } from './glory-helpers';

const [dataDir, point, soapUrl, eventPort] = process.argv.slice(2);
const machine = point === 'machine';
const glory = point === 'glory' || point === 'glory-deposit' || point === 'glory-replenish';
// No automatic end of day: started after its hour (a night-time run), its job would hold the runner's pass and
// change what this child gets done before its SIGKILL (tests/helpers/core.ts does the same).
const core = await createCore({
  dataDir,
  log: silentLogger,
  eodAutomatic: false,
  cash: {
    settings: machine
      ? SIMULATED_CI5
      : glory
        ? gloryOnLoopback(soapUrl, Number(eventPort))
        : { kind: 'none' },
  },
});
await core.sales.whenRecovered();
const op = { id: 1, name: 'Ana Caixa', role: 'caixa' as const };
if (core.sales.shifts.currentId() === null) await core.sales.shifts.open(op, '10.00', false);

if (point === 'glory-deposit' || point === 'glory-replenish') {
  await core.cash.whenStarted();
  if (point === 'glory-replenish') await core.cash.depositStart('replenish', 2);
  else await core.cash.depositStart('deposit', 1, { amount: '5.00', reference: 'turno entrada (teste)' });
  // Killed while the deposit is open and the operator is feeding cash.
  for (let i = 0; i < 500; i++) {
    const code = core.cash.device?.state.machineCode;
    if (code !== undefined && code !== 1) process.kill(process.pid, 'SIGKILL');
    await new Promise((r) => setTimeout(r, 10));
  }
} else if (glory) {
  await core.cash.whenStarted();
  core.sales.cart.addLine(op, { articleId: 1, quantity: '1' });
  await core.sales.checkout.payStart(op, { method: 'cash-machine' });
  // Killed while the machine waits for the customer's cash: the ChangeOperation is in flight.
  for (let i = 0; i < 500; i++) {
    if (core.cash.device?.state.machineCode === 3) process.kill(process.pid, 'SIGKILL');
    await new Promise((r) => setTimeout(r, 10));
  }
} else if (machine) {
  await core.cash.whenStarted();
  const sim = core.cash.simulator!;
  const control = async (route: string, body?: unknown): Promise<{ code?: number }> => {
    const res = await fetch(`${sim.controlUrl}${route}`, {
      method: body === undefined ? 'GET' : 'POST',
      ...(body !== undefined
        ? { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }
        : {}),
    });
    return (await res.json()) as { code?: number };
  };
  core.sales.cart.addLine(op, { articleId: 1, quantity: '5' });
  core.events.on('sales/payment-progress', (p) => {
    if (p.inserted === '5.00') process.kill(process.pid, 'SIGKILL');
  });
  await core.sales.checkout.payStart(op, { method: 'cash-machine' });
  for (let i = 0; i < 250 && (await control('/control/state')).code !== 3; i++)
    await new Promise((r) => setTimeout(r, 20));
  await control('/control/insert', { denominations: [{ fv: 500, piece: 1 }] });
  await new Promise((r) => setTimeout(r, 5000));
} else {
  core.sales.cart.addLine(op, { articleId: 1, quantity: '2' });
  const started = await core.sales.checkout.payStart(op, { method: 'card' });
  if (point === 'settled') {
    core.events.on('sales/payment-progress', (p) => {
      if (p.phase === 'settled') process.kill(process.pid, 'SIGKILL');
    });
  }
  core.sales.checkout.payConfirm(op, started.payment!.id, started.payment!.requested);
}
// Reaching this line means the kill point was never hit: the parent sees a normal exit and fails.
await core.stop('done');
