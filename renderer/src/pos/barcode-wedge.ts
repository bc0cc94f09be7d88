/**
 * Recognises a barcode scanner working as a keyboard ("keyboard wedge"): it types the code's digits much
 * faster than a person can and ends with Enter. Pure (no DOM, no timers): feed it keys with their time.
 *
 * The gap is configurable because scanners differ (most send a key every 1–20 ms; some Bluetooth
 * scanners are slower). A person typing 8+ digits each within 50 ms of the previous one is not realistic.
 */
export interface WedgeOptions {
  /** Largest gap between two keys of one scan, in ms. */
  maxGapMs: number;
  minLength: number;
  maxLength: number;
}

export const DEFAULT_WEDGE: WedgeOptions = { maxGapMs: 50, minLength: 8, maxLength: 14 };

export type WedgeResult = { kind: 'scan'; code: string } | { kind: 'digit' } | { kind: 'other' };

export class WedgeDetector {
  #digits = '';
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
      this.#digits = fast ? this.#digits + key : key;
      if (this.#digits.length > this.#o.maxLength) this.#digits = this.#digits.slice(-this.#o.maxLength);
      return { kind: 'digit' };
    }
    const code = this.#digits;
    this.#digits = '';
    if (key === 'Enter' && fast && code.length >= this.#o.minLength) return { kind: 'scan', code };
    return { kind: 'other' };
  }

  reset(): void {
    this.#digits = '';
    this.#last = Number.NEGATIVE_INFINITY;
  }
}
