/**
 * Euro stock of the simulated CI-5 recyclers, per denomination, with near-empty/near-full levels
 * (glory-ci5.md §2.5, §6.1 item 5). Denomination list and thresholds are [ASSUMPTION]s of the simulator.
 */
export type DevId = 1 | 2;
export interface SimDenom {
  fv: number;
  devid: DevId;
  piece: number;
}

/** EUR face values in cents: coins on the RCW (devid 2), notes on the RBW (devid 1). 500 € is not accepted. */
export const EUR_COINS = [1, 2, 5, 10, 20, 50, 100, 200] as const;
export const EUR_NOTES = [500, 1000, 2000, 5000, 10000, 20000] as const;
export const devidOf = (fv: number): DevId | undefined =>
  (EUR_NOTES as readonly number[]).includes(fv)
    ? 1
    : (EUR_COINS as readonly number[]).includes(fv)
      ? 2
      : undefined;

interface Slot {
  fv: number;
  devid: DevId;
  piece: number;
  max: number;
  nearEmpty: number;
  nearFull: number;
}

export const DEFAULT_STOCK: Record<number, number> = {
  1: 50,
  2: 50,
  5: 50,
  10: 50,
  20: 50,
  50: 40,
  100: 30,
  200: 20,
  500: 20,
  1000: 15,
  2000: 10,
  5000: 0,
  10000: 0,
  20000: 0,
};

export class Stock {
  readonly #slots = new Map<number, Slot>();
  /** Collection cassette (not dispensable). */
  readonly cassette = new Map<number, number>();

  constructor(initial: Record<number, number> = DEFAULT_STOCK) {
    for (const fv of [...EUR_COINS, ...EUR_NOTES]) {
      const devid = devidOf(fv) as DevId;
      const max = devid === 2 ? 150 : 60;
      this.#slots.set(fv, { fv, devid, piece: initial[fv] ?? 0, max, nearEmpty: 5, nearFull: max - 10 });
    }
  }

  accepts(fv: number): boolean {
    const s = this.#slots.get(fv);
    return !!s && s.piece < s.max;
  }

  set(fv: number, piece: number): void {
    const s = this.#slots.get(fv);
    if (s) s.piece = Math.max(0, Math.min(s.max, Math.trunc(piece)));
  }

  add(ds: readonly SimDenom[]): void {
    for (const d of ds) {
      const s = this.#slots.get(d.fv);
      if (s) s.piece += d.piece;
    }
  }

  has(ds: readonly SimDenom[]): boolean {
    const need = new Map<number, number>();
    for (const d of ds) need.set(d.fv, (need.get(d.fv) ?? 0) + d.piece);
    return [...need].every(([fv, n]) => (this.#slots.get(fv)?.piece ?? 0) >= n);
  }

  remove(ds: readonly SimDenom[]): void {
    if (!this.has(ds)) throw new Error('stock insuficiente');
    for (const d of ds) (this.#slots.get(d.fv) as Slot).piece -= d.piece;
  }

  /** Inventory level code (§2.5): 0 EMPTY, 1 NEAR_EMPTY, 2 EXIST, 3 NEAR_FULL, 4 FULL. */
  level(fv: number): number {
    const s = this.#slots.get(fv);
    if (!s) return 22;
    if (s.piece === 0) return 0;
    if (s.piece <= s.nearEmpty) return 1;
    if (s.piece >= s.max) return 4;
    if (s.piece >= s.nearFull) return 3;
    return 2;
  }

  list(): (SimDenom & { level: number })[] {
    return [...this.#slots.values()].map((s) => ({
      fv: s.fv,
      devid: s.devid,
      piece: s.piece,
      level: this.level(s.fv),
    }));
  }

  total(): number {
    return [...this.#slots.values()].reduce((t, s) => t + s.fv * s.piece, 0);
  }

  /** Exact change with the fewest large-first pieces, by depth-first search with memoised dead ends; null if impossible. */
  makeChange(amount: number): SimDenom[] | null {
    if (amount === 0) return [];
    const slots = [...this.#slots.values()].filter((s) => s.piece > 0).sort((a, b) => b.fv - a.fv);
    const dead = new Set<string>();
    const pick: number[] = new Array(slots.length).fill(0);
    const dfs = (i: number, rem: number): boolean => {
      if (rem === 0) return true;
      if (i >= slots.length) return false;
      const key = `${i}:${rem}`;
      if (dead.has(key)) return false;
      const s = slots[i];
      for (let n = Math.min(s.piece, Math.floor(rem / s.fv)); n >= 0; n--) {
        pick[i] = n;
        if (dfs(i + 1, rem - n * s.fv)) return true;
      }
      pick[i] = 0;
      dead.add(key);
      return false;
    };
    if (!dfs(0, amount)) return null;
    return slots.map((s, i) => ({ fv: s.fv, devid: s.devid, piece: pick[i] })).filter((d) => d.piece > 0);
  }

  /** As much change as possible without exceeding `amount` (greedy), for the CHANGE_SHORTAGE outcome. */
  partialChange(amount: number): SimDenom[] {
    const out: SimDenom[] = [];
    let rem = amount;
    for (const s of [...this.#slots.values()].sort((a, b) => b.fv - a.fv)) {
      const n = Math.min(s.piece, Math.floor(rem / s.fv));
      if (n > 0) {
        out.push({ fv: s.fv, devid: s.devid, piece: n });
        rem -= n * s.fv;
      }
    }
    return out;
  }
}

export const sumCents = (ds: readonly SimDenom[]): number => ds.reduce((t, d) => t + d.fv * d.piece, 0);

/** Merges equal face values (escrow lists grow one insertion at a time). */
export function mergeDenoms(ds: readonly SimDenom[]): SimDenom[] {
  const m = new Map<number, SimDenom>();
  for (const d of ds) {
    const cur = m.get(d.fv);
    if (cur) cur.piece += d.piece;
    else m.set(d.fv, { ...d });
  }
  return [...m.values()].sort((a, b) => a.fv - b.fv);
}

/** The fewest EUR pieces for an amount (what a customer paying exactly would insert). */
export function exactPieces(amount: number): SimDenom[] {
  const out: SimDenom[] = [];
  let rem = amount;
  for (const fv of [...EUR_NOTES, ...EUR_COINS].sort((a, b) => b - a)) {
    const n = Math.floor(rem / fv);
    if (n > 0) {
      out.push({ fv, devid: devidOf(fv) as DevId, piece: n });
      rem -= n * fv;
    }
  }
  return out;
}
