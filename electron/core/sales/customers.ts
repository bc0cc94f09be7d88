import type { SaleCustomer } from '../../../shared/api/sales';
import { PosError } from '../../../shared/errors';
import {
  CONSUMIDOR_FINAL_NAME,
  CONSUMIDOR_FINAL_NIF,
  nifLooksLikeBusiness,
} from '../../../shared/fiscal/nif';
import { checkTaxId, isGenericTaxId } from '../../../shared/fiscal/tax-id';
import type { Db } from '../db/open';

export interface CustomerInput {
  id?: number;
  nif: string;
  name?: string;
  address?: string;
  postalCode?: string;
  city?: string;
  country?: string;
  isBusiness?: boolean;
}

/**
 * The sale's customer: quick entry by NIF (validated with shared/fiscal rules as typed), lookup by NIF or name in
 * the customer table. The fiscal core creates/updates the customer master when the document is issued.
 */
export function createCustomerLookup(db: Db) {
  function resolveCustomer(input: CustomerInput): SaleCustomer {
    // The same check the customer form runs as the NIF is typed (PT NIF, or an EU VAT id by its prefix).
    const generic = isGenericTaxId(input.nif);
    let nif = CONSUMIDOR_FINAL_NIF;
    let country = (input.country ?? 'PT').toUpperCase();
    if (!generic) {
      const chk = checkTaxId(input.nif, input.country);
      if (!chk.ok) throw new PosError('VALIDATION', chk.message, { field: 'nif' });
      nif = chk.taxId;
      country = chk.country;
    }
    type Row = {
      id: number;
      nif: string;
      name: string;
      address: string;
      postal_code: string;
      city: string;
      country: string;
    };
    let known: Row | undefined;
    if (input.id !== undefined) {
      known = db.get(db.k.selectFrom('customer').selectAll().where('id', '=', input.id)) as Row | undefined;
      if (!known) throw new PosError('NOT_FOUND', 'Cliente inexistente.');
    } else if (!generic) {
      known = db.get(
        db.k.selectFrom('customer').selectAll().where('nif', '=', nif).orderBy('id').limit(1),
      ) as Row | undefined;
    }
    const unknown = (v: string | undefined | null): string | null => (v && v !== 'Desconhecido' ? v : null);
    return {
      id: known?.id ?? null,
      nif: known && input.id !== undefined ? known.nif : nif,
      name: input.name ?? known?.name ?? (generic ? CONSUMIDOR_FINAL_NAME : 'Desconhecido'),
      address: input.address ?? unknown(known?.address),
      postalCode: input.postalCode ?? unknown(known?.postal_code),
      city: input.city ?? unknown(known?.city),
      country: generic && known && !input.country ? known.country : country,
      isBusiness: input.isBusiness ?? (!generic && nifLooksLikeBusiness(nif)),
    };
  }

  function findCustomers(query: string, limit: number) {
    const q = query.trim();
    const digits = q.replace(/\s+/g, '');
    let sel = db.k.selectFrom('customer').selectAll().where('nif', '!=', CONSUMIDOR_FINAL_NIF);
    if (/^\d+$/.test(digits)) sel = sel.where('nif', 'like', `${digits}%`);
    else
      sel = sel.where((eb) =>
        eb(eb.fn('lower', ['name']), 'like', `%${q.toLowerCase().replace(/[%_\\]/g, '')}%`),
      );
    return db.all(sel.orderBy('name').limit(limit)).map((r) => ({
      id: r.id,
      nif: r.nif,
      name: r.name,
      address: r.address,
      postalCode: r.postal_code,
      city: r.city,
      country: r.country,
    }));
  }

  return { resolveCustomer, findCustomers };
}
