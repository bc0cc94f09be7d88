/**
 * iLink's limit as the simulator enforces it: 200 requests in any window of a minute; the request that
 * exceeds it starts a 2-minute block during which every request is refused with 429 (§2.2). Both durations
 * are divided by the time factor (a bench that declares factor 60 gets 200 per second and a 2 s block).
 * Every block is counted, so a test or the bench can assert that the terminal never tripped it.
 */
export interface RateLimiterStats {
  readonly limit: number;
  readonly windowMs: number;
  readonly blockMs: number;
  /** Requests refused with 429 because of the limit (the first one of a block included). */
  readonly refused: number;
  /** Blocks started. */
  readonly blocks: number;
  /** Most requests seen in any one window. */
  readonly peak: number;
}

export function createRateLimiter(o: { limit?: number; timeFactor?: number; now: () => number }) {
  const limit = o.limit ?? 200;
  const factor = o.timeFactor ?? 1;
  const windowMs = 60_000 / factor;
  const blockMs = 120_000 / factor;
  const starts: number[] = [];
  let blockedUntil = 0;
  let refused = 0;
  let blocks = 0;
  let peak = 0;
  return {
    /** null when allowed; else the milliseconds until the block ends (for Retry-After). */
    admit(): number | null {
      const now = o.now();
      if (now < blockedUntil) {
        refused++;
        return blockedUntil - now;
      }
      while (starts.length && starts[0]! <= now - windowMs) starts.shift();
      if (starts.length >= limit) {
        blocks++;
        refused++;
        blockedUntil = now + blockMs;
        return blockMs;
      }
      starts.push(now);
      peak = Math.max(peak, starts.length);
      return null;
    },
    stats: (): RateLimiterStats => ({ limit, windowMs, blockMs, refused, blocks, peak }),
  };
}
