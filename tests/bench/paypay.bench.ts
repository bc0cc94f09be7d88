import net from 'node:net';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { createCore } from '../../electron/core/core';
import { writePaypayConfig } from '../../electron/core/integrations/paypay/config';
import { silentLogger } from '../../electron/core/log/logger';
import { startPaypaySimulator, type PaypaySimulator } from '../../electron/simulators/paypay';
import { startBalcao } from '../e2e/balcao-server';
import { scanWithScanner } from '../e2e/scanner';
import { tempDir } from '../helpers/tmp';
import { launchBenchChromium } from './chromium';
import { median, percentile, type Benchmark } from './harness';

/**
 * paypay.confirm_to_ui_ms — from the moment the PayPay simulator is told that the customer accepted an MB WAY
 * payment (t0, taken in Node right before `POST /control/mbway {"outcome":"accept"}`) to the first animation frame
 * after the screen shows the confirmation in Debian's Chromium, against a real `balcao serve`: the payment screen's
 * [data-testid=mbway-confirmed] ("MB WAY confirmado", pushed by the core's sales/payment-progress event when the
 * journal records it settled), or the after-sale screen when that comes first. The core sends sales/completed a
 * few ms after the settled progress; a browser whose main thread was busy meanwhile (a loaded machine) handles both
 * events before React renders, and goes straight to the after-sale screen — the confirmation shown, the
 * intermediate screen never painted. Waiting for mbway-confirmed alone then aborted the run ("not seen within
 * 15 s"; BENCH_CPU_THROTTLE=20 reproduces it). How many sales went straight on is printed.
 * The page side is window.__watch of tests/bench/pos-page-probe.js; both ends are on this
 * machine's clock (Node's and the page's performance.timeOrigin + now). The UI boundary is the painted screen, not
 * the WebSocket frame. paypay.confirm_to_document_ms goes on to the after-sale screen (the FS issued and signed).
 *
 * Two setups, SALES sales each, median (and p95) reported:
 *   polling — the default: no webhook; the core polls the payment every 500 ms while the cashier waits
 *             (goal ≤ 1 000 ms);
 *   webhook — the listener enabled (loopback) and the simulator's webhook pointed at it; polling still runs, so
 *             the figure is whichever comes first, as in a shop with both (goal ≤ 100 ms).
 * The time includes the core's work after the confirmation: the check of the payment at PayPay (the webhook is a
 * trigger, the API is the truth: one more GET), settling it in the journal, the event to the page and its render.
 * Nothing here is asserted: speed is measured, never tested.
 */
const SALES = Number(process.env.BENCH_PAYPAY_SALES ?? 15);
const PROBE = fileURLToPath(new URL('./pos-page-probe.js', import.meta.url));
/** Pão de forma of the demo catalogue. */
const BARCODE = '5601234100013';

/**
 * Chromium's main thread slowed by this factor (CDP Emulation.setCPUThrottlingRate; 1 = not), to reproduce a browser
 * starved by a loaded machine without loading the machine.
 */
const CPU_THROTTLE = Number(process.env.BENCH_CPU_THROTTLE ?? 1);

/** The confirmation on screen (whichever screen first, see above); then the after-sale screen with the document. */
const SEEN = ['[data-testid="mbway-confirmed"], [data-testid="after-sale"]', '[data-testid="after-sale"]'];
type Seen = { at: Record<string, number>; matched: Record<string, string | null> };
type Probe = { __watch(selectors: string[]): Promise<Seen>; __watching?: Promise<Seen> };
type Sale = { confirmed: number; document: number; skipped: boolean };

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

async function control(sim: PaypaySimulator, path: string, body: unknown): Promise<void> {
  const r = await fetch(`${sim.controlUrl}/control/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!r.ok) throw new Error(`control ${path}: ${r.status} ${await r.text()}`);
}

async function login(page: Page): Promise<void> {
  await page.getByRole('button', { name: /Ana Caixa/ }).click();
  const keypad = page.getByRole('group', { name: 'Teclado numérico' });
  for (const d of '1111') await keypad.getByRole('button', { name: d, exact: true }).click();
  await page.getByRole('button', { name: 'Entrar', exact: true }).click();
  await page.getByRole('heading', { name: 'Abrir turno' }).waitFor();
  await page.keyboard.type('50');
  await page.getByRole('button', { name: /^Abrir turno com/ }).click();
  await page.getByRole('searchbox').waitFor();
}

/** One MB WAY sale on screen; resolves with the two delays from the confirmation at PayPay, in ms. */
async function mbwaySale(page: Page, sim: PaypaySimulator): Promise<Sale> {
  await page.locator(':focus').evaluateAll((els) => els.forEach((el) => (el as { blur(): void }).blur()));
  await scanWithScanner(page, BARCODE);
  await page.getByTestId('cart-line').first().waitFor();
  await page.getByRole('button', { name: 'Pagar', exact: true }).click();
  await page.getByRole('heading', { name: 'Pagamento' }).waitFor();
  await page.getByRole('button', { name: /MB WAY/ }).click();
  await page.getByTestId('mbway-phone').fill('912 345 678');
  await page.getByTestId('mbway-send').click();
  // The request is at PayPay when the screen says so: the core's line after the creation job answered, with the
  // masked phone — the screen's own placeholder (before any progress reaches it) has the same words without it.
  await page
    .getByTestId('mbway-status')
    .filter({ hasText: 'A aguardar confirmação no telemóvel… (+351 ••• 678)' })
    .waitFor();
  const waiting = [...sim.account.payments.values()].filter(
    (p) => p.method === 'MW' && p.state === 'pending_confirmation' && !p.cancelled,
  );
  const remote = waiting[waiting.length - 1];
  if (!remote) throw new Error('no MB WAY request at the simulator');
  await page.evaluate((sel) => {
    const g = globalThis as unknown as Probe;
    g.__watching = g.__watch(sel);
  }, SEEN);
  const t0 = performance.timeOrigin + performance.now();
  await control(sim, 'mbway', { paymentId: remote.id, outcome: 'accept' });
  const seen = await page.evaluate(() => (globalThis as unknown as Probe).__watching!);
  return {
    confirmed: seen.at[SEEN[0]]! - t0,
    document: seen.at[SEEN[1]]! - t0,
    skipped: seen.matched[SEEN[0]] === 'after-sale',
  };
}

async function measure(
  webhook: boolean,
): Promise<{ confirmed: number[]; document: number[]; skipped: number }> {
  const sim = await startPaypaySimulator({ clientId: '599999993' });
  const tmp = tempDir('balcao-bench-paypay-');
  const webhookPort = webhook ? await freePort() : null;
  const core = await createCore({ dataDir: tmp.dir, log: silentLogger });
  writePaypayConfig(core.ctx.db, {
    baseUrl: sim.baseUrl,
    platformCode: sim.credentials.platformCode,
    privateKey: sim.credentials.privateKey,
    nif: sim.credentials.clientId,
    webhookPort,
  });
  await core.stop('bench');
  if (webhookPort !== null)
    await control(sim, 'webhook', { url: `http://127.0.0.1:${webhookPort}/webhooks/paypay` });
  const server = await startBalcao({ dataDir: tmp.dir });
  const browser = await launchBenchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'pt-PT' });
    await page.addInitScript({ path: PROBE });
    if (CPU_THROTTLE !== 1) {
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_THROTTLE });
    }
    await page.goto(server.url);
    await login(page);
    const out = { confirmed: [] as number[], document: [] as number[], skipped: 0 };
    for (let i = 0; i < SALES; i++) {
      const r = await mbwaySale(page, sim);
      out.confirmed.push(r.confirmed);
      out.document.push(r.document);
      if (r.skipped) out.skipped++;
    }
    if (webhook && !sim.webhooks.some((w) => w.status === 200))
      throw new Error('the webhook listener never answered 200');
    return out;
  } catch (e) {
    process.stderr.write(`balcao serve output:\n${server.output()}\n`);
    throw e;
  } finally {
    await browser.close();
    await server.stop(); // also removes the data folder
    await sim.close();
  }
}

const round = (v: number): number => Math.round(v * 10) / 10;

export const benchmarks: Benchmark[] = [
  {
    name: 'paypay',
    async run() {
      const polling = await measure(false);
      const webhook = await measure(true);
      process.stdout.write(
        `  ${SALES} MB WAY sales by polling, ${SALES} with the webhook listener` +
          (CPU_THROTTLE !== 1 ? ` (Chromium's CPU throttled ×${CPU_THROTTLE})` : '') +
          `; straight to the after-sale screen (no "MB WAY confirmado" painted): ` +
          `${polling.skipped} by polling, ${webhook.skipped} with the webhook\n`,
      );
      return {
        'paypay.confirm_to_ui_ms': round(median(polling.confirmed)),
        'paypay.confirm_to_ui_p95_ms': round(percentile(polling.confirmed, 95)),
        'paypay.confirm_to_ui_webhook_ms': round(median(webhook.confirmed)),
        'paypay.confirm_to_ui_webhook_p95_ms': round(percentile(webhook.confirmed, 95)),
        // Up to the after-sale screen: adds issuing and signing the FS and queueing its receipt.
        'paypay.confirm_to_document_ms': round(median(polling.document)),
        'paypay.confirm_to_document_webhook_ms': round(median(webhook.document)),
      };
    },
  },
];
