import os from 'node:os';
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';
import { z } from 'zod';
import type { Db } from '../db/open';
import { WORKER_PAGES_SOURCE } from '../db/worker-pages';
import { chainMac, SEAL_VERSION } from './seal-canonical';
import { createCanonicalReader } from './seal-canonical-sql';

const Odd = z.object({
  number: z.number().int(),
  docNo: z.string(),
  prev: z.string(),
  mac: z.string().nullable(),
  sealSeriesId: z.number().int().nullable(),
  sealNumber: z.number().int().nullable(),
  macOk: z.boolean(),
  exact: z.boolean(),
});
/** What the worker posts back (checked like any message crossing a thread). */
const Scans = z.array(
  z.object({
    seriesId: z.number().int(),
    last: z.number().int(),
    sealed: z.number().int(),
    odd: z.array(Odd),
    seen: z.array(z.tuple([z.number().int(), z.string()])),
  }),
);

/** A document of the scan that is not simply "sealed in its place, MAC matches". */
export interface OddDocument {
  number: number;
  docNo: string;
  /** The previous link's stored MAC ('' after an unsealed document or at the start). */
  prev: string;
  /** null: no seal row. */
  mac: string | null;
  sealSeriesId: number | null;
  sealNumber: number | null;
  /** The MAC of SQLite's text matched (the position may still be wrong). */
  macOk: boolean;
  /** The text came from the reference reader (a page SQLite could not build): no second reading needed. */
  exact: boolean;
}

/** One series, scanned in number order. */
export interface SeriesScan {
  seriesId: number;
  /** The last number present (0: none). */
  last: number;
  sealed: number;
  odd: OddDocument[];
  /** [number, stored MAC] of the numbers asked for (the head file's positions). */
  seen: Array<[number, string]>;
}

export interface ScanRequest {
  seriesIds: readonly number[];
  /** Per series, the numbers whose stored MAC the caller needs. */
  wanted: ReadonlyMap<number, ReadonlySet<number>>;
}

/** The scan on the calling thread, on its own connection: the reference for the worker's. */
export function scanHere(db: Db, key: Buffer, req: ScanRequest): SeriesScan[] {
  const reader = createCanonicalReader(db);
  return req.seriesIds.map((seriesId) => {
    const want = req.wanted.get(seriesId);
    const out: SeriesScan = { seriesId, last: 0, sealed: 0, odd: [], seen: [] };
    let prev = '';
    for (const d of reader.series(seriesId)) {
      out.last = d.number;
      const s = d.seal;
      if (!s) {
        out.odd.push({
          number: d.number,
          docNo: d.docNo,
          prev,
          mac: null,
          sealSeriesId: null,
          sealNumber: null,
          macOk: false,
          exact: d.exact,
        });
        prev = '';
        continue;
      }
      out.sealed++;
      const macOk = chainMac(key, 'D', prev, d.canonical) === s.mac;
      if (!macOk || s.seriesId !== seriesId || s.number !== d.number)
        out.odd.push({
          number: d.number,
          docNo: d.docNo,
          prev,
          mac: s.mac,
          sealSeriesId: s.seriesId,
          sealNumber: s.number,
          macOk,
          exact: d.exact,
        });
      if (want?.has(d.number)) out.seen.push([d.number, s.mac]);
      prev = s.mac;
    }
    return out;
  });
}

const FREE = 0;
const CLAIMED = 1;
const DONE = 2;
const FAILED = 3;

// The same scan as scanHere, in plain CommonJS (no TypeScript loader in the worker; tests compare the two on
// edited data folders). Its own read-only connection to the same private copy (db/worker-pages); any error,
// including a page SQLite cannot build (a BLOB), and the calling thread does the whole scan itself.
const WORKER_SOURCE = `${WORKER_PAGES_SOURCE}
const { workerData } = require('node:worker_threads');
const crypto = require('node:crypto');
const { query, page, key, prefix, seriesIds, wanted, state, results } = workerData;
const st = new Int32Array(state);
if (Atomics.compareExchange(st, 0, ${FREE}, ${CLAIMED}) === ${FREE}) {
  let out = null;
  try {
    const q = openWorkerPages(query);
    try {
      const mac = (prev, text) => crypto.createHmac('sha256', key).update(prefix + prev + '\\n').update(text).digest('hex');
      out = seriesIds.map((seriesId) => {
        const want = new Set(wanted[seriesId] || []);
        const s = { seriesId, last: 0, sealed: 0, odd: [], seen: [] };
        let prev = '';
        let after = Number.MIN_SAFE_INTEGER;
        for (;;) {
          const rows = q.all(seriesId, after, page);
          Atomics.add(st, 1, 1);
          if (!rows.length) break;
          for (const r of rows) {
            const [number, docNo, m, sealSeriesId, sealNumber, text] = r;
            s.last = number;
            if (m === null) {
              s.odd.push({ number, docNo, prev, mac: null, sealSeriesId: null, sealNumber: null, macOk: false, exact: false });
              prev = '';
              continue;
            }
            s.sealed++;
            const macOk = mac(prev, text) === m;
            if (!macOk || sealSeriesId !== seriesId || sealNumber !== number)
              s.odd.push({ number, docNo, prev, mac: m, sealSeriesId, sealNumber, macOk, exact: false });
            if (want.has(number)) s.seen.push([number, m]);
            prev = m;
          }
          after = rows[rows.length - 1][0];
        }
        return s;
      });
    } finally {
      q.close();
    }
  } catch {
    out = null;
  }
  if (out) results.postMessage(out);
  Atomics.store(st, 0, out ? ${DONE} : ${FAILED});
  Atomics.notify(st, 0);
}
`;

/** With no page read for this long, the worker is given up and the scan is done here. */
const STALL_MS = 30_000;
/** Below this many documents a worker costs more to start (~40 ms with better-sqlite3) than it saves. */
const MIN_DOCUMENTS = 4000;

export interface PendingScan {
  /** The scan's result: the worker's, or (worker unavailable, failed or not started yet) done here now. */
  finish(): SeriesScan[];
  /** Whether a worker thread did the scan (tests). */
  readonly byWorker: boolean;
  /** Whether the scan has begun (a test waits for this to see the worker's path taken). */
  readonly started: boolean;
}

export interface ScanOptions {
  /** Scan on a worker thread; default: with ≥ 2 CPUs, a private copy of the database and enough documents. */
  parallel?: boolean;
}

/**
 * Starts the seal scan of `verify` (issue 15: the seal doubled verify's time, on one thread while the other
 * core sat idle) on a worker thread with its own connection, so that it runs alongside the signature chains.
 * Only on a private copy (openReadOnly's temporary copy, which nothing writes): on the live file a second
 * connection could see a newer snapshot than the chains. The API is synchronous, like the signature checker's.
 */
export function startSealScan(db: Db, key: Buffer, req: ScanRequest, opts: ScanOptions = {}): PendingScan {
  const here = (): PendingScan => ({ finish: () => scanHere(db, key, req), byWorker: false, started: true });
  if (opts.parallel === false || (opts.parallel === undefined && os.availableParallelism() < 2))
    return here();
  let spec;
  try {
    spec = createCanonicalReader(db).pageQuery();
  } catch {
    spec = undefined;
  }
  // No private copy (the live file, memory), no native module path, or a query that changed shape: this thread.
  if (!spec) return here();
  if (opts.parallel === undefined) {
    const n = db.get(db.k.selectFrom('fiscal_document').select((e) => e.fn.countAll<number>().as('n')));
    if ((n?.n ?? 0) < MIN_DOCUMENTS) return here();
  }
  const state = new Int32Array(new SharedArrayBuffer(8));
  const results = new MessageChannel();
  let worker: Worker;
  try {
    worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: {
        query: spec.query,
        page: spec.page,
        key,
        prefix: `D${SEAL_VERSION}\n`,
        seriesIds: [...req.seriesIds],
        wanted: Object.fromEntries([...req.wanted].map(([id, set]) => [id, [...set]])),
        state: state.buffer,
        results: results.port2,
      },
      transferList: [results.port2],
    });
    worker.unref();
  } catch {
    results.port1.close();
    return here();
  }
  let byWorker = false;
  return {
    get byWorker() {
      return byWorker;
    },
    get started() {
      return Atomics.load(state, 0) !== FREE;
    },
    finish() {
      try {
        // Not started yet: this thread takes it (the worker then does nothing).
        if (Atomics.compareExchange(state, 0, FREE, CLAIMED) === FREE) return scanHere(db, key, req);
        let progress = Atomics.load(state, 1);
        let quiet = 0;
        while (Atomics.load(state, 0) === CLAIMED && quiet < STALL_MS) {
          Atomics.wait(state, 0, CLAIMED, 100);
          const p = Atomics.load(state, 1);
          quiet = p === progress ? quiet + 100 : 0;
          progress = p;
        }
        const m = Atomics.load(state, 0) === DONE ? receiveMessageOnPort(results.port1) : undefined;
        const parsed = m ? Scans.safeParse(m.message) : undefined;
        if (!parsed?.success) return scanHere(db, key, req);
        byWorker = true;
        return parsed.data;
      } finally {
        void worker.terminate();
        results.port1.close();
      }
    },
  };
}
