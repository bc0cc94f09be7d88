import { chromium, type Browser } from '@playwright/test';

/**
 * Debian's Chromium as every browser benchmark runs it (pos, paypay, frame-clock): one set of flags, so their
 * figures stay comparable (the frame clock and software compositing depend on them).
 */
export function launchBenchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
  });
}
