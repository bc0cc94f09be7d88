/**
 * `npx tsx tests/bench/frame-clock.ts`: Chromium's frame clock on a blank page, no Balcão code (what
 * pos.scan_late_frame_pct counts, shown apart from the app). Each trial paints a change (frame F1), waits GAP ms,
 * changes the text again and times the first animation frame after it. A change soon after a frame waits for
 * the clock's next tick; once the page has been idle for about three frames (~50 ms), the next frame comes at
 * once. Prints, per gap, the median delay and how many of the trials waited more than 8 ms. Measured, not asserted.
 */
import { launchBenchChromium } from './chromium';

const GAPS = [5, 10, 20, 30, 40, 45, 50, 60, 100, 200];
const TRIALS = 30;

// Plain browser JS (the Node project has no DOM types); the page is blank.
const PAGE_SCRIPT = `(async () => {
  const d = document.getElementById('d');
  const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
  const frameAfterChange = () => new Promise((resolve) => {
    d.textContent = String(Math.random());
    const t = performance.now();
    requestAnimationFrame(() => resolve(performance.now() - t));
  });
  const out = {};
  for (const gap of ${JSON.stringify(GAPS)}) {
    const v = [];
    for (let k = 0; k < ${TRIALS}; k++) {
      await sleep(300);
      await frameAfterChange();
      await sleep(gap);
      v.push(await frameAfterChange());
    }
    v.sort((a, b) => a - b);
    out[gap] = { medianMs: Number(v[v.length >> 1].toFixed(1)), waitedOver8ms: v.filter((x) => x > 8).length };
  }
  return out;
})()`;

const browser = await launchBenchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  await page.setContent('<div id="d">0</div>');
  const result = (await page.evaluate(PAGE_SCRIPT)) as Record<
    string,
    { medianMs: number; waitedOver8ms: number }
  >;
  process.stdout.write(
    `Chromium ${browser.version()}, ${TRIALS} trials per gap (ms after the previous frame)\n`,
  );
  for (const [gap, r] of Object.entries(result))
    process.stdout.write(
      `  gap ${gap.padStart(3)}: median ${r.medianMs} ms, waited > 8 ms: ${r.waitedOver8ms}\n`,
    );
} finally {
  await browser.close();
}
