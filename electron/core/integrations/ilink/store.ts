import type { Selectable, Updateable } from 'kysely';
import type { Db } from '../../db/open';
import type { IlinkDocumentTable } from '../../db/schema';

export type IlinkDocumentRow = Selectable<IlinkDocumentTable>;
export type IlinkState = IlinkDocumentRow['state'];

/** error_code of a delivered document whose Multibanco reference came later (history, EOD; reports-perf). */
export const MB_AFTER_SEND = 'mb-after-send';

export interface HistoryFilter {
  readonly number?: string;
  readonly type?: string;
  readonly customerName?: string;
  readonly customerNif?: string;
  readonly from?: string;
  readonly to?: string;
  readonly limit?: number;
}

/** The iLink side's own table (0610): one row per sales document sent or to be sent. */
export function createIlinkStore(db: Db) {
  const k = db.k;
  return {
    insert(r: Omit<IlinkDocumentRow, 'resends'> & { resends?: number }): void {
      db.run(
        k
          .insertInto('ilink_document')
          .values(r)
          .onConflict((oc) => oc.column('document_id').doNothing()),
      );
    },
    update(documentId: number, patch: Updateable<IlinkDocumentTable>): void {
      db.run(k.updateTable('ilink_document').set(patch).where('document_id', '=', documentId));
    },
    get: (documentId: number): IlinkDocumentRow | undefined =>
      db.get(k.selectFrom('ilink_document').selectAll().where('document_id', '=', documentId)),
    byDocNo: (docNo: string): IlinkDocumentRow | undefined =>
      db.get(k.selectFrom('ilink_document').selectAll().where('doc_no', '=', docNo)),
    byIlinkId: (id: string): IlinkDocumentRow | undefined =>
      db.get(k.selectFrom('ilink_document').selectAll().where('ilink_id', '=', id)),
    counts(): Record<IlinkState, number> {
      const out: Record<IlinkState, number> = {
        manual: 0,
        queued: 0,
        tosend: 0,
        sent: 0,
        accepted: 0,
        rejected: 0,
        failed: 0,
      };
      for (const r of db.all(
        k
          .selectFrom('ilink_document')
          .select(['state', (eb) => eb.fn.countAll<number>().as('n')])
          .groupBy('state'),
      ))
        out[r.state] = Number(r.n);
      return out;
    },
    history(f: HistoryFilter = {}): IlinkDocumentRow[] {
      let q = k.selectFrom('ilink_document').selectAll();
      if (f.number) q = q.where('doc_no', 'like', `%${f.number}%`);
      if (f.type) q = q.where('doc_type', '=', f.type);
      if (f.customerName) q = q.where('customer_name', 'like', `%${f.customerName}%`);
      if (f.customerNif) q = q.where('customer_nif', 'like', `%${f.customerNif}%`);
      if (f.from) q = q.where('doc_date', '>=', f.from);
      if (f.to) q = q.where('doc_date', '<=', f.to);
      return db.all(
        q
          .orderBy('doc_date', 'desc')
          .orderBy('document_id', 'desc')
          .limit(f.limit ?? 500),
      );
    },
  };
}
export type IlinkStore = ReturnType<typeof createIlinkStore>;
