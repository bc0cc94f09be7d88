/**
 * Retry delay after the n-th failed attempt: base × factor^(n−1), capped at `maxMs`, then spread by `jitter`
 * (0 = exact; 0.2 = anywhere in [80 %, 100 %] of the delay). Jitter only shortens, so the cap holds, and many
 * terminals that lost the network together do not all come back in the same second.
 */
export interface BackoffPolicy {
  readonly baseMs: number;
  readonly factor: number;
  readonly maxMs: number;
  readonly jitter: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 1000, factor: 2, maxMs: 5 * 60_000, jitter: 0.2 };

/** `random` in [0, 1) (injectable: tests check the bounds). Never below 1 ms, so a failed job is never due at once. */
export function backoffDelayMs(
  p: BackoffPolicy,
  attempt: number,
  random: () => number = Math.random,
): number {
  const exact = Math.min(p.maxMs, p.baseMs * p.factor ** Math.max(0, attempt - 1));
  const j = Math.min(1, Math.max(0, p.jitter));
  return Math.max(1, Math.round(exact * (1 - j * random())));
}

/** Bounds of backoffDelayMs for an attempt (what the jitter test checks). */
export function backoffBounds(p: BackoffPolicy, attempt: number): { min: number; max: number } {
  const exact = Math.min(p.maxMs, p.baseMs * p.factor ** Math.max(0, attempt - 1));
  return { min: Math.max(1, Math.round(exact * (1 - Math.min(1, p.jitter)))), max: Math.max(1, exact) };
}
