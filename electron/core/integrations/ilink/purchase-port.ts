import { z } from 'zod';

/**
 * The typed port between the iLink wire (client + sync round, `integrations/ilink/`) and the purchases domain
 * (`electron/core/purchases/`). The wire side lists received documents, fetches each XML and acknowledges the
 * import to iLink (`POST /apps/documents/{id}` with `success` 0|1); the purchases side parses the XML safely and
 * registers it. The back office's accept/reject is written by the purchases side as an outbox job of kind
 * PURCHASE_DECISION_KIND in its own transaction; the iLink side registers that kind with the job runner (it
 * performs `POST /apps/documents/{id}/accepted`).
 */

/** What the sync round knows about a received document before handing its XML over. */
export interface ReceivedDocumentMeta {
  /** iLink's own id of the received document (`response.data.id`). */
  readonly ilinkId: string;
  /** When the terminal fetched it (ISO 8601). */
  readonly receivedAt: string;
}

export type PurchaseImportOutcome =
  | {
      readonly ok: true;
      readonly purchaseId: string;
      readonly supplierId: string;
      readonly supplierCreated: boolean;
      /** The same iLink id was already registered: nothing changed (a repeated round after a crash). */
      readonly duplicate: boolean;
    }
  /** Refused (malformed, hostile, too large, not an invoice…): pt-PT reason, sent as the import ack's `response`. */
  | { readonly ok: false; readonly reason: string };

export interface PurchaseImporter {
  /** Parses and registers in one transaction; never throws for bad input (returns ok:false). */
  importUbl(xml: Buffer | string, meta: ReceivedDocumentMeta): PurchaseImportOutcome;
}

export const PURCHASE_DECISION_KIND = 'ilink.purchase-decision';

export const purchaseDecisionPayload = z.object({
  purchaseId: z.string().min(1),
  ilinkId: z.string().min(1),
  decision: z.enum(['accept', 'reject']),
  reason: z.string().min(1).max(500).optional(),
});
export type PurchaseDecisionPayload = z.infer<typeof purchaseDecisionPayload>;
