import type { KindHandle } from '../jobs/runner';
import type { JobRow } from '../jobs/store';
import type { FiscalTx } from './document-hooks';

/**
 * The outbox IS the job table (design choice, the simplest sound one): a partner message is a `job` row
 * inserted in the transaction of the change that causes it (a document issued or cancelled), so
 * - a crash before the commit leaves neither the document nor the message;
 * - a crash after the commit leaves the message queued (or 'running' under a lease of the dead process, taken
 *   back at the next start): it is never lost;
 * - it is never duplicated: the row's idempotency key is unique (one message per document and purpose) and
 *   travels with every attempt, so a delivery the partner received before the crash is recognised as the same
 *   one when it is retried (a partner that cannot dedupe on a key answers "already exists", e.g. iLink e200,
 *   which the kind treats as delivered).
 * There is no second table to drain, hence no window between "outbox written" and "job created".
 */
export function enqueueInTx<P>(handle: KindHandle<P>, tx: FiscalTx, payload: P, key: string): JobRow {
  if (!tx.db.sqlite.inTransaction) throw new Error('the outbox is written inside the causing transaction');
  return handle.enqueue(payload, { key, at: tx.at });
}
