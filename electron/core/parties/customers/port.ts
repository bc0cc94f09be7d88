import type { CustomerDraft } from '../../../../shared/api/fiscal';
import type { SaleCustomer } from '../../../../shared/api/sales';

/**
 * The customers domain as the fiscal core and the till see it (typed ports: they hold no customer code of their
 * own). Both run the same rules as Gestão › Clientes: NIF by shared/fiscal/tax-id.ts, frozen identity once on a
 * document (rules.ts).
 */

/** The buyer as a document snapshots it (SAF-T MasterFiles/Customer and the document's customer_* columns). */
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

export interface FiscalCustomerPort {
  /**
   * The customer row for a document's buyer, created or completed as allowed; runs inside the document's
   * transaction. Refuses (FISCAL_RULE) a change of a frozen identity, VALIDATION a bad NIF.
   */
  forDocument(draft: CustomerDraft | null | undefined): CustomerSnapshot;
  consumidorFinal(): CustomerSnapshot;
}

/** What the till's quick entry sends (shared/api/sales.ts CustomerInput). */
export interface SaleCustomerInput {
  id?: number;
  nif: string;
  name?: string;
  address?: string;
  postalCode?: string;
  city?: string;
  country?: string;
  isBusiness?: boolean;
}

export interface CustomerHitView {
  id: number;
  nif: string;
  name: string;
  address: string;
  postalCode: string;
  city: string;
  country: string;
}

export interface TillCustomerPort {
  /** The sale's customer: NIF checked, a known customer filled in, a frozen change refused now (not at issue). */
  forSale(input: SaleCustomerInput): SaleCustomer;
  /** Known customers with a NIF, by name (accent-insensitive) or NIF, in Portuguese order. */
  find(query: string, limit: number): CustomerHitView[];
}
