import type { SaleCustomer } from '../../../shared/api/sales';
import type { CustomerHitView, SaleCustomerInput, TillCustomerPort } from '../parties/customers/port';

export type CustomerHitLite = CustomerHitView;

/**
 * What back-office invoicing needs of the customers domain: find by NIF or name, and resolve a typed customer
 * (NIF checked, the known record found, a frozen identity change refused). Served by the customers domain's till
 * port (parties/customers), the same rules as Gestão › Clientes.
 */
export interface CustomerPort {
  find(query: string, limit: number): CustomerHitLite[];
  resolve(input: SaleCustomerInput): SaleCustomer;
}

export function customerPortFor(till: TillCustomerPort): CustomerPort {
  return { find: (q, limit) => till.find(q, limit), resolve: (input) => till.forSale(input) };
}
