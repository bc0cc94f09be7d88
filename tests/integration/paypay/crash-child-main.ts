/**
 * Runs one PayPay polling round on a real core (data folder configured against the simulator) and dies by SIGKILL.
 * Usage: crash-child.mjs <dataDir> <point>
 *   seen   — PayPay answered "confirmed", the RG is about to be issued: nothing of it is committed yet;
 *   issued — the RG and the reference's settlement are committed, the check job is not yet marked done.
 */
import { createCore } from '../../../electron/core/core';
import { silentLogger } from '../../../electron/core/log/logger';

const [dataDir, point] = process.argv.slice(2);
// No automatic end of day: started after its hour (a night-time run), its job would hold the runner's pass and
// change what this child gets done before its SIGKILL (tests/helpers/core.ts does the same).
const core = await createCore({
  dataDir,
  log: silentLogger,
  eodAutomatic: false,
  cash: { settings: { kind: 'none' } },
});
const kill = (): void => {
  process.kill(process.pid, 'SIGKILL');
};
const original = core.fiscal.issueReceipt.bind(core.fiscal);
core.fiscal.issueReceipt = (draft, operatorId) => {
  if (point === 'seen') kill();
  const v = original(draft, operatorId);
  core.ctx.db.afterCommit(kill);
  return v;
};
await core.paypay.pollOnce();
await new Promise((r) => setTimeout(r, 10_000));
// Reaching this line means the kill point was never hit: the parent sees a normal exit and fails.
await core.stop('done');
