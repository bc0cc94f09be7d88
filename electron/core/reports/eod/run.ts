import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { EodRecord } from '../../../../shared/api/eod';
import { PosError } from '../../../../shared/errors';
import type { Db } from '../../db/open';
import { openReadOnly, terminalMode } from '../../fiscal/open-readonly';
import type { Clock } from '../../util/clock';
import { computeDay, type EodDraft } from './compute';
import { dayBounds } from './day';
import { createEodStore } from './store';

export interface EodComputeInput {
  dataDir: string;
  terminalId: string;
  day: string;
  now: string;
  previous: EodRecord | null;
}

/** The reconciliation itself, on its own READ-ONLY connection to the data folder's database. */
export function computeReadOnly(input: EodComputeInput): EodDraft {
  const ro = openReadOnly(input.dataDir);
  try {
    return computeDay({
      ro,
      terminalId: input.terminalId,
      day: input.day,
      ...dayBounds(input.day),
      training: terminalMode(ro) === 'training',
      previous: input.previous,
      now: input.now,
    });
  } finally {
    ro.close();
  }
}

const BOOT = new URL('./worker-boot.mjs', import.meta.url);

/**
 * The same computation on a worker thread, so the till's event loop never waits for it (`balcao serve`, the
 * Electron main process). The worker opens its own read-only connection; only the draft comes back.
 * ASSUMPTION: the worker loads the TypeScript sources through tsx (as the `balcao` command does); where the
 * boot file is absent (a bundle that did not copy it) the run falls back to inline and says so in the log.
 */
export function computeInWorker(
  input: EodComputeInput,
  warn: (m: string) => void = () => undefined,
): Promise<EodDraft> {
  const boot = fileURLToPath(BOOT);
  if (!fs.existsSync(boot)) {
    warn('eod worker boot file missing: computing inline');
    return Promise.resolve(computeReadOnly(input));
  }
  return new Promise((resolve, reject) => {
    const w = new Worker(boot, { workerData: input });
    let settled = false;
    w.once('message', (m: { ok: true; draft: EodDraft } | { ok: false; code: string; message: string }) => {
      settled = true;
      if (m.ok) resolve(m.draft);
      else reject(new PosError(m.code === 'VALIDATION' ? 'VALIDATION' : 'INTERNAL', m.message));
      void w.terminate();
    });
    w.once('error', (e) => {
      if (!settled) reject(e);
    });
    w.once('exit', (code) => {
      if (!settled) reject(new Error(`eod worker exited with code ${code}`));
    });
  });
}

export interface RunEodOptions {
  /** The writable connection the record is written through (the core's, or the CLI's). */
  db: Db;
  dataDir: string;
  terminalId: string;
  clock: Clock;
  day: string;
  trigger: EodRecord['trigger'];
  /** Compute on a worker thread (default: inline). */
  worker?: boolean;
  warn?: (m: string) => void;
}

/** One end-of-day run: compute (read-only), then store as the day's next version if anything changed. */
export async function runEod(o: RunEodOptions): Promise<{ record: EodRecord; created: boolean }> {
  dayBounds(o.day); // refuses a bad date before any work
  const store = createEodStore(o.db);
  const input: EodComputeInput = {
    dataDir: o.dataDir,
    terminalId: o.terminalId,
    day: o.day,
    now: o.clock.now().toISOString(),
    previous: store.newest(o.terminalId),
  };
  const draft = o.worker ? await computeInWorker(input, o.warn) : computeReadOnly(input);
  return store.save(draft, o.trigger, o.clock);
}
