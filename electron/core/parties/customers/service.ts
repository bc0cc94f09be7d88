import type { Customer, CustomerDetail, ParsedCustomerInput } from '../../../../shared/api/customers';
import type { CustomerDraft } from '../../../../shared/api/fiscal';
import type { SaleCustomer } from '../../../../shared/api/sales';
import { PosError } from '../../../../shared/errors';
import {
  CONSUMIDOR_FINAL_NAME,
  CONSUMIDOR_FINAL_NIF,
  nifLooksLikeBusiness,
} from '../../../../shared/fiscal/nif';
import { checkTaxId, isGenericTaxId } from '../../../../shared/fiscal/tax-id';
import type { CoreContext } from '../../context';
import { ulidFactory } from '../../jobs/ids';
import { t } from '../../../../shared/i18n';
import type {
  CustomerHitView,
  CustomerSnapshot,
  FiscalCustomerPort,
  SaleCustomerInput,
  TillCustomerPort,
} from './port';
import { changedIdentity, frozenRefusal, identityOf, isGenericNif, UNKNOWN } from './rules';
import { createCustomerStore, type CustomerIdentity, type CustomerRow } from './store';

/** Who changes the customer master, for the audit trail (as the catalogue's Actor). */
export interface Actor {
  operatorId: number | null;
  via: 'backoffice' | 'csv' | 'cli' | 'till' | 'document';
}

export type SaveOutcome = 'created' | 'updated' | 'unchanged';

const blankUnknown = (v: string): string => (v === UNKNOWN ? '' : v);
const orUnknown = (v: string | undefined | null): string => v?.trim() || UNKNOWN;

export function toCustomer(r: CustomerRow, frozen: boolean): Customer {
  return {
    id: r.id,
    code: r.code ?? '',
    nif: r.nif || CONSUMIDOR_FINAL_NIF,
    name: r.name,
    address: blankUnknown(r.address),
    postalCode: blankUnknown(r.postal_code),
    city: blankUnknown(r.city),
    country: r.country === UNKNOWN ? 'PT' : r.country,
    email: r.email ?? '',
    phone: r.phone,
    paymentTermsDays: r.payment_terms_days,
    einvoice: r.einvoice === 1,
    active: r.active === 1,
    frozen,
  };
}

const snapshot = (r: CustomerRow): CustomerSnapshot => ({
  id: r.id,
  nif: r.nif || CONSUMIDOR_FINAL_NIF,
  name: r.name,
  address: r.address,
  postalCode: r.postal_code,
  city: r.city,
  country: r.country,
  generic: isGenericNif(r.nif),
});

/** A tax id as stored: the checked id, or the generic NIF; VALIDATION (on `field`) when it is wrong. */
function taxIdOf(nif: string, country: string | undefined, field: string): { nif: string; country: string } {
  if (isGenericTaxId(nif)) return { nif: CONSUMIDOR_FINAL_NIF, country: country ?? 'PT' };
  const chk = checkTaxId(nif, country === 'PT' || country === UNKNOWN ? undefined : country);
  if (!chk.ok) throw new PosError('VALIDATION', chk.message, { field });
  return { nif: chk.taxId, country: chk.country };
}

/**
 * ONE customers domain (issue 12 item 3, house rule "one customers domain"): the master the back office edits,
 * the till looks up and the fiscal core resolves each document's buyer against. Every write runs the same rules:
 * the NIF by shared/fiscal/tax-id.ts, the identity frozen once on a document (rules.ts), NIF unique among active
 * customers, ids `<terminal>-<ULID>`.
 */
export function createCustomerService(ctx: CoreContext) {
  const { db, clock } = ctx;
  const store = createCustomerStore(db);
  const ulid = ulidFactory();
  const SAFT_ID_MAX = 30;
  // SAF-T CustomerID is this code (fiscal/saft/customer-id.ts) and holds at most 30 characters: a terminal id
  // of up to 10 leaves 19 of the ULID (its 10 time characters and 9 random ones, 45 bits: still unique per ms).
  const newCode = (): string => {
    const terminal = `${ctx.terminalId}-`;
    return terminal + ulid(clock.now().getTime()).slice(0, SAFT_ID_MAX - terminal.length);
  };
  const now = (): string => clock.now().toISOString();

  const detailOf = (r: CustomerRow): CustomerDetail => {
    const documents = store.documentsCount(r.id);
    return { customer: toCustomer(r, documents > 0), documents };
  };

  function mustGet(id: number): CustomerRow {
    const r = store.get(id);
    if (!r) throw new PosError('NOT_FOUND', `Cliente ${id} inexistente.`);
    return r;
  }

  /** A NIF names one active customer (the way documents, CSV and the till find it). */
  function assertNifFree(nif: string, exceptId: number | null): void {
    if (isGenericNif(nif)) return;
    const other = store.byNif(nif);
    if (other && other.id !== exceptId && other.active === 1) {
      throw new PosError(
        'CONFLICT',
        `Já existe o cliente ${other.name} com o NIF ${nif} (código ${other.code ?? other.id}).`,
        { field: 'nif' },
      );
    }
  }

  /** Applies an identity to a row under the frozen rule (refusing), or does nothing when it is the same. */
  function applyIdentity(row: CustomerRow, next: CustomerIdentity, actor: Actor): CustomerRow {
    const changed = changedIdentity(row, next);
    if (!changed.length) return row;
    if (store.usedOnDocuments(row.id)) {
      const refusal = frozenRefusal(row, next);
      if (refusal) throw refusal;
    }
    const updated = store.update(row.id, next, now());
    ctx.audit('customers.updated', actor.operatorId, { id: row.id, fields: changed, via: actor.via });
    return updated;
  }

  function createRow(identity: CustomerIdentity, actor: Actor, code?: string): CustomerRow {
    const row = store.insert(code || newCode(), identity, {}, now());
    ctx.audit('customers.created', actor.operatorId, { id: row.id, via: actor.via });
    return row;
  }

  function consumidorFinal(): CustomerSnapshot {
    const row =
      store.byGenericName(CONSUMIDOR_FINAL_NAME) ??
      createRow(
        {
          nif: CONSUMIDOR_FINAL_NIF,
          name: CONSUMIDOR_FINAL_NAME,
          address: UNKNOWN,
          postal_code: UNKNOWN,
          city: UNKNOWN,
          country: 'PT',
        },
        { operatorId: null, via: 'document' },
      );
    return snapshot(row);
  }

  interface Typed {
    id?: number;
    nif: string;
    name?: string;
    address?: string;
    postalCode?: string;
    city?: string;
    country?: string;
  }

  /**
   * The known customer a buyer typed at the till or on a document names (by id, by NIF, or a no-NIF customer
   * by name), and the identity it would have with what was typed: a part not typed keeps the known value.
   */
  function plan(c: Typed, field: string): { row: CustomerRow | undefined; next: CustomerIdentity } {
    const given = (c.country ?? '').trim().toUpperCase();
    const typedCountry = given === 'DESCONHECIDO' ? UNKNOWN : given || undefined;
    let row: CustomerRow | undefined;
    if (c.id !== undefined) {
      row = store.get(c.id);
      if (!row) throw new PosError('NOT_FOUND', 'Cliente inexistente.');
    }
    const tax = taxIdOf(c.nif, typedCountry ?? (isGenericTaxId(c.nif) ? row?.country : undefined), field);
    if (!row) {
      if (!isGenericNif(tax.nif)) row = store.byNif(tax.nif);
      else if (c.name && c.name !== CONSUMIDOR_FINAL_NAME) row = store.byGenericName(c.name);
    }
    const keep = (typed: string | undefined, known: string | undefined): string =>
      typed?.trim() || known || UNKNOWN;
    const next: CustomerIdentity = {
      nif: tax.nif,
      name: c.name?.trim() || row?.name || (isGenericNif(tax.nif) ? CONSUMIDOR_FINAL_NAME : UNKNOWN),
      address: keep(c.address, row?.address),
      postal_code: keep(c.postalCode, row?.postal_code),
      city: keep(c.city, row?.city),
      country: tax.country,
    };
    return { row, next };
  }

  const fiscal: FiscalCustomerPort = {
    consumidorFinal,
    forDocument(d: CustomerDraft | null | undefined): CustomerSnapshot {
      if (!d) return consumidorFinal();
      if (d.id === undefined && isGenericTaxId(d.nif) && d.name === CONSUMIDOR_FINAL_NAME) {
        return consumidorFinal();
      }
      const { row, next } = plan(d, 'customer.nif');
      const actor: Actor = { operatorId: null, via: 'document' };
      if (!row) return snapshot(createRow(next, actor));
      return snapshot(applyIdentity(row, next, actor));
    },
  };

  const till: TillCustomerPort = {
    forSale(input: SaleCustomerInput): SaleCustomer {
      const generic = isGenericTaxId(input.nif);
      const { row, next } = plan(input, 'nif');
      // Refused now, with the reason, rather than when the paid sale's document is issued.
      if (row && store.usedOnDocuments(row.id)) {
        const refusal = frozenRefusal(row, next);
        if (refusal) throw refusal;
      }
      const shown = (v: string): string | null => (v && v !== UNKNOWN ? v : null);
      return {
        id: row?.id ?? null,
        nif: next.nif,
        name: next.name,
        address: shown(next.address),
        postalCode: shown(next.postal_code),
        city: shown(next.city),
        country: next.country,
        isBusiness: input.isBusiness ?? (!generic && nifLooksLikeBusiness(next.nif)),
      };
    },
    find(query: string, limit: number): CustomerHitView[] {
      return store.search(query, limit, false, true).map((r) => ({
        id: r.id,
        nif: r.nif,
        name: r.name,
        address: r.address,
        postalCode: r.postal_code,
        city: r.city,
        country: r.country,
      }));
    },
  };

  return {
    store,
    fiscal,
    till,
    search(query: string, limit: number, includeInactive: boolean): Customer[] {
      return store
        .search(query, limit, includeInactive)
        .map((r) => toCustomer(r, store.usedOnDocuments(r.id)));
    },
    get: (id: number): CustomerDetail => detailOf(mustGet(id)),
    idByCode: (code: string): number | undefined => store.byCode(code)?.id,
    idByNif(nif: string): number | undefined {
      if (isGenericTaxId(nif)) return undefined;
      const chk = checkTaxId(nif);
      return chk.ok ? store.byNif(chk.taxId)?.id : undefined;
    },
    /**
     * Creates (no id) or updates a customer from the validated form (CustomerInput). Runs in the caller's
     * transaction (the CSV import's savepoints).
     */
    save(
      actor: Actor,
      id: number | undefined,
      input: ParsedCustomerInput,
    ): { id: number; outcome: SaveOutcome } {
      const tax = taxIdOf(input.nif, input.country, 'nif');
      const identity: CustomerIdentity = {
        nif: tax.nif,
        name: input.name,
        address: orUnknown(input.address),
        postal_code: orUnknown(input.postalCode),
        city: orUnknown(input.city),
        country: tax.country,
      };
      const contact = {
        email: input.email || null,
        phone: input.phone,
        payment_terms_days: input.paymentTermsDays,
        einvoice: input.einvoice ? (1 as const) : (0 as const),
        active: input.active ? (1 as const) : (0 as const),
      };
      const code = input.code;
      if (id === undefined) {
        if (input.active) assertNifFree(identity.nif, null);
        if (code && store.byCode(code)) {
          throw new PosError('CONFLICT', `Já existe um cliente com o código ${code}.`, { field: 'code' });
        }
        const row = store.insert(code || newCode(), identity, contact, now());
        ctx.audit('customers.created', actor.operatorId, { id: row.id, via: actor.via });
        return { id: row.id, outcome: 'created' };
      }
      const row = mustGet(id);
      if (code && code !== row.code && row.code && store.usedOnDocuments(id)) {
        // The code is the customer's SAF-T CustomerID: past periods must export the same one.
        throw new PosError('FISCAL_RULE', t('customers.codeFrozen', { name: row.name, code: row.code }), {
          field: 'code',
        });
      }
      if (code && code !== row.code) {
        const other = store.byCode(code);
        if (other && other.id !== id) {
          throw new PosError('CONFLICT', `Já existe um cliente com o código ${code}.`, { field: 'code' });
        }
      }
      // The AT rule first: a frozen identity is the reason, whatever else is wrong with the change.
      const changed = changedIdentity(row, identity);
      if (changed.length && store.usedOnDocuments(id)) {
        const refusal = frozenRefusal(row, identity);
        if (refusal) throw refusal;
      }
      if (contact.active === 1) assertNifFree(identity.nif, id);
      const fields = {
        ...identity,
        ...contact,
        ...(code ? { code } : {}),
      };
      const before: Record<string, unknown> = { ...row };
      const diff = Object.entries(fields)
        .filter(([k, v]) => before[k] !== v)
        .map(([k]) => k);
      if (!diff.length) return { id, outcome: 'unchanged' };
      store.update(id, fields, now());
      ctx.audit('customers.updated', actor.operatorId, { id, fields: diff, via: actor.via });
      return { id, outcome: 'updated' };
    },
    identityOf,
  };
}
export type CustomerService = ReturnType<typeof createCustomerService>;
