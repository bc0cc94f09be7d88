import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { appBuildIsCurrentAt } from '../../../electron/cli/app-fingerprint';
import { tempDir } from '../../helpers/tmp';

/**
 * Issue 15, item 1: `balcao` starts from bundled JavaScript (not the TypeScript sources through tsx), `--help`
 * loads no core, and `balcao start` builds only when the sources changed. Asserted on what the real process
 * loads and prints, never on how long it takes.
 */
const ROOT = path.resolve(import.meta.dirname, '../../..');
const BIN = path.join(ROOT, 'electron/cli/balcao.mjs');
const HOOK = path.join(ROOT, 'tests/helpers/record-imports.mjs');

/** Runs the CLI with a loader hook that lists every module it resolves (file URLs and package names). */
function loadedBy(args: string[], env: NodeJS.ProcessEnv = {}): { status: number | null; loaded: string[] } {
  const tmp = tempDir();
  try {
    const log = path.join(tmp.dir, 'imports.log');
    const r = spawnSync(process.execPath, ['--import', HOOK, BIN, ...args], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 120_000,
      env: { ...process.env, ...env, BALCAO_RECORD_IMPORTS: log },
    });
    const loaded = fs.existsSync(log) ? fs.readFileSync(log, 'utf8').split('\n').filter(Boolean) : [];
    return { status: r.status, loaded };
  } finally {
    tmp.cleanup();
  }
}

/** Spawns the CLI without a display, feeding its output to `onData`. */
function spawnAsync(args: string[], onData: (d: string) => void): ReturnType<typeof spawn> {
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    env: { ...process.env, DISPLAY: '', WAYLAND_DISPLAY: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (d: Buffer) => onData(d.toString()));
  child.stderr.on('data', (d: Buffer) => onData(d.toString()));
  return child;
}

describe('balcao start-up (real processes)', () => {
  it('--help runs the bundle: neither tsx nor the core (its SQLite driver) is loaded', () => {
    const r = loadedBy(['--help']);
    expect(r.status).toBe(0);
    expect(r.loaded.some((u) => u.includes('/out/cli/'))).toBe(true);
    expect(r.loaded.filter((u) => /tsx|better-sqlite3|\.ts$/.test(u))).toEqual([]);
  }, 120_000);

  it('a command that needs the core loads it (the check above can fail)', () => {
    const tmp = tempDir();
    try {
      const r = loadedBy(['verify', '--data-dir', tmp.dir]);
      expect(r.loaded.some((u) => u.includes('better-sqlite3'))).toBe(true);
    } finally {
      tmp.cleanup();
    }
  }, 120_000);

  it('BALCAO_DEV=1 runs the TypeScript sources through tsx', () => {
    const r = loadedBy(['--help'], { BALCAO_DEV: '1' });
    expect(r.status).toBe(0);
    expect(r.loaded.some((u) => u.endsWith('/electron/cli/main.ts'))).toBe(true);
  }, 120_000);

  it('balcao start skips the Electron build when out/ is current', async () => {
    if (!appBuildIsCurrentAt(ROOT)) {
      const b = spawnSync(path.join(ROOT, 'node_modules/.bin/electron-vite'), ['build'], {
        cwd: ROOT,
        encoding: 'utf8',
        timeout: 300_000,
      });
      expect(b.status, b.stderr).toBe(0);
    }
    expect(appBuildIsCurrentAt(ROOT)).toBe(true);
    const tmp = tempDir();
    const port = await new Promise<number>((resolve) => {
      const s = net.createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as net.AddressInfo).port;
        s.close(() => resolve(p));
      });
    });
    try {
      // No display: start falls back to browser mode; `--port` is taken, so serve stops at once (exit 1).
      const blocker = net.createServer().listen(port, '127.0.0.1');
      await new Promise((r) => blocker.once('listening', r));
      const r = await new Promise<{ out: string }>((resolve) => {
        let out = '';
        const child = spawnAsync(['start', '--port', String(port), '--data-dir', tmp.dir], (d) => (out += d));
        child.once('exit', () => resolve({ out }));
      });
      blocker.close();
      expect(r.out).toMatch(/a porta \d+ já está em uso/);
      expect(r.out).not.toMatch(/A construir o Balcão/);
    } finally {
      tmp.cleanup();
    }
  }, 400_000);
});
