import type { Selectable } from 'kysely';
import type { Db } from '../db/open';
import type { SupplierTable } from '../db/schema';

export type SupplierRow = Selectable<SupplierTable>;

export interface NewSupplier {
  readonly vatCountry: string;
  readonly vatId: string;
  readonly name: string;
  readonly address: string;
  readonly postalCode: string;
  readonly city: string;
  readonly country: string;
  readonly email: string | null;
}

/**
 * The parties we buy from (table `supplier`, migration 0620). Minimal on purpose: the back office (issue 13)
 * extends it (edit, search, contacts). One supplier per VAT id (country + number): that is how an incoming
 * document is matched to a known supplier.
 */
export function createSupplierStore(db: Db) {
  const k = db.k;
  return {
    byVat: (country: string, vatId: string): SupplierRow | undefined =>
      db.get(
        k.selectFrom('supplier').selectAll().where('vat_country', '=', country).where('vat_id', '=', vatId),
      ),
    get: (id: string): SupplierRow | undefined =>
      db.get(k.selectFrom('supplier').selectAll().where('id', '=', id)),
    /**
     * The supplier with this VAT id, created from `draft` when new. ASSUMPTION: a known supplier's data is not
     * overwritten by what a later document says (the back office owns it; a document may carry an old address).
     */
    findOrCreate(draft: NewSupplier, id: string, at: string): { supplier: SupplierRow; created: boolean } {
      const known = this.byVat(draft.vatCountry, draft.vatId);
      if (known) return { supplier: known, created: false };
      const row: SupplierRow = {
        id,
        vat_country: draft.vatCountry,
        vat_id: draft.vatId,
        name: draft.name,
        address: draft.address,
        postal_code: draft.postalCode,
        city: draft.city,
        country: draft.country,
        email: draft.email,
        created_at: at,
      };
      db.run(k.insertInto('supplier').values(row));
      return { supplier: row, created: true };
    },
  };
}
export type SupplierStore = ReturnType<typeof createSupplierStore>;

/** "PT589309340" — how a supplier's VAT id is shown (the history's "NIF - nome"). */
export const vatLabel = (s: Pick<SupplierRow, 'vat_country' | 'vat_id'>): string =>
  s.vat_country === 'PT' ? s.vat_id : `${s.vat_country}${s.vat_id}`;
