/**
 * Confirms one purchase and SIGKILLs itself inside the confirming transaction, right after the stock movements
 * were posted and before the commit (the request was made; the answer never comes).
 * Usage: confirm-child.mjs <dataDir> <purchaseId>
 */
import { createCore } from '../../../electron/core/core';
import { silentLogger } from '../../../electron/core/log/logger';

const [dataDir, purchaseId] = process.argv.slice(2);
// No automatic end of day: started after its hour (a night-time run), its job would hold the runner's pass and
// change what this child gets done before its SIGKILL (tests/helpers/core.ts does the same).
const core = await createCore({
  dataDir,
  log: silentLogger,
  eodAutomatic: false,
  cash: { settings: { kind: 'none' } },
});
const post = core.stock.postPurchase;
// The purchases domain calls `stock.postPurchase` inside its transaction: this one dies once it has posted.
core.stock.postPurchase = (p) => {
  const moved = post(p);
  process.stdout.write(`posted ${moved.length}\n`);
  process.kill(process.pid, 'SIGKILL');
  return moved;
};
core.purchases.confirm(purchaseId, 1, 2);
process.stdout.write('committed\n');
