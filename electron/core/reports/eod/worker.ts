import { parentPort, workerData } from 'node:worker_threads';
import { isPosError } from '../../../../shared/errors';
import { computeReadOnly, type EodComputeInput } from './run';

/** Runs in the worker thread started by computeInWorker: one computation, one message, then exit. */
try {
  const draft = computeReadOnly(workerData as EodComputeInput);
  parentPort!.postMessage({ ok: true, draft });
} catch (e) {
  parentPort!.postMessage({
    ok: false,
    code: isPosError(e) ? e.code : 'INTERNAL',
    message: e instanceof Error ? e.message : String(e),
  });
}
