/**
 * Issues one FT on a real core whose test partner delivers to a loopback receiver, and dies by SIGKILL.
 * Usage: outbox-child.mjs <dataDir> <receiverUrl> <point>
 *   queued — right after the document (and its outbox job) is committed, before the runner took the job (it
 *            starts work on the next turn of the event loop, never inside the call that enqueued it);
 *   committed — once the runner has taken the job (lease, attempt row), before any byte is sent;
 *   delivered — once the receiver answered (the remote document exists), before the job is marked delivered.
 */
import { createCore } from '../../../electron/core/core';
import { silentLogger } from '../../../electron/core/log/logger';
import { articleOf } from '../fiscal/fiscal-helpers';
import { registerTestPartner } from './test-partner';

const [dataDir, url, point] = process.argv.slice(2);
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
registerTestPartner(core, url, { afterResponse: point === 'delivered' ? kill : undefined });
core.fiscal.issue({ type: 'FT', lines: [{ articleId: articleOf(core, 'NOR').id, quantity: '1' }] }, 1);
if (point === 'queued') kill();
// The runner's turn comes first (queued at the commit): it claims the job and starts the request, whose bytes go out
// only after this process has died.
if (point === 'committed') setImmediate(kill);
await new Promise((r) => setTimeout(r, 10_000));
// Reaching this line means the kill point was never hit: the parent sees a normal exit and fails.
await core.stop('done');
