import type { Selectable } from 'kysely';
import { CONSUMIDOR_FINAL_NAME, CONSUMIDOR_FINAL_NIF } from '../../../../shared/fiscal/nif';
import { ptSearchTerms } from '../../../../shared/text/pt-collation';
import { param, prepared } from '../../db/prepared';
import type { Db } from '../../db/open';
import type { CustomerTable } from '../../db/schema';

export type CustomerRow = Selectable<CustomerTable>;

/** The identity columns a fiscal document snapshots (and SAF-T MasterFiles/Customer exports). */
export interface CustomerIdentity {
  nif: string;
  name: string;
  address: string;
  postal_code: string;
  city: string;
  country: string;
}

export interface CustomerContact {
  email: string | null;
  phone: string;
  payment_terms_days: number;
  einvoice: 0 | 1;
  active: 0 | 1;
}

/**
 * The customer master (table `customer`, migrations 0001 and 0670), through Kysely. The lookups the fiscal
 * core makes inside every document's transaction are compiled once (`prepared`): compiling costs more than
 * running them.
 */
export function createCustomerStore(db: Db) {
  const k = db.k;
  const byId = prepared(db, k.selectFrom('customer').selectAll().where('id', '=', param<number>('id')));
  // The active customer with this NIF first (an inactive one may be an old file of the same company).
  const byNif = prepared(
    db,
    k
      .selectFrom('customer')
      .selectAll()
      .where('nif', '=', param('nif'))
      .orderBy('active', 'desc')
      .orderBy('id')
      .limit(1),
  );
  const byGenericName = prepared(
    db,
    k
      .selectFrom('customer')
      .selectAll()
      .where('nif', '=', CONSUMIDOR_FINAL_NIF)
      .where('name', '=', param('name'))
      .orderBy('id')
      .limit(1),
  );
  const used = prepared(
    db,
    k.selectFrom('fiscal_document').select('id').where('customer_id', '=', param<number>('id')).limit(1),
  );

  return {
    get: (id: number): CustomerRow | undefined => byId.get({ id }),
    byNif: (nif: string): CustomerRow | undefined => byNif.get({ nif }),
    byGenericName: (name: string): CustomerRow | undefined => byGenericName.get({ name }),
    byCode: (code: string): CustomerRow | undefined =>
      db.get(k.selectFrom('customer').selectAll().where('code', '=', code)),
    /** On a fiscal document (any type: RG and NC name their customer in SAF-T too). */
    usedOnDocuments: (id: number): boolean => used.get({ id }) !== undefined,
    documentsCount: (id: number): number =>
      Number(
        db.get(
          k
            .selectFrom('fiscal_document')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('customer_id', '=', id),
        )?.n ?? 0,
      ),
    insert(
      code: string,
      identity: CustomerIdentity,
      contact: Partial<CustomerContact>,
      at: string,
    ): CustomerRow {
      const r = db.run(
        k.insertInto('customer').values({ ...identity, ...contact, code, created_at: at, updated_at: at }),
      );
      return byId.get({ id: r.lastInsertRowid })!;
    },
    update(
      id: number,
      fields: Partial<CustomerIdentity & CustomerContact & { code: string }>,
      at: string,
    ): CustomerRow {
      db.run(
        k
          .updateTable('customer')
          .set({ ...fields, updated_at: at })
          .where('id', '=', id),
      );
      return byId.get({ id })!;
    },
    /**
     * Accent- and case-insensitive: every word of the query in the name's pt-PT key (customer.name_key), or
     * the start of the NIF, or the exact code. Portuguese order (name_key, then name). The generic Consumidor
     * final row is not a customer to pick; `withNif` leaves out the customers without one (the till's lookup).
     */
    search(query: string, limit: number, includeInactive: boolean, withNif = false): CustomerRow[] {
      const raw = query.trim();
      const words = ptSearchTerms(raw);
      const compact = raw.replace(/[\s.\-/]+/g, '').toUpperCase();
      let q = withNif
        ? k.selectFrom('customer').selectAll().where('nif', '!=', CONSUMIDOR_FINAL_NIF)
        : k
            .selectFrom('customer')
            .selectAll()
            .where((eb) =>
              eb.or([eb('nif', '!=', CONSUMIDOR_FINAL_NIF), eb('name', '!=', CONSUMIDOR_FINAL_NAME)]),
            );
      if (!includeInactive) q = q.where('active', '=', 1);
      if (raw) {
        q = q.where((eb) => {
          const ors = [eb('code', '=', raw)];
          // ptKey leaves only letters, digits and spaces: no LIKE wildcard can come from the user.
          if (words.length) ors.push(eb.and(words.map((w) => eb('name_key', 'like', `%${w}%`))));
          if (/^[A-Z0-9]+$/.test(compact) && /\d/.test(compact)) {
            ors.push(eb('nif', 'like', `${compact.replace(/^PT(?=\d)/, '')}%`));
          }
          return eb.or(ors);
        });
      }
      return db.all(q.orderBy('name_key').orderBy('name').orderBy('id').limit(limit));
    },
  };
}
export type CustomerStore = ReturnType<typeof createCustomerStore>;
