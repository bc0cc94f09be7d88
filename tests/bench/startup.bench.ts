import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { tempDir } from '../helpers/tmp';
import { median, type Benchmark } from './harness';

/**
 * Start-up of the `balcao` command, measured from outside as a user sees it (whole process, wall clock):
 * - startup.node_bare_ms: `node -e ''`, the floor of any Node program on this machine, measured in the same run;
 * - startup.cli_help_ms: `balcao --help`;
 * - startup.serve_to_health_ms: `balcao serve` on an existing data folder, until /api/health answers ok;
 * - the ratios to the bare Node start (goals: help ≤ 6, serve ≤ 15), so a loaded machine moves both sides.
 * The three are interleaved run by run; each figure is a median, each ratio the median of the per-run ratios.
 */
const ROOT = path.resolve(import.meta.dirname, '../..');
const CLI = path.join(ROOT, 'electron/cli/balcao.mjs');
const RUNS = Number(process.env.BALCAO_BENCH_STARTUP_RUNS ?? 7);

function wallMs(args: string[]): number {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { cwd: ROOT, stdio: 'ignore' });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} exited ${r.status}`);
  return ms;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

async function serveToHealthMs(dataDir: string): Promise<number> {
  const port = await freePort();
  const t0 = performance.now();
  const proc = spawn(process.execPath, [CLI, 'serve', '--port', String(port), '--data-dir', dataDir], {
    cwd: ROOT,
    stdio: 'ignore',
  });
  try {
    for (;;) {
      if (proc.exitCode !== null) throw new Error(`balcao serve exited ${proc.exitCode}`);
      if (performance.now() - t0 > 60_000) throw new Error('balcao serve not healthy within 60 s');
      try {
        const res = await fetch(`http://127.0.0.1:${port}/api/health`);
        if (res.ok && ((await res.json()) as { ok?: boolean }).ok) return performance.now() - t0;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 10));
    }
  } finally {
    const exited = new Promise<void>((r) => proc.once('exit', () => r()));
    if (proc.exitCode === null) proc.kill('SIGTERM');
    await exited;
  }
}

export const benchmarks: Benchmark[] = [
  {
    name: 'startup',
    async run() {
      const tmp = tempDir('balcao-bench-startup-');
      try {
        // Warm-up, not counted: builds what is stale and creates the data folder (migrations, demo catalogue),
        // so the serve runs below start on an existing folder as a shop's terminal does every morning.
        wallMs([CLI, '--help']);
        await serveToHealthMs(tmp.dir);
        if (!fs.existsSync(path.join(tmp.dir, 'balcao.sqlite'))) throw new Error('no database after serve');
        const bare: number[] = [];
        const help: number[] = [];
        const serve: number[] = [];
        for (let i = 0; i < RUNS; i++) {
          bare.push(wallMs(['-e', '']));
          help.push(wallMs([CLI, '--help']));
          serve.push(await serveToHealthMs(tmp.dir));
        }
        // Ratios pair each run with the bare start measured just before it, so a load that drifts during the
        // benchmark moves both sides of each pair.
        const ratio = (xs: number[]): number => median(xs.map((x, i) => x / bare[i]));
        return {
          'startup.node_bare_ms': Math.round(median(bare)),
          'startup.cli_help_ms': Math.round(median(help)),
          'startup.serve_to_health_ms': Math.round(median(serve)),
          'startup.cli_help_ratio': Number(ratio(help).toFixed(2)),
          'startup.serve_ratio': Number(ratio(serve).toFixed(2)),
        };
      } finally {
        tmp.cleanup();
      }
    },
  },
];
