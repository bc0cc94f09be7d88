/**
 * `node --import tsx [--cpu-prof] tests/bench/fiscal/verify-profile.ts DIR [RUNS] [N]`: times what
 * `balcao verify` does and fiscal.verify_100k_s measures (read-only open, the chains, the seal) on a kept data folder, for iterating on verify without generating the
 * 100 000 documents (~1 min) every time: DIR is filled with N sealed documents (default 100 000) by generate.ts the
 * first time only. Prints per run the wall time and the CPU time, split into the calling thread and the rest
 * of the process (the signature worker, plus V8's helper threads): on a shared machine the CPU figures are
 * what the code costs, and wall ≈ the larger of the two threads.
 */
import fs from 'node:fs';
import path from 'node:path';
import { openDatabase } from '../../../electron/core/db/open';
import { verifyFiscalChains } from '../../../electron/core/fiscal/verify';
import { startSealCheck } from '../../../electron/core/fiscal/verify-seal';
import { fillSealedDataDir } from './generate';

const [dir, runsArg, countArg] = process.argv.slice(2);
/** BALCAO_SEAL_WORKER=0: the seal scan on the calling thread after the chains (A/B). BALCAO_VIEW=0: open from a copy. */
const parallel = process.env.BALCAO_SEAL_WORKER === '0' ? false : undefined;
if (!dir) throw new Error('usage: verify-profile.ts DIR [RUNS] [N]');
const file = path.join(dir, 'balcao.sqlite');
if (!fs.existsSync(file)) {
  fs.mkdirSync(dir, { recursive: true });
  await fillSealedDataDir(dir, Number(countArg ?? 100_000));
}

/** CPU time of the calling thread in ms (Linux: utime + stime of /proc/thread-self/stat, 10 ms ticks). */
function threadCpuMs(): number | null {
  try {
    const stat = fs.readFileSync('/proc/thread-self/stat', 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) * 10;
  } catch {
    return null;
  }
}

for (let i = 0; i < Number(runsArg ?? 1); i++) {
  const c0 = process.cpuUsage();
  const m0 = threadCpuMs();
  const t0 = performance.now();
  // As readDataDir opens a closed data folder (what `balcao verify` does), its phases timed apart.
  const db = openDatabase(file, { readonly: true, view: process.env.BALCAO_VIEW !== '0' });
  const opened = performance.now();
  const sealCheck = startSealCheck(db, dir, { parallel });
  const v = verifyFiscalChains(db, { pages: sealCheck.pages });
  const chains = performance.now();
  const seal = sealCheck.finish();
  const wall = performance.now() - t0;
  const m1 = threadCpuMs();
  const c = process.cpuUsage(c0);
  const unchanged = db.unchangedSinceOpen();
  db.close();
  const cpu = (c.user + c.system) / 1000;
  const main = m0 === null || m1 === null ? null : m1 - m0;
  console.log(
    JSON.stringify({
      documents: v.documents,
      ok: v.ok && seal.state === 'sealed' && !seal.problems.length && unchanged,
      wallMs: Math.round(wall),
      openMs: Math.round(opened - t0),
      chainsMs: Math.round(chains - opened),
      sealMs: Math.round(t0 + wall - chains),
      sealByWorker: sealCheck.byWorker,
      cpuMs: Math.round(cpu),
      callingThreadCpuMs: main,
      otherThreadsCpuMs: main === null ? null : Math.round(cpu - main),
    }),
  );
}
