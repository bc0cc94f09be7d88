import { STATUS_QUERIES, isStatusByte, parseStatus, type PrinterStatus } from '../escpos/status';
import { statusQuery } from '../escpos/commands';

/** The three DLE EOT queries sent together; the answers come back in the same order. */
export const STATUS_REQUEST = Uint8Array.from(STATUS_QUERIES.flatMap((n) => statusQuery(n)));

/**
 * Collects status answers from a byte stream: feed it every chunk, it resolves with the parsed status once
 * three status bytes arrived (other bytes, e.g. automatic status, are ignored), or null on timeout.
 */
export function statusCollector(timeoutMs: number): {
  feed(chunk: Uint8Array): void;
  result: Promise<PrinterStatus | null>;
  cancel(): void;
} {
  const got: number[] = [];
  let done: (s: PrinterStatus | null) => void = () => {};
  const result = new Promise<PrinterStatus | null>((res) => (done = res));
  const timer = setTimeout(() => done(null), timeoutMs);
  return {
    feed(chunk) {
      for (const b of chunk) if (isStatusByte(b) && got.length < 3) got.push(b);
      if (got.length === 3) {
        clearTimeout(timer);
        done(parseStatus(got[0], got[1], got[2]));
      }
    },
    result,
    cancel() {
      clearTimeout(timer);
      done(null);
    },
  };
}
