import type { DecisionDelivery, PurchaseSummary } from '../../../shared/api/purchases';
import { PurchaseListInput } from '../../../shared/api/purchases';
import type { Db } from '../db/open';
import { vatLabel } from '../parties/suppliers';
import { decisionKey } from './decision-outbox';
import { createPurchaseStore, type PurchaseWithSupplier } from './store';

/** An ISO date or timestamp as people read it: dd/mm/aaaa. */
export const dateLabel = (iso: string): string => {
  const [y, m, d] = iso.slice(0, 10).split('-');
  return `${d}/${m}/${y}`;
};

/** Where the decision's outbox job stands (none before a decision, or for a purchase not from iLink). */
export function decisionDelivery(db: Db, purchaseId: string): DecisionDelivery | null {
  const job = db.get(
    db.k
      .selectFrom('job')
      .select(['state', 'last_error'])
      .where('idempotency_key', '=', decisionKey(purchaseId)),
  );
  if (!job) return null;
  if (job.state === 'succeeded') return { state: 'sent', error: null };
  if (job.state === 'queued' || job.state === 'running') return { state: 'pending', error: job.last_error };
  return { state: 'failed', error: job.last_error };
}

export function purchaseSummary(db: Db, p: PurchaseWithSupplier): PurchaseSummary {
  return {
    id: p.id,
    number: p.number,
    typeCode: p.type_code,
    kind: p.doc_kind,
    supplier: {
      id: p.supplier_id,
      vat: vatLabel({ vat_country: p.s_vat_country, vat_id: p.s_vat_id }),
      name: p.s_name,
    },
    issueDate: p.issue_date,
    receivedAt: p.received_at,
    state: p.state,
    stateReason: p.state_reason,
    grossTotal: p.gross_total,
    currency: p.currency,
    ilinkId: p.ilink_id,
    decision: decisionDelivery(db, p.id),
    source: p.source,
    netTotal: p.net_total,
    stage: p.state === 'recusado' ? 'recusada' : p.confirmed_at ? 'confirmada' : 'por-confirmar',
    warehouse:
      p.warehouse_id === null
        ? null
        : (db.get(
            db.k.selectFrom('warehouse').select(['id', 'code', 'name']).where('id', '=', p.warehouse_id),
          ) ?? null),
    confirmedAt: p.confirmed_at,
  };
}

/** The import history (newest reception first), as `purchases/list` and `balcao ilink history --imported` show it. */
export function listPurchases(db: Db, input: PurchaseListInput): PurchaseSummary[] {
  return createPurchaseStore(db)
    .list(PurchaseListInput.parse(input))
    .map((p) => purchaseSummary(db, p));
}
