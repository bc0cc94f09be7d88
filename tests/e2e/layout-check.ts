/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import type { Page } from '@playwright/test';

/**
 * What is clipped or outside the screen right now (issue 15 item 8), as readable lines ("button «Anular
 * linha»: right 1030 > 1024"). Checks every visible element that is not inside a scrolling box:
 * - its box lies within the viewport (a button below the fold of a dialog, a status bar cut at the right);
 * - a box that hides its overflow shows all its content (scrollWidth/scrollHeight vs client size), which
 *   catches text cut with or without an ellipsis ("1 049,30 €" overflowing the total box).
 * Content of scrolling boxes (overflow auto/scroll: lists, dialog bodies) may scroll and is not counted.
 */
export async function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const vw = document.documentElement.clientWidth;
    const vh = document.documentElement.clientHeight;
    const scrolls = (el: Element): boolean => {
      const s = getComputedStyle(el);
      return /(auto|scroll)/.test(s.overflowX + s.overflowY);
    };
    const name = (el: Element): string => {
      const text = (el.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 40);
      const id = el.getAttribute('data-testid') ?? el.getAttribute('aria-label') ?? el.className;
      return `${el.tagName.toLowerCase()}[${String(id).slice(0, 40)}] «${text}»`;
    };
    for (const el of document.querySelectorAll('body *')) {
      if (!(el instanceof HTMLElement)) continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      // Screen-reader-only text is a 1×1 clipped box on purpose.
      if (el.clientWidth <= 1 && el.clientHeight <= 1) continue;
      const s = getComputedStyle(el);
      if (s.visibility === 'hidden' || (s.position === 'fixed' && s.opacity === '0')) continue;
      // Inside a scrolling box: it may legitimately be scrolled away.
      // The nearest scrolling ancestor, up to a fixed box (a dialog's backdrop is placed on the viewport).
      let cur: Element = el;
      let scroller: Element | null = null;
      while (cur.parentElement && cur.parentElement !== document.body) {
        if (getComputedStyle(cur).position === 'fixed') break;
        const p: Element = cur.parentElement;
        if (scrolls(p)) {
          scroller = p;
          break;
        }
        cur = p;
      }
      if (scroller) {
        // Up and down is what a scrolling box is for; sideways is cut off on a touch screen.
        const b = scroller.getBoundingClientRect();
        if (r.right > b.right + 1 || r.left < b.left - 1)
          problems.push(
            `${name(el)}: sideways out of its scrolling box (${Math.round(r.left)}–${Math.round(r.right)} vs ${Math.round(b.left)}–${Math.round(b.right)})`,
          );
      } else {
        if (r.right > vw + 1) problems.push(`${name(el)}: right ${Math.round(r.right)} > ${vw}`);
        if (r.bottom > vh + 1) problems.push(`${name(el)}: bottom ${Math.round(r.bottom)} > ${vh}`);
        if (r.left < -1) problems.push(`${name(el)}: left ${Math.round(r.left)} < 0`);
      }
      if (scrolls(el) && el.scrollWidth > el.clientWidth + 1)
        problems.push(`${name(el)}: scrolls sideways (${el.scrollWidth} > ${el.clientWidth})`);
      const hides = /(hidden|clip)/.test(s.overflowX + s.overflowY) && !scrolls(el);
      if (hides && (el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1))
        problems.push(
          `${name(el)}: content ${el.scrollWidth}×${el.scrollHeight} clipped to ${el.clientWidth}×${el.clientHeight}`,
        );
    }
    return problems;
  });
}

/** Text that wraps onto more lines than `maxLines` (a name on a button). */
export async function lineCount(page: Page, testId: string): Promise<number> {
  return page.getByTestId(testId).evaluate((el) => {
    const lh = parseFloat(getComputedStyle(el).lineHeight) || 20;
    return Math.round(el.getBoundingClientRect().height / lh);
  });
}
