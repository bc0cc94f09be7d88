import type { Benchmark } from './harness';

/** Every benchmark group; one line per group. */
export const groups: Array<() => Promise<{ benchmarks: Benchmark[] }>> = [
  () => import('./backoffice.bench'),
  () => import('./documents.bench'),
  () => import('./cash.bench'),
  () => import('./fiscal.bench'),
  () => import('./pos.bench'),
  () => import('./startup.bench'),
  () => import('./sync.bench'),
  () => import('./reports.bench'),
  () => import('./stock.bench'),
  () => import('./paypay.bench'),
];
