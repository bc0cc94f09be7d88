import fs from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';
import { openReadOnlySource, type Db } from '../../db/open';
import {
  ABORT,
  FAILED,
  GONE,
  HELPER,
  NEXT,
  PAGES,
  PENDING,
  STARTING,
  WRITTEN,
  type HelperInput,
  type PageMessage,
} from './parallel-state';
import type { SaftPage, SaftRange } from './queries';

/**
 * SalesInvoices on two cores. The export reads 100 000 documents with their lines and payments, and reading
 * rows is most of its time; SQLite connections read independently, so a helper thread (pages-worker.ts) with
 * its own read-only connection renders pages of documents into memory while this thread renders others
 * straight into the file, and this thread writes every page in order: the file is byte for byte what one
 * thread writes (the same renderer, invoice.ts, on the same data).
 *
 * The same data: the export runs in one read transaction (snapshot) and so does the helper, on what the
 * export's connection was opened from (db/open.ts ReadOnlySource). Its bytes or a private copy are the same
 * data by construction; the live database of a running terminal is the same snapshot only if nothing was
 * committed between the two transactions' first reads, which `PRAGMA data_version` on a third connection,
 * read before the first and after the second, proves — otherwise the helper's pages are dropped and written
 * here. Whatever goes wrong on the helper's side (no entry file, no second core, an error, a crash), this
 * thread writes the pages itself: the helper only ever saves time.
 */

/** Documents per page: a few MB of XML, claimed one at a time. */
export const PAGE_SIZE = 1000;
/** Below this many pages, starting a thread (~0,2 s of loading code) costs more than it saves. */
const MIN_PAGES = 8;
/** A page the helper has claimed and not finished after this long is done here (a crashed helper). */
const PAGE_TIMEOUT_MS = 60_000;

/**
 * Where the helper's entry is: in the bundled `balcao` command (out/cli/…) an entry of the bundle next to
 * its chunks; from the sources, a boot file that loads the TypeScript through tsx. ASSUMPTION: where neither
 * exists (the packaged app), the export runs on one thread, as before.
 */
const ENTRIES = [
  new URL('./saft-pages-worker.js', import.meta.url),
  new URL('./pages-worker-boot.mjs', import.meta.url),
];

/**
 * `auto`: a helper thread where worth it; `off`: this thread only; `wait`: as `auto`, but this thread waits
 * for the helper to be reading before it writes any page (tests: on a small export the helper, still
 * loading, would otherwise find every page taken).
 */
export type ParallelMode = 'auto' | 'off' | 'wait';

export interface ExportSnapshot {
  /** Starts the helper on `pages` (when worth it) and returns how to write them, in order. */
  sales(range: SaftRange, pages: SaftPage[]): SalesPages;
  /** Ends the read transaction. */
  end(): void;
}

export interface SalesPages {
  /**
   * Writes every page in order: `here` renders one on this thread (into the file), `bytes` writes one the
   * helper rendered, with its document count.
   */
  write(here: (p: SaftPage) => void, bytes: (b: Uint8Array, documents: number) => void): void;
}

/**
 * Begins the export's read transaction (one snapshot for the whole file: control totals, master files and
 * documents agree even while a terminal is issuing). Before it, on a live database, the data version is
 * noted for the helper's check.
 */
export function beginExportSnapshot(db: Db, mode: ParallelMode): ExportSnapshot {
  const source = db.readOnlySource;
  const parallel =
    mode !== 'off' && source !== undefined && os.availableParallelism() > 1 && entry() !== undefined;
  const probe = parallel && source.kind === 'file' && source.live ? openReadOnlySource(source) : null;
  const version0 = probe ? dataVersion(probe) : 0;
  const own = !db.sqlite.inTransaction;
  if (own) db.sqlite.prepare('begin').run();
  db.sqlite.prepare('select count(*) from sqlite_master').get();
  /** True when the helper's snapshot is proved to be ours (called once it has taken it). */
  const sameSnapshot = (): boolean => {
    if (!probe) return true;
    const same = dataVersion(probe) === version0;
    probe.close();
    return same;
  };
  return {
    sales(range, pages) {
      if (!parallel || pages.length < MIN_PAGES) return inline(pages);
      return withHelper(source, range, pages, sameSnapshot, mode === 'wait');
    },
    end() {
      if (probe?.sqlite.open) probe.close();
      if (own && db.sqlite.inTransaction) db.sqlite.prepare('commit').run();
    },
  };
}

const dataVersion = (db: Db): number => db.sqlite.pragma('data_version', { simple: true }) as number;

function entry(): string | undefined {
  return ENTRIES.map((u) => fileURLToPath(u)).find((f) => fs.existsSync(f));
}

const inline = (pages: SaftPage[]): SalesPages => ({
  write(here) {
    for (const p of pages) here(p);
  },
});

function withHelper(
  source: NonNullable<Db['readOnlySource']>,
  range: SaftRange,
  pages: SaftPage[],
  sameSnapshot: () => boolean,
  waitForHelper: boolean,
): SalesPages {
  const state = new SharedArrayBuffer(4 * (PAGES + pages.length));
  const st = new Int32Array(state);
  const channel = new MessageChannel();
  const returns = new MessageChannel();
  try {
    const input: HelperInput = { source, range, pages, state, port: channel.port2, returned: returns.port2 };
    const worker = new Worker(entry()!, {
      workerData: input,
      transferList: [channel.port2, returns.port2],
      // Not this process's flags (a loader such as tsx): the entry loads what it needs.
      execArgv: [],
    });
    // Its failures show as pages not done (written here); an 'error' event must not crash the process.
    worker.on('error', () => undefined);
    worker.unref();
  } catch {
    return inline(pages);
  }
  const received = new Map<number, PageMessage>();
  let checked = false;
  const abort = (): void => {
    Atomics.store(st, ABORT, 1);
    Atomics.notify(st, WRITTEN);
  };
  /** Page `i`, claimed by the helper: its bytes, or null when it must be rendered here. */
  const fromHelper = (i: number): PageMessage | null => {
    const slot = PAGES + i;
    const deadline = Date.now() + PAGE_TIMEOUT_MS;
    while (Atomics.load(st, slot) === PENDING) {
      if (Atomics.load(st, ABORT)) return null;
      // Gone without it (re-read after: it marks a page done before it leaves).
      if (Atomics.load(st, HELPER) === GONE && Atomics.load(st, slot) === PENDING) return null;
      if (Date.now() > deadline) {
        abort();
        return null;
      }
      Atomics.wait(st, slot, PENDING, 50);
    }
    if (Atomics.load(st, slot) === FAILED || Atomics.load(st, ABORT)) return null;
    if (!checked) {
      // It has read (a page done): its snapshot is taken, so ours can be compared with it.
      checked = true;
      if (!sameSnapshot()) {
        abort();
        return null;
      }
    }
    // DONE is stored after the page is posted: its message is there.
    for (let m = receiveMessageOnPort(channel.port1); m; m = receiveMessageOnPort(channel.port1)) {
      const page = m.message as PageMessage;
      received.set(page.index, page);
      if (page.index === i) break;
    }
    const page = received.get(i) ?? null;
    received.delete(i);
    return page;
  };
  return {
    write(here, bytes) {
      let written = 0;
      const wrote = (n: number): void => {
        written = n;
        Atomics.store(st, WRITTEN, n);
        Atomics.notify(st, WRITTEN);
      };
      try {
        for (let waited = 0; waitForHelper && Atomics.load(st, HELPER) === STARTING && waited < 60_000;)
          waited += Atomics.wait(st, HELPER, STARTING, 100) === 'timed-out' ? 100 : 0;
        for (;;) {
          const p = Atomics.add(st, NEXT, 1);
          // Every page between the last written and ours was claimed by the helper.
          while (written < Math.min(p, pages.length)) {
            const page = fromHelper(written);
            if (page) {
              bytes(page.bytes, page.documents);
              // Back to the helper, to fill again: its memory stays a few page buffers.
              returns.port1.postMessage(page.bytes.buffer, [page.bytes.buffer]);
            } else here(pages[written]);
            wrote(written + 1);
          }
          if (p >= pages.length) break;
          here(pages[p]);
          wrote(p + 1);
        }
      } finally {
        abort();
        channel.port1.close();
        returns.port1.close();
      }
    },
  };
}
