import fs from 'node:fs';
import os from 'node:os';
import { Worker } from 'node:worker_threads';

/**
 * Chunks of a file written by a second thread while the caller goes on producing the next ones (the SAF-T
 * export: 100 000 documents are ~250 MB of XML, and handing them to the kernel costs a third of the export's
 * time on one thread — the page cache's fresh pages, not the disk, are the cost; measured: fiscal.saft_100k_s).
 *
 * The API stays synchronous, as the export is. A ring of SLOTS chunk buffers in shared memory; every chunk
 * carries its own file position (positional writes), so it does not matter which thread writes which chunk
 * or in what order, and either thread may write any chunk it claims with an atomic compare-and-swap
 * (FILLED → WRITING): the caller that needs a slot still FILLED writes it itself instead of waiting, so a
 * worker that is late, slow or never started only ever costs the time it would have saved. A worker that
 * fails on a write puts the chunk back (FILLED) and stops: the caller writes it, where the error surfaces.
 */
export interface WriteBehind {
  /** The buffer to fill next (CHUNK bytes). */
  readonly buffer: Buffer;
  /** Hands the first `length` bytes of `buffer` over, to be written at `position`; `buffer` is then the next slot. */
  submit(length: number, position: number): void;
  /** Every submitted chunk is written when this returns (errors thrown here); the worker is released. */
  drain(): void;
  /** Drops chunks not yet written and waits for the one being written; the worker is released. */
  discard(): void;
  /** How many chunks the worker wrote (the rest were written on the calling thread). */
  readonly byWorker: number;
}

export const CHUNK = 256 * 1024;
/** Chunks in flight: 2 MB — enough to keep the worker busy, little memory. */
const SLOTS = 8;

const FREE = 0;
const FILLED = 1;
const WRITING = 2;
// Int32 state: [SEQ, CLOSED, BY_WORKER, slot states…]; positions and lengths in a Float64Array beside it.
const SEQ = 0;
const CLOSED = 1;
const BY_WORKER = 2;
const S0 = 3;

// Plain CommonJS so the worker needs no TypeScript loader (tsx in development, bundled code in the app).
const WORKER_SOURCE = `
const fs = require('node:fs');
const { workerData } = require('node:worker_threads');
const { fd, state, meta, data } = workerData;
const st = new Int32Array(state);
const m = new Float64Array(meta);
const buf = Buffer.from(data);
const slots = st.length - ${S0};
let next = 0;
for (;;) {
  const seq = Atomics.load(st, ${SEQ});
  let wrote = false;
  for (let k = 0; k < slots; k++) {
    const s = (next + k) % slots;
    if (Atomics.compareExchange(st, ${S0} + s, ${FILLED}, ${WRITING}) !== ${FILLED}) continue;
    const length = m[2 * s + 1];
    try {
      for (let at = 0; at < length; ) at += fs.writeSync(fd, buf, s * ${CHUNK} + at, length - at, m[2 * s] + at);
    } catch {
      Atomics.store(st, ${S0} + s, ${FILLED});
      Atomics.notify(st, ${S0} + s);
      process.exit(0);
    }
    Atomics.add(st, ${BY_WORKER}, 1);
    Atomics.store(st, ${S0} + s, ${FREE});
    Atomics.notify(st, ${S0} + s);
    next = s + 1;
    wrote = true;
    break;
  }
  if (wrote) continue;
  if (Atomics.load(st, ${CLOSED})) break;
  Atomics.wait(st, ${SEQ}, seq);
}
`;

/** Positional write of all `length` bytes (writeSync may write fewer than asked). */
function writeAll(fd: number, b: Buffer, offset: number, length: number, position: number): void {
  for (let at = 0; at < length;) at += fs.writeSync(fd, b, offset + at, length - at, position + at);
}

/**
 * Write-behind on `fd`. `threaded: false` (or a single core, or a worker that cannot start) writes every chunk
 * on the calling thread at `submit`, exactly as before.
 */
export function createWriteBehind(fd: number, threaded = os.availableParallelism() > 1): WriteBehind {
  const data = new SharedArrayBuffer(SLOTS * CHUNK);
  const all = Buffer.from(data);
  const st = new Int32Array(new SharedArrayBuffer(4 * (S0 + SLOTS)));
  const meta = new Float64Array(new SharedArrayBuffer(8 * 2 * SLOTS));
  const views = Array.from({ length: SLOTS }, (_, s) => all.subarray(s * CHUNK, (s + 1) * CHUNK));
  let worker: Worker | null = null;
  let slot = 0;
  let submitted = 0;

  const start = (): void => {
    if (!threaded) return;
    try {
      worker = new Worker(WORKER_SOURCE, {
        eval: true,
        workerData: { fd, state: st.buffer, meta: meta.buffer, data },
      });
      // Its failures show as chunks left FILLED (written here); an 'error' event must not crash the process.
      worker.on('error', () => undefined);
      worker.unref();
    } catch {
      worker = null;
    }
  };
  const writeHere = (s: number): void => writeAll(fd, all, s * CHUNK, meta[2 * s + 1], meta[2 * s]);
  /** Slot `s` FREE when this returns: written here if still FILLED, waited for if the worker is writing it. */
  const reclaim = (s: number, write: boolean): void => {
    for (;;) {
      const v = Atomics.load(st, S0 + s);
      if (v === FREE) return;
      if (v === FILLED && Atomics.compareExchange(st, S0 + s, FILLED, WRITING) === FILLED) {
        try {
          if (write) writeHere(s);
        } finally {
          Atomics.store(st, S0 + s, FREE);
        }
        return;
      }
      Atomics.wait(st, S0 + s, WRITING, 1000);
    }
  };
  const release = (): void => {
    Atomics.store(st, CLOSED, 1);
    Atomics.add(st, SEQ, 1);
    Atomics.notify(st, SEQ);
  };
  const sweep = (write: boolean): void => {
    for (let s = 0; s < SLOTS; s++) reclaim(s, write);
  };

  return {
    get buffer() {
      return views[slot];
    },
    get byWorker() {
      return Atomics.load(st, BY_WORKER);
    },
    submit(length, position) {
      if (length === 0) return;
      meta[2 * slot] = position;
      meta[2 * slot + 1] = length;
      // The first chunk is written here: an export that fits in one never starts a thread; the second starts it.
      if (++submitted === 1) return writeHere(slot);
      if (submitted === 2) start();
      if (!worker) return writeHere(slot);
      Atomics.store(st, S0 + slot, FILLED);
      Atomics.add(st, SEQ, 1);
      Atomics.notify(st, SEQ);
      slot = (slot + 1) % SLOTS;
      reclaim(slot, true);
    },
    drain() {
      try {
        sweep(true);
      } finally {
        release();
      }
    },
    discard() {
      release();
      sweep(false);
    },
  };
}
