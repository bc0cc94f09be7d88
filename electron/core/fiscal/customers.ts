import { PosError } from '../../../shared/errors';
import { CONSUMIDOR_FINAL_NAME, CONSUMIDOR_FINAL_NIF } from '../../../shared/fiscal/nif';
import { checkTaxId, isGenericTaxId } from '../../../shared/fiscal/tax-id';
import type { CustomerDraft } from '../../../shared/api/fiscal';
import type { Db } from '../db/open';
import type { Clock } from '../util/clock';

export interface CustomerSnapshot {
  id: number;
  nif: string;
  name: string;
  address: string;
  postalCode: string;
  city: string;
  country: string;
  generic: boolean;
}

interface CustomerRow {
  id: number;
  nif: string;
  name: string;
  address: string;
  postal_code: string;
  city: string;
  country: string;
}

const UNKNOWN = 'Desconhecido';
const isGenericNif = (nif: string): boolean => nif === '' || nif === CONSUMIDOR_FINAL_NIF;

/**
 * Resolves the buyer of a document into a customer row (SAF-T MasterFiles/Customer) and a snapshot kept on
 * the document. Rules: NIF validated (mod 11 + prefix) for Portuguese buyers; a customer's NIF cannot change
 * once documents exist, except filling in a missing/generic one (Despacho 3.3.3); the name of a no-NIF
 * customer is locked likewise (3.3.4; also enforced by triggers).
 */
export function createCustomerResolver(db: Db, clock: Clock) {
  const byId = db.sqlite.prepare(
    'select id, nif, name, address, postal_code, city, country from customer where id = ?',
  );
  const byNif = db.sqlite.prepare(
    'select id, nif, name, address, postal_code, city, country from customer where nif = ? order by id limit 1',
  );
  const byGenericName = db.sqlite.prepare(
    'select id, nif, name, address, postal_code, city, country from customer where nif = ? and name = ? order by id limit 1',
  );
  const hasDocs = db.sqlite.prepare('select 1 from fiscal_document where customer_id = ? limit 1');
  const insert = db.sqlite.prepare(
    'insert into customer (nif, name, address, postal_code, city, country, created_at) values (?, ?, ?, ?, ?, ?, ?)',
  );
  const update = db.sqlite.prepare(
    'update customer set nif = ?, name = ?, address = ?, postal_code = ?, city = ?, country = ? where id = ?',
  );

  const snap = (r: CustomerRow): CustomerSnapshot => ({
    id: r.id,
    nif: r.nif || CONSUMIDOR_FINAL_NIF,
    name: r.name,
    address: r.address,
    postalCode: r.postal_code,
    city: r.city,
    country: r.country,
    generic: isGenericNif(r.nif),
  });

  const create = (
    nif: string,
    name: string,
    address: string,
    postal: string,
    city: string,
    country: string,
  ): CustomerSnapshot => {
    const r = insert.run(nif, name, address, postal, city, country, clock.now().toISOString());
    return snap(byId.get(Number(r.lastInsertRowid)) as CustomerRow);
  };

  function consumidorFinal(): CustomerSnapshot {
    const row = byGenericName.get(CONSUMIDOR_FINAL_NIF, CONSUMIDOR_FINAL_NAME) as CustomerRow | undefined;
    return row
      ? snap(row)
      : create(CONSUMIDOR_FINAL_NIF, CONSUMIDOR_FINAL_NAME, UNKNOWN, UNKNOWN, UNKNOWN, 'PT');
  }

  function resolve(c: CustomerDraft | null | undefined): CustomerSnapshot {
    if (!c) return consumidorFinal();
    let country =
      (c.country ?? 'PT').toUpperCase() === 'DESCONHECIDO'
        ? 'Desconhecido'
        : (c.country ?? 'PT').toUpperCase();
    let nif = CONSUMIDOR_FINAL_NIF;
    if (!isGenericTaxId(c.nif)) {
      // shared/fiscal/tax-id.ts: the rule the till's customer form applies as the NIF is typed.
      const chk = checkTaxId(c.nif, country === 'Desconhecido' ? undefined : country);
      if (!chk.ok) throw new PosError('VALIDATION', chk.message, { field: 'customer.nif' });
      nif = chk.taxId;
      country = chk.country;
    }
    const address = c.address?.trim() || UNKNOWN;
    const postal = c.postalCode?.trim() || UNKNOWN;
    const city = c.city?.trim() || UNKNOWN;

    if (c.id !== undefined) {
      const row = byId.get(c.id) as CustomerRow | undefined;
      if (!row) throw new PosError('NOT_FOUND', 'Cliente inexistente.');
      const used = !!hasDocs.get(row.id);
      if (nif !== (row.nif || CONSUMIDOR_FINAL_NIF) && used && !isGenericNif(row.nif)) {
        throw new PosError(
          'FISCAL_RULE',
          `O NIF do cliente ${row.name} não pode ser alterado: já existem documentos emitidos com o NIF ${row.nif}.`,
        );
      }
      if (isGenericNif(nif) && used && c.name !== row.name) {
        throw new PosError(
          'FISCAL_RULE',
          'O nome de um cliente sem NIF não pode ser alterado depois de emitidos documentos.',
        );
      }
      const same =
        row.nif === nif &&
        row.name === c.name &&
        row.address === address &&
        row.postal_code === postal &&
        row.city === city &&
        row.country === country;
      if (!same) update.run(nif, c.name, address, postal, city, country, row.id);
      return snap(byId.get(row.id) as CustomerRow);
    }
    if (isGenericNif(nif)) {
      if (c.name === CONSUMIDOR_FINAL_NAME) return consumidorFinal();
      const row = byGenericName.get(CONSUMIDOR_FINAL_NIF, c.name) as CustomerRow | undefined;
      return row ? snap(row) : create(nif, c.name, address, postal, city, country);
    }
    const row = byNif.get(nif) as CustomerRow | undefined;
    if (!row) return create(nif, c.name, address, postal, city, country);
    // Known NIF: the data typed now (name, address) is what the document shows; keep the master in step.
    if (
      row.name !== c.name ||
      row.address !== address ||
      row.postal_code !== postal ||
      row.city !== city ||
      row.country !== country
    ) {
      update.run(nif, c.name, address, postal, city, country, row.id);
    }
    return snap(byId.get(row.id) as CustomerRow);
  }

  return { resolve, consumidorFinal };
}
