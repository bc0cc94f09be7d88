import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { createCore } from '../../electron/core/core';
import { silentLogger } from '../../electron/core/log/logger';
import { eanCheckDigit } from '../../shared/ean';
import { startBalcao } from '../e2e/balcao-server';
import { scanWithScanner } from '../e2e/scanner';
import { tempDir } from '../helpers/tmp';
import { launchBenchChromium } from './chromium';
import { median, percentile, type Benchmark } from './harness';

/**
 * The cashier's screen, measured in Debian's Chromium through Playwright against a real `balcao serve`
 * (training mode, simulated CI-5, virtual printer) whose catalogue has ARTICLES extra articles.
 *
 * pos.scan_to_line_p95_ms — from the scanner's Enter (the keydown's event.timeStamp: when it was sent) to the
 *   first animation frame after the scanned article's line is in the sale panel's DOM (a MutationObserver sees
 *   the line, then requestAnimationFrame: the frame that paints it). 200 scans of distinct articles, nothing focused (the
 *   scanner types "into the page", the wedge recognises it), in sales of LINES_PER_SALE lines. Goal ≤ 20 ms (issue 15; was 50).
 *
 * pos.sale_to_ready_ms — from the final payment event (the click on "Confirmar valor aprovado" for the card
 *   the terminal approved: its event.timeStamp) to the screen being ready for the next customer. "Ready" =
 *   both (a) the after-sale screen ([data-testid=after-sale], change + document + "Nova venda") has been
 *   painted — first animation frame after it is in the DOM — and (b) the scanner wedge of that screen is
 *   listening (its capturing keydown listener is registered on window), so the next barcode starts the next
 *   sale. The time includes the core's work: settling the payment, issuing and signing the FS, queueing the
 *   receipt. Median over all sales (the 200 scans' sales plus EXTRA_SALES one-line sales). Goal ≤ 50 ms (issue 15; was 300).
 *   That the wedge really takes the next barcode is checked, not timed: each sale after the first starts by
 *   scanning on the after-sale screen.
 *
 * pos.scan_to_line_paced_p95_ms — the same measurement for PACED_SCANS more scans, each PACE_MS after the previous
 *   line was painted. The 200 scans above follow each other as fast as Playwright can send them: the next scan's
 *   line reaches the DOM mostly 35–60 ms after the previous line's frame, and within ~50 ms of a frame Chromium
 *   still runs its frame clock (it keeps ticking for about three frames), so such a line waits for the next tick,
 *   8–16 ms, where a line on an idle page is painted within 1–2 ms. No cashier scans twice within 50 ms; PACE_MS is far below
 *   any human pace (ASSUMPTION: a cashier's scans are at least ~0.3 s apart) and far above that clock's window.
 *   pos.scan_late_frame_pct: the share of the 200 back-to-back scans whose first frame came more than 8 ms after
 *   the line was in the DOM (the cause, reported with its effect).
 *
 * Medians and p95 of both are reported as well. Nothing here is asserted: speed is measured, never tested.
 */
const ARTICLES = 20_000;
/** The page-side instruments (plain browser JS, installed before the app loads). */
const PROBE = fileURLToPath(new URL('./pos-page-probe.js', import.meta.url));
const SCANS = 200;
const LINES_PER_SALE = 20;
const EXTRA_SALES = 20;
const PACED_SCANS = 100;
const PACE_MS = 200;
/** A first frame later than this after the line is in the DOM waited for the frame clock's next tick. */
const LATE_FRAME_MS = 8;

interface Row {
  code: string;
  barcode: string;
  name: string;
}

/** Valid, unique EAN-13s with the GS1 Portugal prefix 560 ("5609…" is unused by the demo catalogue). */
export function benchBarcode(i: number): string {
  const body = `5609${String(i).padStart(8, '0')}`;
  return body + String(eanCheckDigit(body));
}

/** Opens the core once on `dir` (migrations + demo company/operators), then inserts the big catalogue. */
async function prepareCatalogue(dir: string): Promise<Row[]> {
  const core = await createCore({ dataDir: dir, log: silentLogger });
  try {
    const { db } = core.ctx;
    const insert = db.sqlite.prepare(
      `insert into article (code, barcode, name, family, unit, price, tax_code, exemption_code, product_type,
         favourite, active, created_at) values (?, ?, ?, ?, 'UN', ?, ?, null, 'P', 0, 1, ?)`,
    );
    const families = ['Mercearia', 'Bebidas', 'Drogaria', 'Higiene', 'Bazar', 'Congelados'];
    const taxes = ['NOR', 'INT', 'RED'] as const;
    const now = new Date().toISOString();
    const rows: Row[] = [];
    db.tx(() => {
      for (let i = 1; i <= ARTICLES; i++) {
        const row = {
          code: `B${String(i).padStart(6, '0')}`,
          barcode: benchBarcode(i),
          name: `Artigo de ensaio ${String(i).padStart(5, '0')} ${families[i % families.length]!.toLowerCase()}`,
        };
        const cents = 49 + ((i * 37) % 2950);
        insert.run(
          row.code,
          row.barcode,
          row.name,
          families[i % families.length],
          (cents / 100).toFixed(2),
          taxes[i % taxes.length],
          now,
        );
        rows.push(row);
      }
    });
    return rows;
  } finally {
    await core.stop('bench');
  }
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

/**
 * Scans like a keyboard-wedge scanner with nothing focused (real key events, a key every 8 ms, stamped as a
 * scanner sends them: tests/e2e/scanner.ts); resolves with the page's timings.
 */
async function scan(page: Page, row: Row): Promise<Timing> {
  await page.locator(':focus').evaluateAll((els) => els.forEach((el) => (el as { blur(): void }).blur()));
  const wait = await arm(page, 'scan', row.name);
  await scanWithScanner(page, row.barcode);
  return wait();
}

interface Timing {
  t0: number;
  dom: number;
  ready: number;
}

type Probe = { __arm(kind: string, name: string): void; __wait(): Promise<Timing> };

/**
 * Arms the page's probe (window.__arm of pos-page-probe.js) before the action, and returns the wait for its
 * result. The Node project has no DOM types: the page globals are typed here.
 */
async function arm(page: Page, kind: 'scan' | 'sale', name: string): Promise<() => Promise<Timing>> {
  await page.evaluate(([k, n]) => (globalThis as unknown as Probe).__arm(k, n), [kind, name] as const);
  return () => page.evaluate(() => (globalThis as unknown as Probe).__wait());
}

/** Pays the sale on screen by card and times the confirmation up to "ready for the next customer". */
async function payByCard(page: Page): Promise<Timing> {
  await page.getByRole('button', { name: 'Pagar', exact: true }).click();
  await page.getByRole('heading', { name: 'Pagamento' }).waitFor();
  await page.getByRole('button', { name: /Cartão/ }).click();
  const confirm = page.getByRole('button', { name: 'Confirmar valor aprovado' });
  await confirm.waitFor();
  const wait = await arm(page, 'sale', '');
  await confirm.click();
  return wait();
}

const round = (v: number): number => Math.round(v * 10) / 10;

export const benchmarks: Benchmark[] = [
  {
    name: 'pos',
    async run() {
      const tmp = tempDir('balcao-bench-pos-');
      const rows = await prepareCatalogue(tmp.dir);
      const server = await startBalcao({ dataDir: tmp.dir });
      const browser = await launchBenchChromium();
      try {
        const page = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'pt-PT' });
        await page.addInitScript({ path: PROBE });
        await page.goto(server.url);
        await login(page);

        // Distinct articles spread over the whole catalogue (deterministic).
        const picks = Array.from(
          { length: SCANS + EXTRA_SALES + PACED_SCANS },
          (_, i) => rows[(i * 7919) % rows.length]!,
        );
        const scanMs: number[] = [];
        let lateFrames = 0;
        const firstScanMs: number[] = [];
        const saleMs: number[] = [];
        for (let i = 0; i < SCANS; i++) {
          const r = await scan(page, picks[i]!);
          scanMs.push(r.ready - r.t0);
          if (r.ready - r.dom > LATE_FRAME_MS) lateFrames++;
          if (i > 0 && i % LINES_PER_SALE === 0) firstScanMs.push(r.ready - r.t0);
          if ((i + 1) % LINES_PER_SALE === 0) {
            const s = await payByCard(page);
            saleMs.push(s.ready - s.t0);
          }
        }
        for (let i = 0; i < EXTRA_SALES; i++) {
          await scan(page, picks[SCANS + i]!);
          const s = await payByCard(page);
          saleMs.push(s.ready - s.t0);
        }
        const pacedMs: number[] = [];
        for (let i = 0; i < PACED_SCANS; i++) {
          await page.waitForTimeout(PACE_MS);
          const r = await scan(page, picks[SCANS + EXTRA_SALES + i]!);
          pacedMs.push(r.ready - r.t0);
          if ((i + 1) % LINES_PER_SALE === 0) await payByCard(page);
        }
        process.stdout.write(
          `  ${ARTICLES} articles; ${scanMs.length} scans; ${saleMs.length} card sales (Chromium ${browser.version()})\n`,
        );
        return {
          'pos.scan_to_line_p95_ms': round(percentile(scanMs, 95)),
          'pos.scan_to_line_median_ms': round(median(scanMs)),
          'pos.sale_to_ready_ms': round(median(saleMs)),
          'pos.sale_to_ready_p95_ms': round(percentile(saleMs, 95)),
          // The first scan on the after-sale screen (5 % of the scans, so it decides the p95): it also waits for
          // the core's work right after a sale, e.g. the receipt going through the print queue.
          'pos.scan_after_sale_median_ms': round(median(firstScanMs)),
          'pos.scan_late_frame_pct': round((100 * lateFrames) / scanMs.length),
          'pos.scan_to_line_paced_p95_ms': round(percentile(pacedMs, 95)),
          'pos.scan_to_line_paced_median_ms': round(median(pacedMs)),
        };
      } catch (e) {
        process.stderr.write(`balcao serve output:\n${server.output()}\n`);
        throw e;
      } finally {
        await browser.close();
        await server.stop(); // also removes the data folder
      }
    },
  },
];
