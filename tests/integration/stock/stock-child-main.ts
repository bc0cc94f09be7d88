/**
 * Runs random stock operations on a real core until it is killed.
 * Usage: stock-child.mjs <dataDir> <seed> <killInTxAt>
 *   killInTxAt > 0: at that operation, the process SIGKILLs itself from inside the next fiscal transaction,
 *   after the stock movements of the document were written and before the commit; 0: the parent kills it.
 * Prints "ready" once the core is up, then one line per 50 operations.
 */
import { createCore } from '../../../electron/core/core';
import { prng } from '../../../electron/core/fiscal/demo';
import { silentLogger } from '../../../electron/core/log/logger';
import { prepare, randomOp } from './random-ops';

const [dataDir, seedArg, killArg] = process.argv.slice(2);
// No automatic end of day: started after its hour (a night-time run), its job would hold the runner's pass and
// change what this child gets done before its SIGKILL (tests/helpers/core.ts does the same).
const core = await createCore({
  dataDir,
  log: silentLogger,
  eodAutomatic: false,
  cash: { settings: { kind: 'none' } },
});
const seed = Number(seedArg);
const killInTxAt = Number(killArg);
const s = prepare(core);
const rng = prng(seed);
let armed = false;
// Registered after the stock service: it runs after the movements are inserted, inside the same transaction.
core.sync.hooks.onIssued(() => {
  if (armed) process.kill(process.pid, 'SIGKILL');
});
core.sync.hooks.onCancelled(() => {
  if (armed) process.kill(process.pid, 'SIGKILL');
});
process.stdout.write('ready\n');
for (let i = 0; ; i++) {
  if (killInTxAt > 0 && i >= killInTxAt) armed = true;
  randomOp(core, s, rng, seed * 100_000 + i);
  if (i % 50 === 0) {
    process.stdout.write(`${i}\n`);
    // Lets the parent's timer fire (and its kill land) between operations as well as inside them.
    await new Promise((r) => setImmediate(r));
  }
}
