/**
 * Issues one FT on a real core with iLink sending to the simulator, and dies by SIGKILL.
 * Usage: send-child.mjs <dataDir> <baseUrl> <point>
 *   queued    — right after the document (and its outbox job) is committed, before the runner took the job (it
 *               starts work on the next turn of the event loop, never inside the call that enqueued it);
 *   committed — once the runner has taken the job (lease, attempt row), before any byte is sent;
 *   waiting   — the request went out; the parent kills this process once the simulator holds the document
 *               (the simulator was told to never answer it).
 */
import { createCore } from '../../../electron/core/core';
import { silentLogger } from '../../../electron/core/log/logger';
import { SIM_DEFAULTS } from '../../../electron/simulators/ilink';
import { issueFt } from './ilink-helpers';

const [dataDir, baseUrl, point] = process.argv.slice(2);
// No automatic end of day: started after its hour (a night-time run), its job would hold the runner's pass and
// change what this child gets done before its SIGKILL (tests/helpers/core.ts does the same).
const core = await createCore({
  dataDir,
  log: silentLogger,
  eodAutomatic: false,
  cash: { settings: { kind: 'none' } },
});
core.ilink.configure({
  baseUrl,
  auth: { mode: 'oauth2', clientId: SIM_DEFAULTS.clientId, clientSecret: SIM_DEFAULTS.clientSecret },
  send: 'auto',
  pdf: false,
  timeoutMs: 60_000,
});
issueFt(core);
const kill = (): void => {
  process.kill(process.pid, 'SIGKILL');
};
if (point === 'queued') kill();
// The runner's turn comes first (queued at the commit): it claims the job and starts the send, whose bytes go out
// only after this process has died.
if (point === 'committed') setImmediate(kill);
process.stdout.write('issued\n');
await new Promise((r) => setTimeout(r, 180_000));
// Reaching this line means the kill never came: the parent sees a normal exit and fails.
await core.stop('done');
