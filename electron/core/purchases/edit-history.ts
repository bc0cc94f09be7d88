import { sql } from 'kysely';
import { z } from 'zod';
import { PurchaseEditField, type PurchaseEdit } from '../../../shared/api/purchases';
import type { Db } from '../db/open';
import { MANUAL_EDITED } from './manual-draft';

const Details = z.object({
  fields: z.array(PurchaseEditField),
  lines: z.object({ added: z.number().int(), removed: z.number().int(), changed: z.number().int() }),
  grossBefore: z.string(),
  grossAfter: z.string(),
});

/** The query (exported so a test can check SQLite plans it on the partial index, not a scan of the trail). */
export const purchaseEditsQuery = (db: Db, purchaseId: string) =>
  db.k
    .selectFrom('audit_log as l')
    .leftJoin('operator as o', 'o.id', 'l.operator_id')
    .select(['l.at', 'l.details', 'o.name'])
    // Literals, not bound values: they must read as the partial index audit_log_purchase_edit (migration 0795).
    .where('l.action', '=', sql.lit(MANUAL_EDITED))
    .where((eb) => eb(eb.fn('json_extract', ['l.details', sql.lit('$.purchaseId')]), '=', purchaseId))
    .orderBy('l.id', 'desc');

/**
 * The corrections of one purchase, newest first, read from the audit trail (the one record of who changed what
 * and when, as the catalogue's price history is): nothing else keeps a second copy that could disagree.
 */
export function purchaseEdits(db: Db, purchaseId: string): PurchaseEdit[] {
  const rows = db.all(purchaseEditsQuery(db, purchaseId));
  return rows.flatMap((r) => {
    const d = Details.safeParse(JSON.parse(r.details));
    return d.success ? [{ at: r.at, operator: r.name, ...d.data }] : [];
  });
}
