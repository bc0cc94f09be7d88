import type { SaleCustomer } from '../../../shared/api/sales';
import type { Db } from '../db/open';
import { createCustomerLookup, type CustomerInput } from '../sales/customers';

/** A customer as the invoice form lists it. */
export interface CustomerHitLite {
  id: number;
  nif: string;
  name: string;
  address: string;
  postalCode: string;
  city: string;
  country: string;
}

/**
 * What back-office invoicing needs of the customers domain: find by NIF or name, and resolve a typed customer
 * (NIF checked, the known record found). ASSUMPTION: until the customers domain (branch `customers`) is merged,
 * the till's lookup (sales/customers.ts) serves it; the swap is the one line in `customerPortFor`.
 */
export interface CustomerPort {
  find(query: string, limit: number): CustomerHitLite[];
  resolve(input: CustomerInput): SaleCustomer;
}

export function customerPortFor(db: Db): CustomerPort {
  const lookup = createCustomerLookup(db);
  return { find: lookup.findCustomers, resolve: lookup.resolveCustomer };
}
