import os from 'node:os';
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';
import { z } from 'zod';
import type { Db } from '../db/open';
import { WORKER_PAGES_SOURCE } from '../db/worker-pages';
import { chainMac, SEAL_VERSION } from './seal-canonical';
import { createCanonicalReader, type CanonicalPage, type CanonicalRow } from './seal-canonical-sql';
import { SIGNATURE_CHUNKS_SOURCE, type SignatureLane } from './verify-signatures';

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

/** Where verify's chains get each page of seal texts (seal-canonical-sql.ts): read here, or by the worker. */
export interface PageSource {
  /**
   * Up to a page of the series after number `after`, in number order (empty: the series has no more). While a
   * page is not there yet, `idle` is called (work of the caller's that can be done meanwhile; true: it did some).
   */
  page(seriesId: number, after: number, idle?: () => boolean): CanonicalPage;
  /** The pages are read (and their MACs checked) on a worker thread. */
  readonly threaded?: boolean;
  /** That worker also takes signature checks when it is ahead of the caller (verify-signatures.ts). */
  readonly lane?: SignatureLane;
}

/** One series' scan while its pages come in: the result so far, the previous link, the head file's numbers. */
interface SeriesState {
  out: SeriesScan;
  prev: string;
  want: ReadonlySet<number> | undefined;
}

const newState = (req: ScanRequest, seriesId: number): SeriesState => ({
  out: { seriesId, last: 0, sealed: 0, odd: [], seen: [] },
  prev: '',
  want: req.wanted.get(seriesId),
});

/** The scan of one page's rows (the worker's source below does the same in plain JavaScript). */
function scanRows(key: Buffer, x: SeriesState, rows: readonly CanonicalRow[], exact: boolean): void {
  const out = x.out;
  for (const [, number, docNo, mac, sealSeriesId, sealNumber, text] of rows) {
    out.last = number;
    if (mac === null) {
      out.odd.push({
        number,
        docNo,
        prev: x.prev,
        mac: null,
        sealSeriesId: null,
        sealNumber: null,
        macOk: false,
        exact,
      });
      x.prev = '';
      continue;
    }
    out.sealed++;
    const macOk = chainMac(key, 'D', x.prev, text) === mac;
    if (!macOk || sealSeriesId !== out.seriesId || sealNumber !== number)
      out.odd.push({ number, docNo, prev: x.prev, mac, sealSeriesId, sealNumber, macOk, exact });
    if (x.want?.has(number)) out.seen.push([number, mac]);
    x.prev = mac;
  }
}

/** The scan on the calling thread, reading every page itself: the reference for the others. */
export function scanHere(db: Db, key: Buffer, req: ScanRequest): SeriesScan[] {
  const reader = createCanonicalReader(db);
  return req.seriesIds.map((seriesId) => {
    const x = newState(req, seriesId);
    let after = Number.MIN_SAFE_INTEGER;
    for (;;) {
      const p = reader.page(seriesId, after);
      if (!p.rows.length) break;
      scanRows(key, x, p.rows, p.exact);
      after = p.rows[p.rows.length - 1][1];
    }
    return x.out;
  });
}

// Shared state with the worker (Int32Array slots).
const STATUS = 0;
const POSTED = 1;
const TAKEN = 2;
const DRAIN = 3;
const SCANNED = 4;
/** Bumped (and notified) whenever the worker may have something to do: a page taken, a signature chunk, the end. */
const WAKE = 5;
/** No more signature chunks will come. */
const SIGDONE = 6;
const SLOTS = 7;
const RUNNING = 0;
const DONE = 1;
const FAILED = 2;
/** Pages the worker may post ahead of the chains (each ~2 MB for 2000 documents). */
const AHEAD = 4;

// The page reads and scanRows in plain CommonJS (no TypeScript loader in the worker; tests compare the two on
// edited data folders), on its own read-only connection to the same private copy (db/worker-pages). A page is one
// row (seal-canonical-sql.ts, pageRowOf): the documents' fields as JSON, the texts' lengths, the texts end to end;
// anything not as expected (numbers not increasing, lengths not adding up) is an error. Each page read is also
// posted to the calling thread for the chains (a copy of its texts, moved), at most AHEAD pages ahead, until the
// caller drains. Any error: an error page, and the calling thread reads and scans itself. While it is AHEAD pages
// ahead, and once its scan is done, it checks the chains' signature chunks (its lane, verify-signatures.ts): on two
// cores the chains set the pace half the time and the worker the other half (issue 15: the worker waited 0–540 ms
// per 100 000 documents), so the signatures go to whichever thread is free.
const WORKER_SOURCE = `${WORKER_PAGES_SOURCE}${SIGNATURE_CHUNKS_SOURCE}
const { workerData, receiveMessageOnPort } = require('node:worker_threads');
const crypto = require('node:crypto');
const { query, page, key, prefix, seriesIds, wanted, state, results, pages, lane } = workerData;
const st = new Int32Array(state);
// One signature chunk of the chains', if one is waiting and not taken (false: none).
const serveChunk = signatureChunkServer(crypto, new Int32Array(lane.state), lane.results);
const serveOne = () => {
  for (let m = receiveMessageOnPort(lane.jobs); m; m = receiveMessageOnPort(lane.jobs)) if (serveChunk(m.message)) return true;
  return false;
};
// While busy() holds (read after WAKE, so a wake between the two is not missed): signature chunks, else sleep.
const serveWhile = (busy) => {
  for (;;) {
    const wake = Atomics.load(st, ${WAKE});
    if (!busy()) return;
    if (!serveOne()) Atomics.wait(st, ${WAKE}, wake, 100);
  }
};
const readPage = (q, seriesId, after) => {
  const [[metaJson, lengths, texts]] = q.all(seriesId, after, page);
  const meta = JSON.parse(metaJson);
  const n = meta.length;
  const offsets = new Int32Array(n + 1);
  if (!n) return { rows: [], texts: new Uint8Array(0), offsets };
  const lens = String(lengths).split(',');
  if (lens.length !== n || !(texts instanceof Uint8Array)) throw new Error('página inválida');
  for (let i = 0; i < n; i++) offsets[i + 1] = offsets[i] + Number(lens[i]);
  if (offsets[n] !== texts.length) throw new Error('página inválida');
  const rows = new Array(n);
  for (let i = 0; i < n; i++) {
    const r = meta[i];
    if (!Array.isArray(r) || r.length !== 6 || (i > 0 && !(r[1] > meta[i - 1][1]))) throw new Error('página inválida');
    rows[i] = [r[0], r[1], r[2], r[3], r[4], r[5], texts.subarray(offsets[i], offsets[i + 1])];
  }
  return { rows, texts, offsets };
};
const post = (seriesId, after, p) => {
  // Ahead of the chains by AHEAD pages: their signature checks meanwhile.
  serveWhile(() => !Atomics.load(st, ${DRAIN}) && Atomics.load(st, ${POSTED}) - Atomics.load(st, ${TAKEN}) >= ${AHEAD});
  if (Atomics.load(st, ${DRAIN})) return;
  const rows = p.rows;
  const n = rows.length;
  const bytes = new Uint8Array(p.texts);
  const offsets = p.offsets.slice();
  const nums = new Float64Array(4 * n);
  const docNos = new Array(n);
  const macs = new Array(n);
  for (let i = 0; i < n; i++) {
    const r = rows[i];
    nums[4 * i] = r[0];
    nums[4 * i + 1] = r[1];
    nums[4 * i + 2] = r[4] === null ? NaN : r[4];
    nums[4 * i + 3] = r[5] === null ? NaN : r[5];
    docNos[i] = r[2];
    macs[i] = r[3];
  }
  pages.postMessage({ seriesId, after, nums, docNos, macs, bytes, offsets }, [bytes.buffer, offsets.buffer, nums.buffer]);
  Atomics.add(st, ${POSTED}, 1);
  Atomics.notify(st, ${POSTED});
};
let out = null;
try {
  const q = openWorkerPages(query);
  try {
    // HMAC-SHA256 (RFC 2104) as two one-shot SHA-256s over buffers made once: chainMac's value (the seal tests
    // compare the two), without a Hmac object and its key set-up per document (~0.5 µs each, issue 15).
    // The key crosses as a Uint8Array (a Buffer's clone), the texts are Buffers (better-sqlite3's).
    const k0 = Buffer.alloc(64);
    k0.set(key.length > 64 ? crypto.hash('sha256', key, 'buffer') : key);
    let inner = Buffer.alloc(1 << 16);
    for (let i = 0; i < 64; i++) inner[i] = k0[i] ^ 0x36;
    const outer = Buffer.alloc(96);
    for (let i = 0; i < 64; i++) outer[i] = k0[i] ^ 0x5c;
    const mac = (prev, text) => {
      const head = prefix + prev + '\\n';
      const need = 64 + 3 * head.length + text.length;
      if (need > inner.length) {
        const bigger = Buffer.alloc(2 * need);
        inner.copy(bigger, 0, 0, 64);
        inner = bigger;
      }
      let o = 64 + inner.write(head, 64, 'utf8');
      inner.set(text, o);
      o += text.length;
      crypto.hash('sha256', inner.subarray(0, o), 'buffer').copy(outer, 64);
      return crypto.hash('sha256', outer, 'hex');
    };
    out = seriesIds.map((seriesId) => {
      const want = new Set(wanted[seriesId] || []);
      const s = { seriesId, last: 0, sealed: 0, odd: [], seen: [] };
      let prev = '';
      let after = Number.MIN_SAFE_INTEGER;
      for (;;) {
        let p;
        try {
          p = readPage(q, seriesId, after);
        } catch (e) {
          pages.postMessage({ seriesId, after, error: true });
          Atomics.add(st, ${POSTED}, 1);
          Atomics.notify(st, ${POSTED});
          throw e;
        }
        post(seriesId, after, p);
        const rows = p.rows;
        Atomics.add(st, ${SCANNED}, 1);
        if (!rows.length) break;
        for (const r of rows) {
          const [, number, docNo, m, sealSeriesId, sealNumber, text] = r;
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
        after = rows[rows.length - 1][1];
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
Atomics.store(st, ${STATUS}, out ? ${DONE} : ${FAILED});
Atomics.notify(st, ${STATUS});
Atomics.notify(st, ${POSTED});
// The scan is done: the chains' signature checks until they say there are no more (or the thread is ended).
serveWhile(() => !Atomics.load(st, ${SIGDONE}));
`;

/**
 * A page as the worker posts it (checked like any message crossing a thread): per document i, its id, number,
 * seal's series id and number (NaN: no seal row) at nums[4i…4i+3], its doc_no and stored MAC, and its text at
 * bytes[offsets[i], offsets[i+1]). Columns rather than a tuple per document: 2000 small arrays per page cost
 * more to clone and to check than the page's texts.
 */
const PostedPage = z.union([
  z.object({ seriesId: z.number().int(), after: z.number(), error: z.literal(true) }),
  z
    .object({
      seriesId: z.number().int(),
      after: z.number(),
      nums: z.instanceof(Float64Array),
      docNos: z.array(z.string()),
      macs: z.array(z.string().nullable()),
      bytes: z.instanceof(Uint8Array),
      offsets: z.instanceof(Int32Array),
    })
    .refine(
      (p) =>
        p.nums.length === 4 * p.docNos.length &&
        p.macs.length === p.docNos.length &&
        p.offsets.length === p.docNos.length + 1 &&
        p.offsets[p.docNos.length] === p.bytes.length,
      'página com colunas de tamanhos diferentes',
    ),
]);

/** nums' values are integers or NaN (no seal row); anything else makes the page unusable. */
const intOrNull = (v: number): number | null | undefined =>
  Number.isNaN(v) ? null : Number.isSafeInteger(v) ? v : undefined;

/** The posted page as CanonicalRows, or undefined when a number is not an integer. */
function rowsOf(m: {
  nums: Float64Array;
  docNos: string[];
  macs: Array<string | null>;
  bytes: Uint8Array;
  offsets: Int32Array;
}): CanonicalRow[] | undefined {
  const buf = Buffer.from(m.bytes.buffer, m.bytes.byteOffset, m.bytes.byteLength);
  const rows: CanonicalRow[] = [];
  for (let i = 0; i < m.docNos.length; i++) {
    const id = m.nums[4 * i];
    const number = m.nums[4 * i + 1];
    const sealSeriesId = intOrNull(m.nums[4 * i + 2]);
    const sealNumber = intOrNull(m.nums[4 * i + 3]);
    if (!Number.isSafeInteger(id) || !Number.isSafeInteger(number)) return undefined;
    if (sealSeriesId === undefined || sealNumber === undefined) return undefined;
    const from = m.offsets[i];
    const to = m.offsets[i + 1];
    if (from > to) return undefined;
    rows.push([id, number, m.docNos[i], m.macs[i], sealSeriesId, sealNumber, buf.subarray(from, to)]);
  }
  return rows;
}

/** With no page scanned for this long, the worker is given up and the scan is done here. */
const STALL_MS = 30_000;
/** Below this many documents a worker costs more to start (~40 ms with better-sqlite3) than it saves. */
const MIN_DOCUMENTS = 4000;

export interface PendingScan {
  /** Where the chains read their pages (verifyFiscalChains' `pages`): each document is read once for both. */
  readonly source: PageSource;
  /** The scan's result: the worker's, or (no worker, or it failed) of the pages read here, or done here now. */
  finish(): SeriesScan[];
  /** Whether a worker thread did the scan (tests). */
  readonly byWorker: boolean;
}

export interface ScanOptions {
  /** Scan on a worker thread; default: with ≥ 2 CPUs, a private copy of the database and enough documents. */
  parallel?: boolean;
}

/**
 * Starts the seal scan of `verify` and gives the pages it reads to the signature chains (verify.ts), so that
 * each document's seal text is read once for both (issue 15: the chains read documents, lines and tax rows a
 * second time, as JavaScript values). With two cores, a worker thread on its own connection reads the pages and
 * computes their MACs, and posts each page on to this thread for the chains; only on a private copy
 * (openReadOnly's temporary copy, which nothing writes): on the live file a second connection could see a newer
 * snapshot. Without a worker, the pages the chains read here are scanned as they pass, when they come in order.
 * The API is synchronous, like the signature checker's.
 */
export function startSealScan(db: Db, key: Buffer, req: ScanRequest, opts: ScanOptions = {}): PendingScan {
  const reader = createCanonicalReader(db);
  const worker = startWorker(db, reader, key, req, opts);
  if (!worker) return scanAsRead(db, reader, key, req);
  const { thread, pages, results, state, lane } = worker;
  const wake = (): void => {
    Atomics.add(state, WAKE, 1);
    Atomics.notify(state, WAKE);
  };
  let detached = false;
  let byWorker = false;
  /** The worker's next page, or undefined when it stopped without one (failed, or stalled STALL_MS). */
  const next = (idle?: () => boolean): z.infer<typeof PostedPage> | undefined => {
    let quiet = 0;
    for (;;) {
      // The status before the port: a worker that had stopped had posted all it ever will.
      const running = Atomics.load(state, STATUS) === RUNNING;
      const m = receiveMessageOnPort(pages);
      if (m) {
        Atomics.add(state, TAKEN, 1);
        wake();
        const parsed = PostedPage.safeParse(m.message);
        return parsed.success ? parsed.data : undefined;
      }
      if (!running || quiet >= STALL_MS) return undefined;
      if (idle?.()) {
        quiet = 0;
        continue;
      }
      const posted = Atomics.load(state, POSTED);
      if (Atomics.wait(state, POSTED, posted, 100) === 'timed-out') quiet += 100;
      else quiet = 0;
    }
  };
  return {
    source: {
      threaded: true,
      lane: {
        state: lane.state,
        jobs: lane.jobs.port1,
        results: lane.results.port1,
        wake,
        done() {
          Atomics.store(state, SIGDONE, 1);
          wake();
        },
      },
      page(seriesId, after, idle) {
        if (!detached) {
          const m = next(idle);
          const rows = m && !('error' in m) && m.seriesId === seriesId && m.after === after && rowsOf(m);
          if (rows) return { rows, exact: false };
          // Not the page asked for (the chains read something else), an error page, or no worker any more:
          // from here the chains read here; the worker goes on scanning without posting.
          detached = true;
          Atomics.store(state, DRAIN, 1);
          wake();
        }
        return reader.page(seriesId, after);
      },
    },
    get byWorker() {
      return byWorker;
    },
    finish() {
      try {
        Atomics.store(state, DRAIN, 1);
        wake();
        let progress = Atomics.load(state, SCANNED);
        let quiet = 0;
        while (Atomics.load(state, STATUS) === RUNNING && quiet < STALL_MS) {
          Atomics.wait(state, STATUS, RUNNING, 100);
          const p = Atomics.load(state, SCANNED);
          quiet = p === progress ? quiet + 100 : 0;
          progress = p;
        }
        const m = Atomics.load(state, STATUS) === DONE ? receiveMessageOnPort(results) : undefined;
        const parsed = m ? Scans.safeParse(m.message) : undefined;
        if (!parsed?.success) return scanHere(db, key, req);
        byWorker = true;
        return parsed.data;
      } finally {
        Atomics.store(state, SIGDONE, 1);
        wake();
        void thread.terminate();
        pages.close();
        results.close();
        lane.jobs.port1.close();
        lane.results.port1.close();
      }
    },
  };
}

/** No worker: the chains' pages, read here, scanned as they pass when they come in order (series by series). */
function scanAsRead(
  db: Db,
  reader: ReturnType<typeof createCanonicalReader>,
  key: Buffer,
  req: ScanRequest,
): PendingScan {
  const states = req.seriesIds.map((id) => newState(req, id));
  let index = 0;
  let expect = Number.MIN_SAFE_INTEGER;
  let intact = true;
  return {
    source: {
      page(seriesId, after) {
        const p = reader.page(seriesId, after);
        if (intact && req.seriesIds[index] === seriesId && after === expect) {
          if (p.rows.length) {
            scanRows(key, states[index], p.rows, p.exact);
            expect = p.rows[p.rows.length - 1][1];
          } else {
            index++;
            expect = Number.MIN_SAFE_INTEGER;
          }
        } else intact = false;
        return p;
      },
    },
    finish: () =>
      intact && index === req.seriesIds.length ? states.map((x) => x.out) : scanHere(db, key, req),
    byWorker: false,
  };
}

function startWorker(
  db: Db,
  reader: ReturnType<typeof createCanonicalReader>,
  key: Buffer,
  req: ScanRequest,
  opts: ScanOptions,
) {
  if (opts.parallel === false || (opts.parallel === undefined && os.availableParallelism() < 2)) return null;
  let spec;
  try {
    spec = reader.pageQuery();
  } catch {
    spec = undefined;
  }
  // No private copy (the live file, memory), no native module path, or a query that changed shape: no worker.
  if (!spec) return null;
  const count = db.get(db.k.selectFrom('fiscal_document').select((e) => e.fn.countAll<number>().as('n')));
  const documents = count?.n ?? 0;
  if (opts.parallel === undefined && documents < MIN_DOCUMENTS) return null;
  const state = new Int32Array(new SharedArrayBuffer(4 * SLOTS));
  const pages = new MessageChannel();
  const results = new MessageChannel();
  // A slot per chunk of signature checks, however small the chains make them (at most one per document).
  const lane = {
    state: new Int32Array(new SharedArrayBuffer(4 * (documents + 2))),
    jobs: new MessageChannel(),
    results: new MessageChannel(),
  };
  try {
    const thread = new Worker(WORKER_SOURCE, {
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
        pages: pages.port2,
        lane: { state: lane.state.buffer, jobs: lane.jobs.port2, results: lane.results.port2 },
      },
      transferList: [results.port2, pages.port2, lane.jobs.port2, lane.results.port2],
    });
    thread.unref();
    return { thread, pages: pages.port1, results: results.port1, state, lane };
  } catch {
    pages.port1.close();
    results.port1.close();
    lane.jobs.port1.close();
    lane.results.port1.close();
    return null;
  }
}
