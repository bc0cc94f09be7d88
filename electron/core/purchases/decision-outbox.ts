import {
  PURCHASE_DECISION_KIND,
  purchaseDecisionPayload,
  type PurchaseDecisionPayload,
} from '../integrations/ilink/purchase-port';
import type { Db } from '../db/open';
import type { JobRunner, KindHandle } from '../jobs/runner';
import type { JobRow } from '../jobs/store';
import { enqueueInTx } from '../sync/outbox';
import { t } from '../../../shared/i18n';

export type DecisionHandle = KindHandle<PurchaseDecisionPayload>;

/** One decision per purchase: a second enqueue with this key is the same job (the runner dedupes on it). */
export const decisionKey = (purchaseId: string): string => `purchase-decision:${purchaseId}`;

/**
 * Writes the decision's outbox job inside the transaction that changes the purchase's state (the iLink side
 * registered the kind and sends `POST /apps/documents/{id}/accepted` when it runs): both commit or neither.
 */
export function enqueuePurchaseDecision(
  handle: DecisionHandle,
  db: Db,
  at: Date,
  payload: PurchaseDecisionPayload,
): JobRow {
  return enqueueInTx(handle, { db, at }, payload, decisionKey(payload.purchaseId));
}

/**
 * ASSUMPTION: the iLink wire registers PURCHASE_DECISION_KIND (with its real handler) and binds it to the
 * purchases service while the core is composed. A core built without it (this branch, before the merge) binds
 * this placeholder instead, so a decision is still recorded with its outbox job, which waits (queued, retried
 * hourly) until a core with the iLink wire runs it. It never reports a success it did not have.
 */
export function registerPendingDecisionKind(jobs: JobRunner): DecisionHandle {
  return jobs.register({
    kind: PURCHASE_DECISION_KIND,
    payload: purchaseDecisionPayload,
    partner: () => 'ilink',
    backoff: { baseMs: 3_600_000, factor: 1, maxMs: 3_600_000, jitter: 0 },
    run: () => Promise.resolve({ outcome: 'retry' as const, message: t('purchases.noIlink') }),
  });
}
