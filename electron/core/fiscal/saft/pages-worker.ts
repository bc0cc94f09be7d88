import { receiveMessageOnPort, workerData } from 'node:worker_threads';
import { openReadOnlySource, type Db } from '../../db/open';
import { createInvoiceRenderer } from './invoice';
import {
  ABORT,
  AHEAD,
  DONE,
  FAILED,
  GONE,
  HELPER,
  NEXT,
  PAGES,
  READING,
  WRITTEN,
  type HelperInput,
  type PageMessage,
} from './parallel-state';
import { createSaftQueries } from './queries';
import { PageBuffer } from './writer';

/**
 * The helper thread of a parallel SalesInvoices (parallel.ts): its own read-only connection on the export's
 * data, one read transaction (one snapshot), then pages claimed one by one and rendered into memory.
 */
const input = workerData as HelperInput;
const st = new Int32Array(input.state);
let db: Db | undefined;
try {
  // Too late (the export wrote every page while this thread was loading): nothing to open.
  if (Atomics.load(st, ABORT)) throw new Error('export over');
  db = openReadOnlySource(input.source);
  db.sqlite.prepare('begin').run();
  // The snapshot is taken at the first read of the transaction, not at `begin`.
  db.sqlite.prepare('select count(*) from sqlite_master').get();
  Atomics.store(st, HELPER, READING);
  Atomics.notify(st, HELPER);
  const q = createSaftQueries(db);
  const sales = q.sales();
  const render = createInvoiceRenderer(q);
  const out = new PageBuffer();
  for (;;) {
    // Never more than AHEAD pages between the file and the last page claimed (memory stays flat).
    for (let next = Atomics.load(st, NEXT); next - Atomics.load(st, WRITTEN) > AHEAD;) {
      Atomics.wait(st, WRITTEN, Atomics.load(st, WRITTEN), 50);
      next = Atomics.load(st, NEXT);
      if (Atomics.load(st, ABORT)) break;
    }
    if (Atomics.load(st, ABORT)) break;
    const index = Atomics.add(st, NEXT, 1);
    if (index >= input.pages.length) break;
    try {
      let documents = 0;
      for (const r of sales.pageRows(input.range, input.pages[index])) {
        out.write(render(r));
        documents++;
      }
      const back = receiveMessageOnPort(input.returned)?.message as ArrayBuffer | undefined;
      const bytes = out.take(back);
      input.port.postMessage({ index, bytes, documents } satisfies PageMessage, [bytes.buffer]);
      Atomics.store(st, PAGES + index, DONE);
    } catch {
      // The export thread renders this page itself, where the error surfaces.
      Atomics.store(st, PAGES + index, FAILED);
      Atomics.notify(st, PAGES + index);
      break;
    }
    Atomics.notify(st, PAGES + index);
  }
} catch {
  // Could not open or read: the export thread does every page itself.
} finally {
  Atomics.store(st, HELPER, GONE);
  Atomics.notify(st, HELPER);
  input.port.close();
  input.returned.close();
  db?.close();
}
