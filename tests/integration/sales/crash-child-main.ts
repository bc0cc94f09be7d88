/**
 * Sells on a real core and dies by SIGKILL at a chosen point of the payment, so the parent test can restart a
 * core on the same data folder and check recovery. Usage: crash-child.mjs <dataDir> <point>
 *   settled — right after the payment outcome is committed, before the document is issued.
 */
import { createCore } from '../../../electron/core/core';
import { silentLogger } from '../../../electron/core/log/logger';

const [dataDir, point] = process.argv.slice(2);
const core = await createCore({ dataDir, log: silentLogger, cash: { settings: { kind: 'none' } } });
await core.sales.whenRecovered();
const op = { id: 1, name: 'Ana Caixa', role: 'caixa' as const };
await core.sales.shifts.open(op, '10.00', false);
core.sales.cart.addLine(op, { articleId: 1, quantity: '2' });
const started = await core.sales.checkout.payStart(op, { method: 'card' });
if (point === 'settled') {
  core.events.on('sales/payment-progress', (p) => {
    if (p.phase === 'settled') process.kill(process.pid, 'SIGKILL');
  });
}
core.sales.checkout.payConfirm(op, started.payment!.id, started.payment!.requested);
// Reaching this line means the kill point was never hit: the parent sees exit code 0 and fails.
await core.stop('done');
