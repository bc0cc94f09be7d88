import type { Selectable } from 'kysely';
import type { ParsedSupplierInput, Supplier } from '../../../shared/api/suppliers';
import { PosError } from '../../../shared/errors';
import { checkTaxId } from '../../../shared/fiscal/tax-id';
import { ptSearchTerms } from '../../../shared/text/pt-collation';
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

/** "PT589309340" — how a supplier's VAT id is shown (the history's "NIF - nome"). */
export const vatLabel = (s: Pick<SupplierRow, 'vat_country' | 'vat_id'>): string =>
  s.vat_country === 'PT' ? s.vat_id : `${s.vat_country}${s.vat_id}`;

/**
 * The parties we buy from (table `supplier`, migrations 0620 and 0670), through Kysely: created by a purchase
 * or an iLink import (`findOrCreate`), edited in Gestão › Fornecedores. One supplier per VAT id (country +
 * number): that is how an incoming document is matched to a known supplier.
 */
export function createSupplierStore(db: Db) {
  const k = db.k;
  const byVat = (country: string, vatId: string): SupplierRow | undefined =>
    db.get(
      k.selectFrom('supplier').selectAll().where('vat_country', '=', country).where('vat_id', '=', vatId),
    );
  const get = (id: string): SupplierRow | undefined =>
    db.get(k.selectFrom('supplier').selectAll().where('id', '=', id));
  const purchasesOf = (ids: readonly string[]): Map<string, number> => {
    if (!ids.length) return new Map();
    const rows = db.all(
      k
        .selectFrom('purchase')
        .select(['supplier_id', (eb) => eb.fn.countAll<number>().as('n')])
        .where('supplier_id', 'in', ids)
        .groupBy('supplier_id'),
    );
    return new Map(rows.map((r) => [r.supplier_id, Number(r.n)]));
  };
  const view = (r: SupplierRow, purchases: number): Supplier => ({
    id: r.id,
    nif: vatLabel(r),
    name: r.name,
    address: r.address,
    postalCode: r.postal_code,
    city: r.city,
    country: r.country,
    email: r.email ?? '',
    phone: r.phone,
    paymentTermsDays: r.payment_terms_days,
    active: r.active === 1,
    purchases,
  });
  const mustGet = (id: string): SupplierRow => {
    const r = get(id);
    if (!r) throw new PosError('NOT_FOUND', `Fornecedor ${id} inexistente.`);
    return r;
  };

  return {
    byVat,
    get,
    /**
     * The supplier with this VAT id, created from `draft` when new. ASSUMPTION: a known supplier's data is not
     * overwritten by what a later document says (the back office owns it; a document may carry an old address).
     */
    findOrCreate(draft: NewSupplier, id: string, at: string): { supplier: SupplierRow; created: boolean } {
      const known = byVat(draft.vatCountry, draft.vatId);
      if (known) return { supplier: known, created: false };
      db.run(
        k.insertInto('supplier').values({
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
        }),
      );
      return { supplier: get(id)!, created: true };
    },
    /** By name (accent-insensitive, every word) or VAT id (start), Portuguese order, with purchase counts. */
    search(query: string, limit: number, includeInactive: boolean): Supplier[] {
      const raw = query.trim();
      const words = ptSearchTerms(raw);
      const compact = raw.replace(/[\s.\-/]+/g, '').toUpperCase();
      let q = k.selectFrom('supplier').selectAll();
      if (!includeInactive) q = q.where('active', '=', 1);
      if (raw) {
        q = q.where((eb) => {
          const ors = [];
          if (words.length) ors.push(eb.and(words.map((w) => eb('name_key', 'like', `%${w}%`))));
          if (/^[A-Z0-9]+$/.test(compact) && /\d/.test(compact)) {
            const m = /^([A-Z]{2})(.*)$/.exec(compact);
            ors.push(
              m
                ? eb.and([eb('vat_country', '=', m[1]!), eb('vat_id', 'like', `${m[2]}%`)])
                : eb('vat_id', 'like', `${compact}%`),
            );
          }
          return ors.length ? eb.or(ors) : eb.val(false);
        });
      }
      const rows = db.all(q.orderBy('name_key').orderBy('name').orderBy('id').limit(limit));
      const counts = purchasesOf(rows.map((r) => r.id));
      return rows.map((r) => view(r, counts.get(r.id) ?? 0));
    },
    view(id: string): Supplier {
      const r = mustGet(id);
      return view(r, purchasesOf([id]).get(id) ?? 0);
    },
    /** Creates (no id) or updates a supplier from the validated form; the VAT id stays unique. */
    save(id: string | undefined, input: ParsedSupplierInput, newId: () => string, at: string): Supplier {
      const chk = checkTaxId(input.nif, input.country === 'PT' ? undefined : input.country);
      if (!chk.ok) throw new PosError('VALIDATION', `NIF: ${chk.message}`, { field: 'nif' });
      // An EU id carries its VAT prefix (EL for Greece, XI for Northern Ireland); another country's id does not.
      const prefix = chk.taxId.slice(0, 2);
      const eu = chk.foreign && (prefix === chk.country || prefix === 'EL' || prefix === 'XI');
      const vatCountry = eu ? prefix : chk.country;
      const vatId = eu ? chk.taxId.slice(2) : chk.taxId;
      const other = byVat(vatCountry, vatId);
      if (other && other.id !== id) {
        throw new PosError('CONFLICT', `Já existe o fornecedor ${other.name} com o NIF ${vatLabel(other)}.`, {
          field: 'nif',
        });
      }
      const fields = {
        vat_country: vatCountry,
        vat_id: vatId,
        name: input.name,
        address: input.address,
        postal_code: input.postalCode,
        city: input.city,
        country: input.country,
        email: input.email || null,
        phone: input.phone,
        payment_terms_days: input.paymentTermsDays,
        active: input.active ? (1 as const) : (0 as const),
        updated_at: at,
      };
      if (id === undefined) {
        const nid = newId();
        db.run(k.insertInto('supplier').values({ id: nid, ...fields, created_at: at }));
        return this.view(nid);
      }
      mustGet(id);
      db.run(k.updateTable('supplier').set(fields).where('id', '=', id));
      return this.view(id);
    },
  };
}
export type SupplierStore = ReturnType<typeof createSupplierStore>;
