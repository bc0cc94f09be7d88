import { PosError } from '../../../../shared/errors';
import { CONSUMIDOR_FINAL_NIF } from '../../../../shared/fiscal/nif';
import type { CustomerIdentity, CustomerRow } from './store';

/** SAF-T's placeholder for an unknown address part (and the generic customer's). */
export const UNKNOWN = 'Desconhecido';

export const isGenericNif = (nif: string): boolean => nif === '' || nif === CONSUMIDOR_FINAL_NIF;
const isBlank = (v: string): boolean => v === '' || v === UNKNOWN || v === '0000-000';

const IDENTITY: readonly (keyof CustomerIdentity)[] = [
  'nif',
  'name',
  'address',
  'postal_code',
  'city',
  'country',
];
const LABEL: Record<keyof CustomerIdentity, string> = {
  nif: 'o NIF',
  name: 'o nome',
  address: 'a morada',
  postal_code: 'o código postal',
  city: 'a localidade',
  country: 'o país',
};
/** The contract's field names (shared/api/customers.ts FROZEN_FIELDS), for the form to mark. */
const FIELD: Record<keyof CustomerIdentity, string> = {
  nif: 'nif',
  name: 'name',
  address: 'address',
  postal_code: 'postalCode',
  city: 'city',
  country: 'country',
};

export const identityOf = (r: CustomerRow): CustomerIdentity => ({
  nif: r.nif,
  name: r.name,
  address: r.address,
  postal_code: r.postal_code,
  city: r.city,
  country: r.country,
});

export const changedIdentity = (row: CustomerRow, next: CustomerIdentity): (keyof CustomerIdentity)[] =>
  IDENTITY.filter((f) => row[f] !== next[f]);

/**
 * The AT rule for a customer that is on a fiscal document: its identity — what every document snapshots and
 * what SAF-T MasterFiles/Customer exports for past periods — stays as it was (Despacho 8632/2014 3.3.3 and
 * 3.3.4, and the printed documents agree with the SAF-T). What the rules allow: filling in a missing or generic
 * NIF (3.3.3; its country with it) and, ASSUMPTION, filling in an address part that was unknown
 * ("Desconhecido"), which corrects nothing a document said. Contact fields are not identity and always change.
 * Returns the refusal, or null when the change is allowed.
 */
export function frozenRefusal(row: CustomerRow, next: CustomerIdentity): PosError | null {
  const fillsNif = isGenericNif(row.nif) && !isGenericNif(next.nif);
  const refused = changedIdentity(row, next).filter((f) => {
    if (f === 'nif') return !isGenericNif(row.nif);
    if (f === 'country') return !fillsNif && !isBlank(row.country);
    return !isBlank(row[f]);
  });
  if (!refused.length) return null;
  const names = refused.map((f) => LABEL[f]);
  const list =
    names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} e ${names[names.length - 1]}`;
  return new PosError(
    'FISCAL_RULE',
    `O cliente ${row.name} já consta de documentos emitidos: ${list} já não se ${refused.length === 1 ? 'pode' : 'podem'} alterar (regras da AT). ` +
      'Pode alterar o e-mail, o telefone, o prazo de pagamento e a faturação eletrónica; para outros dados fiscais, desative esta ficha e crie uma nova.',
    { field: FIELD[refused[0]!], fields: refused.map((f) => FIELD[f]) },
  );
}
