import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Db } from '../db/open';
import type { PurchaseLineTable, PurchaseTable, PurchaseTaxTable, SupplierTable } from '../db/schema';

export type PurchaseRow = Selectable<PurchaseTable>;
export type PurchaseLineRow = Selectable<PurchaseLineTable>;
export type PurchaseTaxRow = Selectable<PurchaseTaxTable>;
export type PurchaseWithSupplier = PurchaseRow & {
  s_vat_country: SupplierTable['vat_country'];
  s_vat_id: SupplierTable['vat_id'];
  s_name: SupplierTable['name'];
};

export interface PurchaseFilter {
  readonly number?: string;
  readonly type?: string;
  readonly supplierName?: string;
  readonly supplierNif?: string;
  /** Reception date bounds (YYYY-MM-DD, inclusive). ASSUMPTION: compared with the UTC date of received_at. */
  readonly from?: string;
  readonly to?: string;
  readonly source?: 'ilink' | 'manual';
  readonly stage?: 'por-confirmar' | 'confirmada' | 'recusada';
  readonly limit: number;
  readonly offset: number;
}

/** Contains, case-insensitive for ASCII (SQLite LIKE). A `%` or `_` typed in a filter acts as a wildcard. */
const like = (v: string): string => `%${v}%`;

/** The purchases domain's queries (tables purchase, purchase_line, purchase_tax; migration 0620). */
export function createPurchaseStore(db: Db) {
  const k = db.k;
  const withSupplier = () =>
    k
      .selectFrom('purchase as p')
      .innerJoin('supplier as s', 's.id', 'p.supplier_id')
      .selectAll('p')
      .select(['s.vat_country as s_vat_country', 's.vat_id as s_vat_id', 's.name as s_name']);
  return {
    byIlinkId: (ilinkId: string): PurchaseRow | undefined =>
      db.get(k.selectFrom('purchase').selectAll().where('ilink_id', '=', ilinkId)),
    get: (id: string): PurchaseWithSupplier | undefined => db.get(withSupplier().where('p.id', '=', id)),
    insert(
      p: Insertable<PurchaseTable>,
      lines: readonly Insertable<PurchaseLineTable>[],
      taxes: readonly Insertable<PurchaseTaxTable>[],
    ): void {
      db.run(k.insertInto('purchase').values(p));
      for (const l of lines) db.run(k.insertInto('purchase_line').values(l));
      for (const x of taxes) db.run(k.insertInto('purchase_tax').values(x));
    },
    /**
     * Replaces a manual draft's header, lines and VAT breakdown; false (nothing written) when it is not a manual
     * purchase still out of stock any more. The guard is in the update itself, so a confirmation committed by
     * another process in between wins and the correction changes nothing.
     */
    replaceDraft(
      id: string,
      header: Updateable<PurchaseTable>,
      lines: readonly Insertable<PurchaseLineTable>[],
      taxes: readonly Insertable<PurchaseTaxTable>[],
    ): boolean {
      const changed = db.run(
        k
          .updateTable('purchase')
          .set(header)
          .where('id', '=', id)
          .where('source', '=', 'manual')
          .where('confirmed_at', 'is', null),
      ).changes;
      if (changed !== 1) return false;
      db.run(k.deleteFrom('purchase_tax').where('purchase_id', '=', id));
      db.run(k.deleteFrom('purchase_line').where('purchase_id', '=', id));
      for (const l of lines) db.run(k.insertInto('purchase_line').values(l));
      for (const x of taxes) db.run(k.insertInto('purchase_tax').values(x));
      return true;
    },
    /** Deletes a manual draft with its lines and VAT; false (nothing deleted) when it is not one (any more). */
    removeDraft(id: string): boolean {
      const draft = db.get(
        k
          .selectFrom('purchase')
          .select('id')
          .where('id', '=', id)
          .where('source', '=', 'manual')
          .where('confirmed_at', 'is', null),
      );
      if (!draft) return false;
      db.run(k.deleteFrom('purchase_tax').where('purchase_id', '=', id));
      db.run(k.deleteFrom('purchase_line').where('purchase_id', '=', id));
      return db.run(k.deleteFrom('purchase').where('id', '=', id)).changes === 1;
    },
    lines: (id: string): PurchaseLineRow[] =>
      db.all(k.selectFrom('purchase_line').selectAll().where('purchase_id', '=', id).orderBy('line_no')),
    taxes: (id: string): PurchaseTaxRow[] =>
      db.all(k.selectFrom('purchase_tax').selectAll().where('purchase_id', '=', id).orderBy('seq')),
    decide(
      id: string,
      patch: Pick<PurchaseRow, 'state' | 'state_reason' | 'decided_at' | 'decided_by'>,
      from: PurchaseRow['state'],
    ): boolean {
      return (
        db.run(k.updateTable('purchase').set(patch).where('id', '=', id).where('state', '=', from))
          .changes === 1
      );
    },
    list(f: PurchaseFilter): PurchaseWithSupplier[] {
      let q = withSupplier();
      if (f.number) q = q.where('p.number', 'like', like(f.number));
      if (f.type) q = q.where('p.type_code', '=', f.type);
      if (f.supplierName) q = q.where('s.name', 'like', like(f.supplierName));
      if (f.supplierNif) {
        const nif = f.supplierNif.replace(/\s/g, '').toUpperCase();
        const prefixed = /^([A-Z]{2})(.+)$/.exec(nif);
        q = prefixed
          ? q.where('s.vat_country', '=', prefixed[1]).where('s.vat_id', 'like', like(prefixed[2]))
          : q.where('s.vat_id', 'like', like(nif));
      }
      if (f.from) q = q.where('p.received_at', '>=', f.from);
      // The whole last day: any time on `to` sorts before the next day's date.
      if (f.to) q = q.where('p.received_at', '<', `${f.to}\uffff`);
      if (f.source) q = q.where('p.source', '=', f.source);
      if (f.stage === 'recusada') q = q.where('p.state', '=', 'recusado');
      if (f.stage === 'confirmada') q = q.where('p.confirmed_at', 'is not', null);
      if (f.stage === 'por-confirmar')
        q = q.where('p.state', '<>', 'recusado').where('p.confirmed_at', 'is', null);
      return db.all(
        q.orderBy('p.received_at', 'desc').orderBy('p.id', 'desc').limit(f.limit).offset(f.offset),
      );
    },
    counts(): { purchases: number; lines: number; taxes: number; suppliers: number } {
      const n = (t: 'purchase' | 'purchase_line' | 'purchase_tax' | 'supplier'): number =>
        Number(db.get(k.selectFrom(t).select((eb) => eb.fn.countAll<number>().as('n')))?.n ?? 0);
      return {
        purchases: n('purchase'),
        lines: n('purchase_line'),
        taxes: n('purchase_tax'),
        suppliers: n('supplier'),
      };
    },
  };
}
export type PurchaseStore = ReturnType<typeof createPurchaseStore>;
