import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';

const ROOT = path.resolve(import.meta.dirname, '../..');
export const ARTIFACTS = path.join(ROOT, 'tests', 'artifacts');

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

/** Starts `node electron/cli/balcao.mjs serve` on a free port and a fresh temp data folder. */
export async function startBalcao(): Promise<BalcaoServer & { stop(): Promise<void> }> {
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'balcao-e2e-'));
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

/** Every test gets its own server and data folder (no state leaks between tests), and a page on it. */
export const test = base.extend<{ balcao: BalcaoServer; pos: Page }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright fixtures take a destructured first argument.
  balcao: async ({}, use) => {
    const server = await startBalcao();
    await use(server);
    await server.stop();
  },
  pos: async ({ page, balcao }, use) => {
    await page.goto(balcao.url);
    await use(page);
  },
});

export { expect };

/** Logs in through the operator tile and the on-screen PIN keypad. */
export async function loginWithKeypad(page: Page, operator: string, pin: string): Promise<void> {
  await page.getByRole('button', { name: new RegExp(operator) }).click();
  for (const digit of pin)
    await page
      .getByRole('group', { name: 'Teclado numérico' })
      .getByRole('button', { name: digit, exact: true })
      .click();
  await page.getByRole('button', { name: 'Entrar', exact: true }).click();
  await expect(page.getByTestId('operator')).toContainText(operator);
}

/** Opens the shift with a counted float (typed on the keyboard), landing on the selling screen. */
export async function openShift(page: Page, float = '50', deposit = false): Promise<void> {
  await expect(page.getByRole('heading', { name: 'Abrir turno' })).toBeVisible();
  await page.keyboard.type(float);
  if (deposit) await page.getByLabel('Depositar o fundo na máquina de numerário (CI-5)').check();
  await page.getByRole('button', { name: /^Abrir turno com/ }).click();
  await expect(page.getByRole('searchbox')).toBeVisible();
}

/** Types like a barcode scanner: digits a few ms apart, then Enter, with nothing focused in particular. */
export async function scanBarcode(page: Page, code: string): Promise<void> {
  await page.keyboard.type(code, { delay: 5 });
  await page.keyboard.press('Enter');
}

export function artifact(name: string): string {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  return path.join(ARTIFACTS, name);
}
