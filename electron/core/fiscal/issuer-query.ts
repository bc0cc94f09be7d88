import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';

/** The issuer as documents and SAF-T name it: the one company row (its print and QR fields). */
export const selectIssuer = (k: Kysely<Database>) =>
  k
    .selectFrom('company')
    .select([
      'name',
      'nif',
      'address',
      'postal_code',
      'city',
      'country',
      'certificate_number',
      'software_name',
    ])
    .where('id', '=', 1);
