/**
 * Benchmarks are measured by `npm run bench`, never by timed tests. Each benchmark returns named figures;
 * the runner prints a table and writes them all to bench-results.json (name → number).
 */
export interface Benchmark {
  /** Group name, e.g. "fiscal". */
  name: string;
  run(): Promise<Record<string, number>>;
}

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

export function percentile(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  const idx = Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1));
  return s[idx];
}
