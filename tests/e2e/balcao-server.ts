import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/** Runs Balcão in browser mode as a real child process (shared by the e2e fixtures and the POS benchmark). */
export const ROOT = path.resolve(import.meta.dirname, '../..');

export interface BalcaoServer {
  url: string;
  port: number;
  dataDir: string;
  /** Everything the server printed (for failure messages). */
  output(): string;
}

async function freePort(): Promise<number> {
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

async function waitForHealth(url: string, proc: ChildProcess, log: () => string, ms = 30_000): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (proc.exitCode !== null) throw new Error(`balcao serve exited (${proc.exitCode}):\n${log()}`);
    try {
      const res = await fetch(`${url}api/health`);
      if (res.ok && ((await res.json()) as { ok?: boolean }).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`balcao serve did not become healthy within ${ms} ms:\n${log()}`);
}

/**
 * Starts `node electron/cli/balcao.mjs serve` on a free port and a fresh temp data folder (or `dataDir`, prepared
 * by the caller, e.g. the benchmark's big catalogue). `stop()` ends the process and removes the folder.
 */
export async function startBalcao(
  opts: { dataDir?: string } = {},
): Promise<BalcaoServer & { stop(): Promise<void> }> {
  const port = await freePort();
  const dataDir = opts.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'balcao-e2e-'));
  const proc = spawn(
    process.execPath,
    ['electron/cli/balcao.mjs', 'serve', '--port', String(port), '--data-dir', dataDir],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } },
  );
  let out = '';
  proc.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  proc.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const url = `http://127.0.0.1:${port}/`;
  const stop = async (): Promise<void> => {
    if (proc.exitCode === null) {
      const exited = new Promise<void>((r) => proc.once('exit', () => r()));
      proc.kill('SIGTERM');
      const timer = setTimeout(() => proc.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await waitForHealth(url, proc, () => out);
  } catch (e) {
    await stop();
    throw e;
  }
  return { url, port, dataDir, output: () => out, stop };
}
