import type { CDPSession, Page } from '@playwright/test';

/**
 * A keyboard-wedge barcode scanner for Chromium pages: real (trusted) key events through Chromium's input
 * pipeline (CDP Input.dispatchKeyEvent), each stamped with the time a scanner would have sent it — one key every
 * `gapMs`, Enter last. Like a USB scanner, whose keys carry the OS's timestamps: a busy page or test machine may
 * deliver them late, but `event.timeStamp` still says they came as a fast burst, which is what the wedge reads.
 * (Playwright's keyboard.type stamps each key when it is finally dispatched, so on a loaded machine a "scan"
 * can look like slow typing and be ignored.)
 */
const sessions = new WeakMap<Page, Promise<CDPSession>>();

function session(page: Page): Promise<CDPSession> {
  let s = sessions.get(page);
  if (!s) {
    s = page.context().newCDPSession(page);
    sessions.set(page, s);
  }
  return s;
}

export async function scanWithScanner(page: Page, code: string, gapMs = 8): Promise<void> {
  const cdp = await session(page);
  const start = Date.now();
  // Key i is stamped at start + i·gap, or now if sending is faster than that: never in the future, so the time
  // of the Enter is never earlier than it really was sent (the POS benchmark measures from it). CDP timestamps
  // are seconds since the epoch.
  const at = (i: number): number => Math.min(start + i * gapMs, Date.now()) / 1000;
  const keys = [...code].map((d) => ({
    key: d,
    code: `Digit${d}`,
    text: d,
    windowsVirtualKeyCode: d.charCodeAt(0),
  }));
  for (const [i, k] of keys.entries()) {
    await cdp.send('Input.dispatchKeyEvent', {
      type: 'keyDown',
      ...k,
      unmodifiedText: k.text,
      timestamp: at(i),
    });
    await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', ...k, timestamp: at(i) + 0.002 });
  }
  const enter = { key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 13 };
  const t = at(keys.length);
  await cdp.send('Input.dispatchKeyEvent', {
    type: 'keyDown',
    ...enter,
    text: '\r',
    unmodifiedText: '\r',
    timestamp: t,
  });
  await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', ...enter, timestamp: t + 0.002 });
}
