import type { Generated, Selectable, Insertable, Updateable } from 'kysely';

/**
 * The typed view of the SQLite schema built by ./migrations. Column types are what better-sqlite3 returns:
 * 0|1 flags, ISO-8601 text timestamps, exact decimals as TEXT. A test compares this with the migrated database.
 * Each domain adds its tables in its own interface below and to `Database`.
 */

export interface SettingTable {
  key: string;
  value: string;
}

export interface CompanyTable {
  id: number;
  name: string;
  nif: string;
  address: string;
  postal_code: string;
  city: string;
  country: string;
  certificate_number: string;
  software_name: string;
}

export interface OperatorTable {
  id: Generated<number>;
  name: string;
  role: 'caixa' | 'gerente';
  pin_hash: string;
  pin_salt: string;
  active: 0 | 1;
  failed_attempts: Generated<number>;
  locked_until: string | null;
  created_at: string;
}

export interface OperatorSessionTable {
  token: string;
  operator_id: number;
  started_at: string;
  last_seen_at: string;
  ended_at: string | null;
  end_reason: string | null;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  operator_id: number | null;
  action: string;
  details: string;
}

export interface TaxRateTable {
  id: Generated<number>;
  region: 'PT' | 'PT-AC' | 'PT-MA';
  code: 'NOR' | 'INT' | 'RED';
  percentage: string;
  valid_from: string;
  valid_to: string | null;
  legal_basis: string;
}

export interface ArticleTable {
  id: Generated<number>;
  code: string;
  barcode: string | null;
  name: string;
  family: string;
  unit: 'UN' | 'KG' | 'L' | 'M';
  price: string;
  tax_code: 'NOR' | 'INT' | 'RED' | 'ISE';
  exemption_code: string | null;
  product_type: 'P' | 'S';
  favourite: 0 | 1;
  active: 0 | 1;
  created_at: string;
}

export interface CustomerTable {
  id: Generated<number>;
  nif: string;
  name: string;
  address: string;
  postal_code: string;
  city: string;
  country: string;
  email: string | null;
  created_at: string;
}

export interface Database {
  setting: SettingTable;
  company: CompanyTable;
  operator: OperatorTable;
  operator_session: OperatorSessionTable;
  audit_log: AuditLogTable;
  tax_rate: TaxRateTable;
  article: ArticleTable;
  customer: CustomerTable;
}

export type Operator = Selectable<OperatorTable>;
export type NewOperator = Insertable<OperatorTable>;
export type ArticleRow = Selectable<ArticleTable>;
export type NewArticle = Insertable<ArticleTable>;
export type ArticleUpdate = Updateable<ArticleTable>;
export type CustomerRow = Selectable<CustomerTable>;
export type NewCustomer = Insertable<CustomerTable>;
export type TaxRateRow = Selectable<TaxRateTable>;
