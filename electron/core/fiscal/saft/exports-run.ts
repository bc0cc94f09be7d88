import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { PosError } from '../../../../shared/errors';
import { openReadOnly, terminalMode } from '../open-readonly';
import { exportSaft, type SaftResult } from './export';

export interface SaftWorkerInput {
  dataDir: string;
  from: string;
  to: string;
  out: string;
  productVersion: string;
}

/** The export itself on its own READ-ONLY connection (the CLI's `balcao saft` does the same inline). */
export function exportReadOnly(
  input: SaftWorkerInput,
  onProgress: (done: number, total: number) => void,
): SaftResult {
  const ro = openReadOnly(input.dataDir);
  try {
    return exportSaft(ro, {
      from: input.from,
      to: input.to,
      out: input.out,
      training: terminalMode(ro) === 'training',
      productVersion: input.productVersion,
      onProgress,
    });
  } finally {
    ro.close();
  }
}

/**
 * Where the worker's boot file is: next to this module when it runs from the sources, or — from the bundled
 * `balcao` command (out/cli/) — in the source tree two levels up. ASSUMPTION: where neither exists (a packaged
 * app that did not copy it) the export runs inline and says so in the log, as the end-of-day worker does.
 */
const BOOTS = [
  new URL('./worker-boot.mjs', import.meta.url),
  new URL('../../electron/core/fiscal/saft/worker-boot.mjs', import.meta.url),
];

type WorkerMessage =
  | { kind: 'progress'; done: number; total: number }
  | { kind: 'done'; result: SaftResult }
  | { kind: 'failed'; code: string; message: string };

/** The export on a worker thread, so the till's event loop never waits for it. */
export function exportInWorker(
  input: SaftWorkerInput,
  onProgress: (done: number, total: number) => void,
  warn: (m: string) => void = () => undefined,
): Promise<SaftResult> {
  const boot = BOOTS.map((u) => fileURLToPath(u)).find((f) => fs.existsSync(f));
  if (!boot) {
    warn('saft worker boot file missing: exporting inline');
    return new Promise((resolve, reject) => {
      // A macrotask later, so the caller has answered (and the screen subscribed) before the work starts.
      setImmediate(() => {
        try {
          resolve(exportReadOnly(input, onProgress));
        } catch (e) {
          reject(e);
        }
      });
    });
  }
  return new Promise((resolve, reject) => {
    const w = new Worker(boot, { workerData: input });
    let settled = false;
    w.on('message', (m: WorkerMessage) => {
      if (m.kind === 'progress') return onProgress(m.done, m.total);
      settled = true;
      if (m.kind === 'done') resolve(m.result);
      else reject(new PosError(m.code === 'VALIDATION' ? 'VALIDATION' : 'INTERNAL', m.message));
      void w.terminate();
    });
    w.once('error', (e) => {
      if (!settled) reject(e);
    });
    w.once('exit', (code) => {
      if (!settled) reject(new Error(`saft worker exited with code ${code}`));
    });
  });
}
