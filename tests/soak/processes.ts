import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

/**
 * Child processes of the soak: the Glory simulator (its own process, so it outlives every server kill, as the
 * real machine outlives the POS) and `balcao serve`, SIGKILLed and restarted on the same data folder. Every
 * child is registered so that the harness never leaves one behind, whatever way it exits.
 */
export const ROOT = path.resolve(import.meta.dirname, '../..');
const CLI = path.join(ROOT, 'electron/cli/balcao.mjs');

const children = new Set<ChildProcess>();
const killAll = (): void => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
};
/** Called once by main: no child survives the harness, however it ends (exit, Ctrl+C, SIGTERM). */
export function installCleanup(): void {
  process.once('exit', killAll);
  for (const sig of ['SIGINT', 'SIGTERM'] as const)
    process.once(sig, () => {
      killAll();
      process.exit(130);
    });
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

function launch(args: string[], logFile: string): ChildProcess {
  const log = fs.openSync(logFile, 'a');
  fs.writeSync(log, `\n==== ${new Date().toISOString()} balcao ${args.join(' ')}\n`);
  const proc = spawn(process.execPath, [CLI, ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', log],
    env: { ...process.env, NO_COLOR: '1', BALCAO_LOG_LEVEL: process.env.BALCAO_LOG_LEVEL ?? 'warn' },
  });
  fs.closeSync(log);
  children.add(proc);
  proc.once('exit', () => children.delete(proc));
  proc.stdout?.on('data', (d: Buffer) => fs.appendFileSync(logFile, d));
  return proc;
}

const exited = (p: ChildProcess): Promise<void> =>
  p.exitCode !== null || p.signalCode !== null
    ? Promise.resolve()
    : new Promise((r) => p.once('exit', () => r()));

export interface SimProcess {
  controlUrl: string;
  soapUrl: string;
  stop(): Promise<void>;
}

/** `balcao sim glory` on free ports; events go to 127.0.0.1 (loopback only). */
export async function startSimulator(logFile: string, heartbeatMs: number): Promise<SimProcess> {
  const proc = launch(
    [
      'sim',
      'glory',
      '--soap-port',
      '0',
      '--control-port',
      '0',
      '--event-host',
      '127.0.0.1',
      '--heartbeat-ms',
      String(heartbeatMs),
    ],
    logFile,
  );
  const first = await new Promise<string>((resolve, reject) => {
    let buf = '';
    const timer = setTimeout(() => reject(new Error('simulator did not start within 30 s')), 30_000);
    proc.stdout?.on('data', (d: Buffer) => {
      buf += d.toString();
      const nl = buf.indexOf('\n');
      if (nl >= 0) {
        clearTimeout(timer);
        resolve(buf.slice(0, nl));
      }
    });
    proc.once('exit', (code) => reject(new Error(`simulator exited (${code}); see ${logFile}`)));
  });
  const info = JSON.parse(first) as { controlUrl: string; soapUrl: string };
  return {
    controlUrl: info.controlUrl,
    soapUrl: info.soapUrl,
    async stop() {
      proc.kill('SIGTERM');
      const t = setTimeout(() => proc.kill('SIGKILL'), 5000);
      await exited(proc);
      clearTimeout(t);
    },
  };
}

export interface ServerProcess {
  url: string;
  /** The per-start API token, read from the served page like the browser does. */
  token: string;
  readonly alive: boolean;
  /** SIGKILL, as a power cut or a crash: no shutdown code runs. */
  kill(): Promise<void>;
  /** SIGTERM: orderly shutdown. */
  stop(): Promise<void>;
}

export async function startServer(dataDir: string, port: number, logFile: string): Promise<ServerProcess> {
  const proc = launch(['serve', '--port', String(port), '--data-dir', dataDir], logFile);
  const url = `http://127.0.0.1:${port}/`;
  const until = Date.now() + 60_000;
  let token: string | null = null;
  while (Date.now() < until && token === null) {
    if (proc.exitCode !== null) throw new Error(`balcao serve exited (${proc.exitCode}); see ${logFile}`);
    try {
      const health = await fetch(`${url}api/health`, { signal: AbortSignal.timeout(2000) });
      if (health.ok) {
        const html = await (await fetch(url, { signal: AbortSignal.timeout(5000) })).text();
        token = /name="balcao-token" content="([^"]+)"/.exec(html)?.[1] ?? null;
        if (!token) throw new Error('no token in the served page');
      }
    } catch (e) {
      if (e instanceof Error && e.message.startsWith('no token')) throw e;
    }
    if (token === null) await new Promise((r) => setTimeout(r, 150));
  }
  if (token === null) {
    proc.kill('SIGKILL');
    throw new Error(`balcao serve did not become healthy within 60 s; see ${logFile}`);
  }
  return {
    url,
    token,
    get alive() {
      return proc.exitCode === null && proc.signalCode === null;
    },
    async kill() {
      proc.kill('SIGKILL');
      await exited(proc);
    },
    async stop() {
      proc.kill('SIGTERM');
      const t = setTimeout(() => proc.kill('SIGKILL'), 10_000);
      await exited(proc);
      clearTimeout(t);
    },
  };
}

/** `balcao verify` on the data folder: exit code and output. */
export async function runVerify(dataDir: string, logFile: string): Promise<{ ok: boolean; output: string }> {
  const proc = spawn(process.execPath, [CLI, 'verify', '--data-dir', dataDir], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(proc);
  let output = '';
  proc.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  proc.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const timer = setTimeout(() => proc.kill('SIGKILL'), 120_000);
  const code = await new Promise<number | null>((r) => proc.once('exit', (c) => r(c)));
  clearTimeout(timer);
  children.delete(proc);
  fs.appendFileSync(logFile, `\n==== balcao verify (exit ${code})\n${output}`);
  return { ok: code === 0, output: output.trim() };
}
