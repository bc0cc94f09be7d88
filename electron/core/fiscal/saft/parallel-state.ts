import type { MessagePort } from 'node:worker_threads';
import type { ReadOnlySource } from '../../db/open';
import type { SaftPage, SaftRange } from './queries';

/**
 * The state both threads of a parallel SalesInvoices share (parallel.ts, pages-worker.ts), in one Int32Array
 * over a SharedArrayBuffer: counters at fixed slots, then one slot per page.
 */
export const NEXT = 0; // the next page to claim (Atomics.add: each page goes to exactly one thread)
export const WRITTEN = 1; // pages written to the file so far (the helper never runs more than AHEAD pages ahead)
export const HELPER = 2; // the helper's state: STARTING, then READING (its snapshot is taken) or GONE
export const ABORT = 3; // set by the export thread: the helper claims nothing more
export const PAGES = 4; // first page slot

export const STARTING = 0;
export const READING = 1;
export const GONE = 2;

/** A page slot: nobody has it done yet (claimed or not), or the helper rendered it / failed on it. */
export const PENDING = 0;
export const DONE = 1;
export const FAILED = 2;

/** Pages the helper may have rendered and not yet seen written (its memory: a few MB each). */
export const AHEAD = 4;

export interface HelperInput {
  source: ReadOnlySource;
  range: SaftRange;
  pages: SaftPage[];
  state: SharedArrayBuffer;
  /** Rendered pages, to the export thread (PageMessage). */
  port: MessagePort;
  /** Their buffers back, once written (ArrayBuffer), to be filled again. */
  returned: MessagePort;
}

/** A page the helper rendered: its bytes (transferred) and how many documents it holds. */
export interface PageMessage {
  index: number;
  bytes: Uint8Array<ArrayBuffer>;
  documents: number;
}
