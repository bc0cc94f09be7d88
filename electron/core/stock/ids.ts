import { ulidFactory } from '../jobs/ids';

/** Ledger, count and transfer ids: `<terminal>-<ULID>`, unique across the terminals of a chain (as job ids). */
export function stockIdFactory(terminalId: string, now: () => number): () => string {
  const ulid = ulidFactory();
  return () => `${terminalId}-${ulid(now())}`;
}
