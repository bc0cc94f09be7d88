import type { PurchaseDecisionPayload } from '../integrations/ilink/purchase-port';
import type { Db } from '../db/open';
import type { KindHandle } from '../jobs/runner';
import type { JobRow } from '../jobs/store';
import { enqueueInTx } from '../sync/outbox';

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
