/** Integer cents from the API's exact decimal strings (never through a float). */
export function cents(v: string | null | undefined): number {
  if (!v) return 0;
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(v.trim());
  if (!m) throw new Error(`not a money string: ${v}`);
  const frac = (m[3] ?? '').padEnd(2, '0');
  // Sub-cent digits never appear on settled money; refuse to round silently.
  if (frac.length > 2 && /[1-9]/.test(frac.slice(2))) throw new Error(`sub-cent money: ${v}`);
  const n = Number(m[2]) * 100 + Number(frac.slice(0, 2));
  return m[1] ? -n : n;
}

export const euros = (c: number): string =>
  `${c < 0 ? '-' : ''}${Math.floor(Math.abs(c) / 100)}.${String(Math.abs(c) % 100).padStart(2, '0')}`;

/** EUR face values the CI-5 recycles (cents), largest first; 500 € is refused by the machine. */
export const NOTES = [20000, 10000, 5000, 2000, 1000, 500];
export const COINS = [200, 100, 50, 20, 10, 5, 2, 1];
const ALL = [...NOTES, ...COINS];

/** Exact amount in the fewest pieces (greedy is optimal for the euro). */
export function exactPieces(amount: number): number[] {
  const out: number[] = [];
  let rest = amount;
  for (const fv of ALL)
    while (rest >= fv) {
      out.push(fv);
      rest -= fv;
    }
  return out;
}

/** What a customer hands over who rounds up to the next 5 € (so the machine must give change). */
export function roundedUpPieces(amount: number): number[] {
  const up = Math.ceil(amount / 500) * 500;
  return exactPieces(up === amount ? amount + 500 : up);
}
