import { parentPort, workerData } from 'node:worker_threads';
import { isPosError } from '../../../../shared/errors';
import { exportReadOnly, type SaftWorkerInput } from './exports-run';

/** Runs in the worker thread started by exports-run.ts: one export, progress messages, one result, then exit. */
try {
  const result = exportReadOnly(workerData as SaftWorkerInput, (done, total) =>
    parentPort!.postMessage({ kind: 'progress', done, total }),
  );
  parentPort!.postMessage({ kind: 'done', result });
} catch (e) {
  parentPort!.postMessage({
    kind: 'failed',
    code: isPosError(e) ? e.code : 'INTERNAL',
    message: e instanceof Error ? e.message : String(e),
  });
}
