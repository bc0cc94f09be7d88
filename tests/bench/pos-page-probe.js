/* global window, document, requestAnimationFrame, MutationObserver */
// Page-side instruments of tests/bench/pos.bench.ts (plain browser JS, installed with page.addInitScript before
// the app loads; definitions of the two measurements are in pos.bench.ts).
//
// window.__arm(kind, name) starts one measurement; window.__wait() resolves with its { t0, dom, ready } in
// performance.now() ms:
//   kind 'scan': t0 = the Enter keydown's timeStamp; dom = a sale line containing `name` is in the DOM;
//                ready = the animation frame after that.
//   kind 'sale': t0 = the click on "Confirmar valor aprovado"; dom = [data-testid=after-sale] is in the DOM;
//                ready = the later of the frame after that and the after-sale scanner wedge being registered.
//
// window.__watch(selectors) (paypay.bench.ts, whose cause is outside the page: PayPay confirms an MB WAY payment, t0
// is taken in Node) resolves with, per selector, `at`: the epoch ms (performance.timeOrigin + now, the clock Node's t0
// is on) of the first animation frame after an element matching it is in the DOM, and `matched`: that element's
// data-testid (a selector may be a list, "a, b": whichever screen came first).
(() => {
  const add = EventTarget.prototype.addEventListener;
  /** @type {null | { t0?: number, dom?: number, frame?: number, match: () => boolean, needsWedge: boolean, resolve: (r: { t0: number, dom: number, ready: number }) => void }} */
  let probe = null;
  let wedgeAt = -1;

  const settle = () => {
    const p = probe;
    if (!p || p.t0 === undefined || p.dom === undefined || p.frame === undefined) return;
    if (p.needsWedge && wedgeAt < p.t0) return;
    probe = null;
    p.resolve({ t0: p.t0, dom: p.dom, ready: Math.max(p.frame, p.needsWedge ? wedgeAt : 0) });
  };

  // The after-sale screen's scanner wedge is its only capturing keydown listener on window: note when it is added.
  EventTarget.prototype.addEventListener = function (type, fn, opts) {
    const capture = opts === true || (typeof opts === 'object' && opts !== null && opts.capture === true);
    if (
      this === window &&
      type === 'keydown' &&
      capture &&
      document.querySelector('[data-testid="after-sale"]')
    ) {
      wedgeAt = performance.now();
      queueMicrotask(settle);
    }
    return add.call(this, type, fn, opts);
  };

  const start = (e) => {
    if (probe && probe.t0 === undefined) probe.t0 = e.timeStamp;
  };
  add.call(
    window,
    'keydown',
    (e) => {
      if (e.key === 'Enter' && probe && !probe.needsWedge) start(e);
    },
    { capture: true },
  );
  add.call(
    window,
    'click',
    (e) => {
      const button = e.target && e.target.closest ? e.target.closest('button') : null;
      if (probe && probe.needsWedge && button && button.textContent.includes('Confirmar valor aprovado'))
        start(e);
    },
    { capture: true },
  );

  const seen = () => {
    const p = probe;
    if (!p || p.t0 === undefined || p.dom !== undefined || !p.match()) return;
    p.dom = performance.now();
    requestAnimationFrame(() => {
      p.frame = performance.now();
      settle();
    });
  };
  const observe = () =>
    new MutationObserver(seen).observe(document.body, {
      subtree: true,
      childList: true,
      characterData: true,
    });
  if (document.body) observe();
  else add.call(document, 'DOMContentLoaded', observe);

  window.__watch = (selectors) =>
    new Promise((resolve, reject) => {
      /** @type {Record<string, number>} */
      const out = {};
      /** @type {Record<string, string | null>} */
      const matched = {};
      const timer = setTimeout(() => {
        obs.disconnect();
        reject(new Error(`not seen within 15 s: ${selectors.filter((x) => !(x in out)).join(', ')}`));
      }, 15_000);
      const check = () => {
        for (const sel of selectors) {
          const el = sel in out ? null : document.querySelector(sel);
          if (!el) continue;
          out[sel] = -1;
          matched[sel] = el.getAttribute('data-testid');
          requestAnimationFrame(() => {
            out[sel] = performance.timeOrigin + performance.now();
            if (selectors.every((x) => out[x] > 0)) {
              clearTimeout(timer);
              obs.disconnect();
              resolve({ at: out, matched });
            }
          });
        }
      };
      const obs = new MutationObserver(check);
      obs.observe(document.body, { subtree: true, childList: true, characterData: true });
      check();
    });

  /** @type {Promise<{ t0: number, dom: number, ready: number }> | null} */
  let pending = null;
  window.__wait = () => pending;
  window.__arm = (kind, name) => {
    pending = new Promise((resolve, reject) => {
      const match =
        kind === 'scan'
          ? () =>
              [...document.querySelectorAll('[data-testid="cart-line"]')].some((el) =>
                (el.textContent || '').includes(name),
              )
          : () => document.querySelector('[data-testid="after-sale"]') !== null;
      const timer = setTimeout(() => reject(new Error(`no ${kind} within 15 s (${name})`)), 15_000);
      probe = {
        match,
        needsWedge: kind === 'sale',
        resolve: (r) => {
          clearTimeout(timer);
          resolve(r);
        },
      };
    });
    // Keep an unobserved rejection quiet until __wait() hands the promise over.
    pending.catch(() => undefined);
  };
})();
