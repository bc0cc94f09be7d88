/**
 * Soak configuration from the environment, and the seeded RNG that makes every choice of a run reproducible
 * (which articles, which payment method, which fault, when to kill). Timing is real, so two runs with the
 * same seed make the same choices but the kills land on whatever the server is doing at that instant.
 */
export interface SoakConfig {
  /** Stop after this many sales were attempted (BALCAO_SOAK_SALES). */
  sales: number;
  /** …or after this many seconds of driving sales (BALCAO_SOAK_SECONDS), whichever comes first. */
  seconds: number;
  /** BALCAO_SOAK_SEED. */
  seed: number;
  /** Probability (0–1) that a sale gets a SIGKILL armed at a random moment (BALCAO_SOAK_KILL_RATE). */
  killRate: number;
  /** Probability (0–1) that a CI-5 sale gets a fault injected (BALCAO_SOAK_FAULT_RATE). */
  faultRate: number;
  /**
   * The simulator's session time (FCC SessionMinute), ms (BALCAO_SOAK_SIM_SESSION_MS). ASSUMPTION: default
   * is the FCC's own default (60 min) so that a crash meets the machine as it really behaves.
   */
  simSessionMs: number;
  /** Where soak-results.json goes (BALCAO_SOAK_OUT). */
  out: string;
  /** Keep the data folder and logs (BALCAO_SOAK_KEEP=1); otherwise kept only when a figure fails. */
  keep: boolean;
}

const num = (name: string, def: number, min: number, max: number): number => {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return def;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < min || n > max)
    throw new Error(`${name} must be a number in [${min}, ${max}]`);
  return n;
};

export function loadConfig(root: string): SoakConfig {
  return {
    // Defaults finish in about 4 minutes on 2 shared cores (each restart costs ~1–3 s of start-up: the bundled CLI, the core and its checks).
    sales: Math.floor(num('BALCAO_SOAK_SALES', 150, 1, 1_000_000)),
    seconds: num('BALCAO_SOAK_SECONDS', 200, 5, 7 * 24 * 3600),
    seed: Math.floor(num('BALCAO_SOAK_SEED', 1, 0, 2 ** 31 - 1)),
    killRate: num('BALCAO_SOAK_KILL_RATE', 0.12, 0, 1),
    faultRate: num('BALCAO_SOAK_FAULT_RATE', 0.15, 0, 1),
    simSessionMs: Math.floor(num('BALCAO_SOAK_SIM_SESSION_MS', 60 * 60_000, 1000, 24 * 3600_000)),
    out: process.env.BALCAO_SOAK_OUT || `${root}/soak-results.json`,
    keep: process.env.BALCAO_SOAK_KEEP === '1',
  };
}

/** mulberry32: small, fast, good enough to pick scenarios; the same seed gives the same sequence. */
export class Rng {
  #s: number;
  constructor(seed: number) {
    this.#s = seed >>> 0 || 0x9e3779b9;
  }
  next(): number {
    let t = (this.#s = (this.#s + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }
  weighted<T extends string>(w: Record<T, number>): T {
    const entries = Object.entries(w) as [T, number][];
    let r = this.next() * entries.reduce((a, [, v]) => a + v, 0);
    for (const [k, v] of entries) if ((r -= v) < 0) return k;
    return entries[entries.length - 1][0];
  }
}
