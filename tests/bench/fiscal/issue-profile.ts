/**
 * `node --import tsx --cpu-prof tests/bench/fiscal/issue-profile.ts [N]`: issues N FS documents (one per
 * durable transaction, as the till does) on a fresh test core, for a CPU profile of the issue path (issue 15,
 * "profile before optimising"). Prints the rate; the profile is what matters.
 */
import { threeLineFs } from '../../helpers/fs-draft';
import { createTestCore } from '../../helpers/core';

const n = Number(process.argv[2] ?? 2000);
const t = await createTestCore();
try {
  const draft = threeLineFs(t.core);
  for (let i = 0; i < 50; i++) t.core.fiscal.issue(draft, 1);
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  for (let i = 0; i < n; i++) t.core.fiscal.issue(draft, 1);
  const cpu = process.cpuUsage(c0);
  const ms = performance.now() - t0;
  // CPU time (user + system) is what the code costs; wall time adds the fsync wait and the machine's load.
  console.log(
    JSON.stringify({
      documents: n,
      wallMsPerDoc: Number((ms / n).toFixed(3)),
      cpuMsPerDoc: Number(((cpu.user + cpu.system) / 1000 / n).toFixed(3)),
      userMsPerDoc: Number((cpu.user / 1000 / n).toFixed(3)),
    }),
  );
} finally {
  await t.close();
}
