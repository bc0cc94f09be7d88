import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../helpers/tmp';

const BIN = path.resolve(import.meta.dirname, '../../../electron/cli/balcao.mjs');
const children: ChildProcess[] = [];
const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const c of children.splice(0)) c.kill('SIGTERM');
  for (const c of cleanups.splice(0)) c();
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

/** Spawns the CLI and resolves once `pattern` appears on stdout. */
function spawnUntil(
  args: string[],
  pattern: RegExp,
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ out: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [BIN, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timeout waiting for ${pattern}; got:\n${out}`)), 60_000);
    const onData = (d: Buffer): void => {
      out += d.toString();
      if (pattern.test(out)) {
        clearTimeout(timer);
        resolve({ out, child });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited ${code}:\n${out}`));
    });
  });
}

describe('balcao CLI', () => {
  it('prints help with the commands', () => {
    const r = spawnSync(process.execPath, [BIN, '--help'], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/serve/);
    expect(r.stdout).toMatch(/start/);
  });

  it('rejects an unknown command with exit code 2', () => {
    const r = spawnSync(process.execPath, [BIN, 'voar'], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/Comando desconhecido/);
  });

  it('serve starts browser mode on the given port and data folder', async () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    const port = await freePort();
    const { out } = await spawnUntil(
      ['serve', '--port', String(port), '--data-dir', t.dir],
      /http:\/\/127\.0\.0\.1:\d+\//,
    );
    expect(out).toContain(`http://127.0.0.1:${port}/`);
    const health = (await (await fetch(`http://127.0.0.1:${port}/api/health`)).json()) as { ok: boolean };
    expect(health.ok).toBe(true);
    const page = await (await fetch(`http://127.0.0.1:${port}/`)).text();
    expect(page).toContain('balcao-token');
  });

  it('start falls back to browser mode with one clear paragraph when Electron cannot run', async () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    const port = await freePort();
    const env = { ...process.env, DISPLAY: '', WAYLAND_DISPLAY: '' };
    const { out } = await spawnUntil(
      ['start', '--port', String(port), '--data-dir', t.dir],
      /Balcão \(modo formação\) em/,
      env,
    );
    expect(out).toMatch(/não consegue abrir a janela do Electron/);
    expect(out).not.toMatch(/at .*\(.*:\d+:\d+\)/); // no stack trace
    expect(((await (await fetch(`http://127.0.0.1:${port}/api/health`)).json()) as { ok: boolean }).ok).toBe(
      true,
    );
  }, 120_000);
});
