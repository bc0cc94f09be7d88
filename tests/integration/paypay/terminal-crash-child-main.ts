/**
 * Sells a loaf on the PayPay Cloud terminal on a real core (data folder configured against the simulator of the
 * parent test), has the simulator approve the card, and dies by SIGKILL at a point of the document's issue.
 * Usage: terminal-crash-child.mjs <dataDir> <controlUrl> <point>
 *   before-issue — the approval is recorded (payment settled, sale paid), the document is about to be issued;
 *   after-issue  — the document is committed, nothing after it (print job, the screen's answer) has run.
 */
import { createTestCore } from '../../helpers/core';
import { PAO } from '../sales/sales-helpers';

const [dataDir, controlUrl, point] = process.argv.slice(2);
const t = await createTestCore({ dataDir, cash: { settings: { kind: 'none' } } });
const kill = (): void => {
  process.kill(process.pid, 'SIGKILL');
};
const original = t.core.fiscal.issue.bind(t.core.fiscal);
t.core.fiscal.issue = (draft, operatorId) => {
  if (point === 'before-issue') kill();
  const v = original(draft, operatorId);
  t.core.ctx.db.afterCommit(kill);
  return v;
};
const caixa = await t.login('caixa');
await t.call('shifts/open', { openingFloat: '0.00' }, caixa);
await t.call('sales/add-line', { articleId: PAO.id }, caixa);
await t.call('sales/pay-start', { method: 'paypay-terminal' }, caixa);
const atTerminal = (): boolean =>
  t.core.paypay.store.list().some((r) => r.kind === 'terminal' && r.state === 'pending');
const end = Date.now() + 20_000;
while (!atTerminal() && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
await fetch(`${controlUrl}/control/terminal`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ outcome: 'approve' }),
});
await new Promise((r) => setTimeout(r, 20_000));
// Reaching this line means the kill point was never hit: the parent sees a normal exit and fails.
await t.core.stop('done');
