import { eanCheckDigit } from '../../../shared/ean';

/**
 * Recognises a barcode scanner working as a keyboard ("keyboard wedge"): it types the code's digits much
 * faster than a person can and ends with Enter. Pure (no DOM, no timers): feed it keys with their time.
 *
 * The gap is configurable because scanners differ (most send a key every 1–20 ms; some Bluetooth
 * scanners are slower). A person typing 8+ digits each within 50 ms of the previous one is not realistic.
 * A busy page (or machine) can delay keys of a burst; since scanners only send valid GTINs, when the fast
 * part alone is not one, the code may reach back over slower gaps within `windowMs` to the digits that
 * complete a valid GTIN (EAN-13 first, the common retail code).
 */
export interface WedgeOptions {
  /** Largest gap between two keys of one scan, in ms. */
  maxGapMs: number;
  minLength: number;
  maxLength: number;
  /** How far back (from the last digit) delayed digits may complete a valid GTIN. */
  windowMs: number;
}

export const DEFAULT_WEDGE: WedgeOptions = { maxGapMs: 50, minLength: 8, maxLength: 14, windowMs: 1500 };

export type WedgeResult = { kind: 'scan'; code: string } | { kind: 'digit' } | { kind: 'other' };

/** GTIN-8/12/13/14: mod-10 check digit, weights 3/1 from the right (GS1 General Specifications 7.9). */
export function isGtin(code: string): boolean {
  if (!/^(\d{8}|\d{12,14})$/.test(code)) return false;
  return eanCheckDigit(code.slice(0, -1)) === Number(code.at(-1));
}

export class WedgeDetector {
  #keys: { d: string; at: number }[] = [];
  #last = Number.NEGATIVE_INFINITY;
  readonly #o: WedgeOptions;

  constructor(options: Partial<WedgeOptions> = {}) {
    this.#o = { ...DEFAULT_WEDGE, ...options };
  }

  /** `key` as in KeyboardEvent.key; `at` in ms (any monotonic clock). */
  feed(key: string, at: number): WedgeResult {
    const fast = at - this.#last <= this.#o.maxGapMs;
    this.#last = at;
    if (/^\d$/.test(key)) {
      this.#keys.push({ d: key, at });
      if (this.#keys.length > this.#o.maxLength * 2)
        this.#keys.splice(0, this.#keys.length - this.#o.maxLength * 2);
      return { kind: 'digit' };
    }
    const keys = this.#keys;
    this.#keys = [];
    if (key !== 'Enter' || !fast || keys.length === 0) return { kind: 'other' };
    const code = this.#pick(keys);
    return code ? { kind: 'scan', code } : { kind: 'other' };
  }

  #pick(keys: { d: string; at: number }[]): string | null {
    const { maxGapMs, minLength, maxLength, windowMs } = this.#o;
    const gap = (i: number): number => (keys[i]?.at ?? 0) - (keys[i - 1]?.at ?? 0);
    let start = keys.length - 1;
    while (start > 0 && gap(start) <= maxGapMs) start--;
    const text = (from: number): string =>
      keys
        .slice(from)
        .map((k) => k.d)
        .join('');
    const fastCode = text(start).slice(-maxLength);
    if (fastCode.length >= 13 && isGtin(fastCode)) return fastCode;
    // Delayed digits: a standard GTIN length ending here, within the window, that checks out. EAN-13 (the common
    // retail code) wins over a shorter fast tail: 1 in 10 stalled EAN-13s end in 8 digits that happen to be a
    // valid EAN-8 (seen in the POS benchmark on a loaded machine: "5609000096522" read as "00096522").
    const lastAt = keys.at(-1)?.at ?? 0;
    const recent = keys.filter((k) => lastAt - k.at <= windowMs).length;
    const reachBack = (len: number): string | null => {
      if (len <= fastCode.length || len > Math.min(recent, maxLength)) return null;
      const candidate = text(keys.length - len);
      return isGtin(candidate) ? candidate : null;
    };
    const ean13 = reachBack(13);
    if (ean13) return ean13;
    if (isGtin(fastCode)) return fastCode;
    for (const len of [14, 12, 8]) {
      const candidate = reachBack(len);
      if (candidate) return candidate;
    }
    return fastCode.length >= minLength ? fastCode : null;
  }

  reset(): void {
    this.#keys = [];
    this.#last = Number.NEGATIVE_INFINITY;
  }
}
