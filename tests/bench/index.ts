import type { Benchmark } from './harness';

/** Every benchmark group; one line per group. */
export const groups: Array<() => Promise<{ benchmarks: Benchmark[] }>> = [
  () => import('./cash.bench'),
  () => import('./fiscal.bench'),
  () => import('./pos.bench'),
  () => import('./stock.bench'),
];
