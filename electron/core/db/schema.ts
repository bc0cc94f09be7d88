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
  /** Added by 0100-fiscal: the shop sells retail (CIVA 40 1 a FS limit), and its own VAT region. */
  retailer: Generated<0 | 1>;
  tax_region: Generated<'PT' | 'PT-AC' | 'PT-MA'>;
  /** Added by 0680 (issue 12 item 7): legal header data, receipt texts, logo. */
  share_capital: string | null;
  registry_office: string | null;
  receipt_header: Generated<string>;
  receipt_footer: Generated<string>;
  logo_mime: 'image/png' | 'image/jpeg' | null;
  logo_base64: string | null;
}

export interface OperatorTable {
  id: Generated<number>;
  name: string;
  /** 'contabilista' since 0680. */
  role: 'caixa' | 'gerente' | 'contabilista';
  pin_hash: string;
  pin_salt: string;
  active: 0 | 1;
  failed_attempts: Generated<number>;
  locked_until: string | null;
  created_at: string;
  /** 0680: when the PIN last changed (null: since it was created). */
  pin_changed_at: Generated<string | null>;
}

/** PIN lockout counters per scope (migration 0530, issue 9 part C): see electron/core/auth/pin-guard.ts. */
export interface PinGuardTable {
  scope: string;
  failures: Generated<number>;
  level: Generated<number>;
  locked_until: string | null;
  updated_at: string;
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
  /* 0640-catalog-admin */
  /** pt-PT search/sort key of `name`, kept by a trigger (never written by the application). */
  name_key: Generated<string>;
  short_name: string | null;
  weighed: Generated<0 | 1>;
  scale_code: string | null;
  till_position: number | null;
  till_colour: string | null;
  updated_at: string | null;
  /** Added by 0660-stock: 0 = sold "sem stock" (no ledger movement). Services never move, whatever this says. */
  stock_tracked: Generated<0 | 1>;
}

export interface ArticleBarcodeTable {
  barcode: string;
  article_id: number;
  position: Generated<number>;
}

export interface ArticleFamilyTable {
  id: string;
  name: string;
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
  /* 0670-parties */
  code: string | null;
  phone: Generated<string>;
  payment_terms_days: Generated<number>;
  einvoice: Generated<0 | 1>;
  active: Generated<0 | 1>;
  /** pt-PT key of the name, kept by triggers (pt_key()). */
  name_key: Generated<string>;
  updated_at: string | null;
}

/* ---- fiscal (0100-fiscal) ---- */
export interface FiscalKeyTable {
  id: Generated<number>;
  terminal_id: string;
  mode: 'training' | 'production';
  version: number;
  public_pem: string;
  /** Private key PEM sealed by the SecretBox. */
  private_sealed: string;
  created_at: string;
  retired_at: string | null;
}

export interface FiscalSeriesTable {
  id: Generated<number>;
  terminal_id: string;
  doc_type: string;
  code: string;
  series_type: 'N' | 'F';
  validation_code: string | null;
  status: Generated<'A' | 'F'>;
  created_at: string;
  closed_at: string | null;
}

export interface FiscalDocumentTable {
  id: Generated<number>;
  series_id: number;
  doc_type: string;
  number: number;
  doc_no: string;
  atcud: string;
  doc_date: string;
  system_entry_date: string;
  training: 0 | 1;
  terminal_id: string;
  operator_id: number | null;
  customer_id: number;
  customer_nif: string;
  customer_name: string;
  customer_address: string;
  customer_postal_code: string;
  customer_city: string;
  customer_country: string;
  global_discount_pct: string;
  net_total: string;
  tax_payable: string;
  gross_total: string;
  hash: string;
  hash_control: string;
  key_id: number | null;
  origin_document_id: number | null;
  origin_reason: string | null;
  transport: string | null;
  cash_tendered: string | null;
}

export interface FiscalLineTable {
  id: Generated<number>;
  document_id: number;
  line_no: number;
  article_id: number | null;
  product_code: string;
  product_type: string;
  description: string;
  quantity: string;
  unit: string;
  unit_price_gross: string;
  unit_price_net: string;
  discount_pct: string;
  gross_before_discount: string;
  gross: string;
  net: string;
  tax: string;
  discount_net: string;
  tax_type: string;
  tax_region: string;
  tax_code: string;
  tax_pct: string;
  exemption_code: string | null;
  exemption_reason: string | null;
  origin_line_id: number | null;
  origin_document_id: number | null;
}

export interface FiscalTaxTable {
  document_id: number;
  seq: number;
  tax_type: string;
  region: string;
  code: string;
  pct: string;
  exemption_code: string | null;
  exemption_reason: string | null;
  base: string;
  tax: string;
  gross: string;
}

export interface FiscalPaymentTable {
  document_id: number;
  seq: number;
  method: string;
  mechanism: string;
  amount: string;
  pay_date: string;
}

export interface FiscalInfoTable {
  document_id: number;
  seq: number;
  name: string;
  value: string;
}

export interface FiscalStatusTable {
  id: Generated<number>;
  document_id: number;
  status: 'A';
  at: string;
  operator_id: number | null;
  reason: string;
}

// --- printing (migration 0300) ---
export interface PrinterTable {
  id: string;
  name: string;
  uri: string;
  /** JSON PrinterProfile input (paper, code page, QR mode, cutter, drawer, logo). */
  profile: string;
  is_default: 0 | 1;
  created_at: string;
  updated_at: string;
}

export interface PrintJobTable {
  id: Generated<number>;
  printer_id: string;
  kind: 'document' | 'drawer' | 'report';
  document_id: number | null;
  doc_no: string | null;
  copy: 0 | 1;
  open_drawer: 0 | 1;
  /** JSON PrintableDocument snapshot (document jobs), PrintableShiftReport (report jobs) or {} (drawer jobs). */
  payload: string;
  state: 'pending' | 'printing' | 'done' | 'cancelled';
  attempts: number;
  last_error: string | null;
  next_attempt_at: string;
  operator_id: number | null;
  created_at: string;
  updated_at: string;
  printed_at: string | null;
}

export interface DrawerEventTable {
  id: Generated<number>;
  at: string;
  operator_id: number | null;
  reason: string;
  printer_id: string;
  job_id: number | null;
  document_id: number | null;
}

// ---- cash (migration 0200) ----
export type CashJournalKind =
  | 'sale'
  | 'payout'
  | 'float'
  | 'deposit'
  | 'replenish'
  | 'collect'
  | 'cashout'
  | 'baseline'
  | 'adjustment'
  | 'manual';
export type CashJournalStatus = 'pending' | 'done' | 'failed' | 'reconciled';

export interface CashJournalTable {
  id: Generated<number>;
  seq_no: string;
  kind: CashJournalKind;
  status: CashJournalStatus;
  device: string;
  requested_cents: Generated<number>;
  in_cents: Generated<number>;
  out_cents: Generated<number>;
  /** JSON: [{ fv, devid, piece }] (cents, 1 notes / 2 coins). */
  cash_in: Generated<string>;
  cash_out: Generated<string>;
  result_code: number | null;
  outcome: string | null;
  reference: string | null;
  note: string | null;
  operator_id: number | null;
  needs_ack: Generated<0 | 1>;
  acked_at: string | null;
  acked_by: number | null;
  created_at: string;
  finished_at: string | null;
}

/* ---- sales (0400-sales) ---- */
export interface ShiftTable {
  id: Generated<number>;
  terminal_id: string;
  operator_id: number;
  status: 'open' | 'closed';
  opened_at: string;
  opening_float: string;
  machine_float: Generated<string>;
  float_deposit_pending: Generated<0 | 1>;
  machine_at_open: string | null;
  closed_at: string | null;
  closed_by: number | null;
  counted_cash: string | null;
  z_number: number | null;
  /** The Z report (JSON, ShiftReport) saved at close. */
  z_report: string | null;
}

export interface ShiftCashMovementTable {
  id: Generated<number>;
  shift_id: number;
  kind: 'float' | 'payin' | 'payout' | 'refund' | 'drawer-open';
  amount: string;
  via: 'manual' | 'machine';
  reason: string;
  operator_id: number;
  approved_by: number | null;
  at: string;
}

export interface SaleTable {
  id: Generated<number>;
  terminal_id: string;
  shift_id: number | null;
  operator_id: number;
  status: 'open' | 'suspended' | 'paying' | 'paid' | 'completed' | 'abandoned';
  label: string | null;
  /** JSON SaleCustomer, or null for Consumidor final. */
  customer: string | null;
  global_discount_pct: Generated<string>;
  requested_type: 'FS' | 'FR' | 'FT' | null;
  /** The document type fixed when the first payment started. */
  issue_type: 'FS' | 'FR' | 'FT' | null;
  document_id: number | null;
  issue_error: string | null;
  /** Migration 0710: the customer's order number ("N.º Encomenda"), printed and sent as OrderReference. */
  order_reference: string | null;
  created_at: string;
  updated_at: string;
}

export interface SaleLineTable {
  id: Generated<number>;
  sale_id: number;
  article_id: number | null;
  product_code: string;
  description: string;
  barcode: string | null;
  quantity: string;
  unit: 'UN' | 'KG' | 'L' | 'M';
  unit_price: string;
  catalog_price: string | null;
  price_overridden: Generated<0 | 1>;
  discount_pct: Generated<string>;
  tax_code: 'NOR' | 'INT' | 'RED' | 'ISE';
  exemption_code: string | null;
  note: string | null;
  voided: Generated<0 | 1>;
  approved_by: number | null;
  created_at: string;
}

export interface SalePaymentTable {
  id: Generated<number>;
  sale_id: number;
  method: string;
  mechanism: string;
  /** 'unknown': outcome not known yet (crash mid CI-5 payment), settled later from the machine — never 'failed'. */
  status: 'pending' | 'awaiting-confirmation' | 'unknown' | 'settled' | 'failed' | 'cancelled' | 'refunded';
  requested: string;
  amount: Generated<string>;
  tendered: string | null;
  change_given: string | null;
  provider_ref: string | null;
  message: string | null;
  operator_id: number;
  started_at: string;
  finished_at: string | null;
}

export interface SaleReturnTable {
  id: Generated<number>;
  shift_id: number | null;
  origin_document_id: number;
  document_id: number | null;
  method: string;
  amount: string;
  status: 'pending' | 'settled' | 'failed';
  message: string | null;
  operator_id: number;
  approved_by: number | null;
  at: string;
}

/* ---- fiscal seal (0500-fiscal-seal) ---- */
export interface FiscalSealTable {
  document_id: number;
  series_id: number;
  number: number;
  /** HMAC-SHA256 (hex) chained per series: electron/core/fiscal/seal-canonical.ts. */
  mac: string;
  /** "lines,taxes,payments,info" counts at sealing (diagnosis). */
  shape: string;
  /** 16-bit per-field tags (diagnosis only). */
  tags: Buffer;
}

export interface FiscalStatusSealTable {
  status_id: number;
  document_id: number;
  mac: string;
  tags: Buffer;
}

export interface FiscalSealBackfillTable {
  id: number;
  max_document_id: number;
  max_status_id: number;
}

/** Issue 10: the durable job runner (electron/core/jobs), migration 0600. */
export type JobState = 'queued' | 'running' | 'succeeded' | 'failed' | 'dead' | 'cancelled';
export type JobAttemptOutcome = 'running' | 'succeeded' | 'retry' | 'permanent' | 'unknown';

export interface JobTable {
  id: string;
  kind: string;
  partner: string;
  /** JSON, checked with the kind's zod schema when the job runs. */
  payload: string;
  state: JobState;
  attempts: Generated<number>;
  next_attempt_at: string;
  last_error: string | null;
  last_outcome: JobAttemptOutcome | null;
  idempotency_key: string;
  lease_owner: string | null;
  lease_until: string | null;
  /** JSON returned by the handler on success (e.g. the partner's remote id). */
  result: string | null;
  created_at: string;
  updated_at: string;
}

export interface JobAttemptTable {
  id: Generated<number>;
  job_id: string;
  partner: string;
  attempt: number;
  outcome: JobAttemptOutcome;
  request_summary: string | null;
  http_status: number | null;
  error_code: string | null;
  error_message: string | null;
  duration_ms: number | null;
  started_at: string;
  finished_at: string | null;
}

export interface JobPartnerTable {
  partner: string;
  paused_until: string | null;
  last_outcome: JobAttemptOutcome | null;
  last_error: string | null;
  last_network_error: Generated<0 | 1>;
  last_attempt_at: string | null;
  last_success_at: string | null;
  updated_at: string;
}

/** Issue 10 (iLink receiving) / issue 13: suppliers and purchase documents, migration 0620. */
export interface SupplierTable {
  id: string;
  /** ISO country of the VAT id (its prefix), e.g. 'PT'. */
  vat_country: string;
  /** The VAT id without its country prefix, e.g. '589309340'. */
  vat_id: string;
  name: string;
  address: string;
  postal_code: string;
  city: string;
  country: string;
  email: string | null;
  created_at: string;
  /* 0670-parties */
  phone: Generated<string>;
  payment_terms_days: Generated<number>;
  active: Generated<0 | 1>;
  name_key: Generated<string>;
  updated_at: string | null;
}

export type PurchaseState = 'registado' | 'aceite' | 'recusado';

export interface PurchaseTable {
  id: string;
  supplier_id: string;
  doc_kind: 'invoice' | 'credit-note';
  /** The supplier's type code as sent (FT, FR, 380, NC, 381…). */
  type_code: string;
  /** The supplier's own number (cbc:ID). */
  number: string;
  issue_date: string;
  due_date: string | null;
  currency: string;
  customization_id: string | null;
  order_reference: string | null;
  billing_reference: string | null;
  line_total: string;
  allowance_total: string;
  charge_total: string;
  net_total: string;
  vat_total: string;
  gross_total: string;
  prepaid_total: string;
  rounding_total: string;
  payable_total: string;
  source: 'ilink' | 'manual';
  ilink_id: string | null;
  received_at: string;
  state: PurchaseState;
  state_reason: string | null;
  decided_at: string | null;
  decided_by: number | null;
  /** The original XML, verbatim. */
  xml: string | null;
  created_at: string;
  /* 0750-purchases-stock: where and when its goods entered stock (set once, by the confirmation). */
  warehouse_id: number | null;
  confirmed_at: string | null;
  confirmed_by: number | null;
}

export interface PurchaseLineTable {
  purchase_id: string;
  line_no: number;
  /** The supplier's line id (cbc:ID). */
  line_ref: string;
  name: string;
  description: string | null;
  seller_item_id: string | null;
  buyer_item_id: string | null;
  /** Standard item id (GTIN/EAN barcode when schemeID 0160). */
  standard_item_id: string | null;
  standard_item_scheme: string | null;
  quantity: string;
  unit_code: string | null;
  unit_price: string;
  base_quantity: string | null;
  discount_amount: string;
  charge_amount: string;
  vat_category: string;
  vat_rate: string | null;
  exemption_code: string | null;
  exemption_reason: string | null;
  line_net: string;
  /* 0750-purchases-stock */
  article_id: number | null;
  match_by: PurchaseMatchBy | null;
  /** Discount % typed on a manual purchase line (iLink lines carry amounts). */
  discount_pct: string | null;
}

/** How a purchase line got its article (0750). */
export type PurchaseMatchBy = 'supplier-ref' | 'barcode' | 'code' | 'operator' | 'created' | 'manual';

/** The remembered "supplier's reference → our article" (0750). */
export interface SupplierArticleRefTable {
  supplier_id: string;
  supplier_ref: string;
  article_id: number;
  updated_at: string;
}

/** Goods sent back to the supplier against a confirmed purchase (0750). */
export interface PurchaseReturnTable {
  id: string;
  purchase_id: string;
  reason: string;
  operator_id: number | null;
  created_at: string;
}

export interface PurchaseReturnLineTable {
  return_id: string;
  line_no: number;
  quantity: string;
}

export interface PurchaseTaxTable {
  purchase_id: string;
  seq: number;
  /** 'VAT', or another tax (stamp duty 'BOL'…) when the supplier says so. */
  tax_scheme: string | null;
  category: string | null;
  rate: string | null;
  exemption_code: string | null;
  exemption_reason: string | null;
  taxable_amount: string;
  tax_amount: string;
}

/** Issue 10 (iLink wire): each sales document sent to iLink, its iLink id and state (migration 0610). */
export interface IlinkDocumentTable {
  document_id: number;
  doc_no: string;
  doc_type: string;
  doc_date: string;
  customer_nif: string;
  customer_name: string;
  job_id: string | null;
  ilink_id: string | null;
  state: 'manual' | 'queued' | 'tosend' | 'sent' | 'accepted' | 'rejected' | 'failed';
  edi_state: string | null;
  reason: string | null;
  error_code: string | null;
  error_message: string | null;
  sent_at: string | null;
  resends: Generated<number>;
  updated_at: string;
}

/** Issue 14: end-of-day reconciliation records (electron/core/reports/eod), migration 0650; immutable rows. */
export interface EodRecordTable {
  id: string;
  terminal_id: string;
  day: string;
  version: number;
  light: 'certo' | 'explicadas' | 'por-explicar';
  verdict: string;
  trigger: string;
  /** JSON EodRecord (shared/api/eod.ts). */
  record: string;
  created_at: string;
}

/** Issue 11: PayPay payments (Multibanco references on invoices…), migration 0630. */
export interface PaypayPaymentTable {
  id: Generated<number>;
  kind: 'mb_reference' | 'mbway' | 'terminal';
  document_id: number | null;
  doc_no: string | null;
  /** Exact decimal string (euros), as on the document. */
  amount: string;
  /** The same amount in integer cents, as on PayPay's wire. */
  amount_cents: number;
  mb_type: 'NORMAL' | 'REALTIME' | null;
  state: 'creating' | 'pending' | 'paid' | 'expired' | 'cancelled' | 'failed' | 'mismatch';
  /** Balcão's own code for the payment (sent as `code`, and the idempotency key of its creation). */
  code: string;
  remote_id: string | null;
  entity: string | null;
  reference: string | null;
  valid_from: string | null;
  valid_until: string | null;
  paid_cents: number | null;
  paid_at: string | null;
  fee: string | null;
  receipt_document_id: number | null;
  /** pt-PT: why a manager must look (wrong amount, invoice already settled…). */
  flag: string | null;
  note: string | null;
  create_job_id: string | null;
  check_job_id: string | null;
  checks: Generated<number>;
  last_checked_at: string | null;
  created_at: string;
  updated_at: string;
}

/** 0720 (issue 11 item 4): a refund or reversal sent to the PayPay Cloud terminal for a terminal payment. */
export interface PaypayTerminalOpTable {
  id: Generated<number>;
  payment_row_id: number;
  op: 'refund' | 'reversal';
  /** Exact decimal string (euros) and the same in integer cents (PayPay's wire). */
  amount: string;
  amount_cents: number;
  state: 'creating' | 'pending' | 'done' | 'declined' | 'failed';
  /** Idempotency key of its job. */
  code: string;
  remote_id: string | null;
  return_id: number | null;
  job_id: string | null;
  message: string | null;
  operator_id: number | null;
  created_at: string;
  updated_at: string;
}

/* ---- stock (0660-stock, issue 13: electron/core/stock) ---- */
export interface WarehouseTable {
  id: Generated<number>;
  code: string;
  name: string;
  active: Generated<0 | 1>;
  created_at: string;
}

export type StockCause =
  | 'sale'
  | 'return'
  | 'purchase'
  | 'purchase-return'
  | 'transfer-out'
  | 'transfer-in'
  | 'adjustment'
  | 'breakage';

/** Append-only (triggers refuse update/delete). Quantities and costs are exact decimal strings. */
export interface StockMovementTable {
  id: string;
  seq: number;
  article_id: number;
  warehouse_id: number;
  quantity: string;
  unit_cost: string | null;
  cause: StockCause;
  document_id: number | null;
  document_line_id: number | null;
  reference: string | null;
  reverses_id: string | null;
  balance_after: string;
  operator_id: number | null;
  note: string | null;
  at: string;
}

export interface StockBalanceTable {
  article_id: number;
  warehouse_id: number;
  quantity: string;
  avg_cost: string | null;
  last_cost: string | null;
  last_seq: number;
  updated_at: string;
  /** Added by 0760-reorder: quantity × avg_cost to the cent (0 without a cost), written with the balance. */
  value_cents: Generated<number>;
}

/** 0760-reorder: minimum and reorder quantity of an article in a warehouse (exact decimal strings). */
export interface StockReorderTable {
  article_id: number;
  warehouse_id: number;
  minimum: string;
  reorder_qty: string | null;
  updated_at: string;
}

export interface StockCountTable {
  id: string;
  warehouse_id: number;
  family: string | null;
  status: 'open' | 'confirmed' | 'cancelled';
  start_seq: number;
  started_at: string;
  started_by: number | null;
  closed_at: string | null;
  closed_by: number | null;
}

export interface StockCountLineTable {
  count_id: string;
  article_id: number;
  expected: string;
  counted: string | null;
  counted_seq: number | null;
  counted_at: string | null;
}

/** Issue 13 item 7: the AT communication code of a GT/GR (0690-guides), append-only, latest row wins. */
export interface MovementAtCodeTable {
  id: Generated<number>;
  document_id: number;
  code: string;
  entered_at: string;
  operator_id: number | null;
}

export interface Database {
  setting: SettingTable;
  company: CompanyTable;
  operator: OperatorTable;
  operator_session: OperatorSessionTable;
  pin_guard: PinGuardTable;
  audit_log: AuditLogTable;
  tax_rate: TaxRateTable;
  article: ArticleTable;
  article_barcode: ArticleBarcodeTable;
  article_family: ArticleFamilyTable;
  customer: CustomerTable;
  fiscal_key: FiscalKeyTable;
  fiscal_series: FiscalSeriesTable;
  fiscal_document: FiscalDocumentTable;
  fiscal_line: FiscalLineTable;
  fiscal_tax: FiscalTaxTable;
  fiscal_payment: FiscalPaymentTable;
  fiscal_info: FiscalInfoTable;
  fiscal_status: FiscalStatusTable;
  fiscal_seal: FiscalSealTable;
  fiscal_status_seal: FiscalStatusSealTable;
  fiscal_seal_backfill: FiscalSealBackfillTable;
  cash_journal: CashJournalTable;
  printer: PrinterTable;
  print_job: PrintJobTable;
  drawer_event: DrawerEventTable;
  shift: ShiftTable;
  shift_cash_movement: ShiftCashMovementTable;
  sale: SaleTable;
  sale_line: SaleLineTable;
  sale_payment: SalePaymentTable;
  sale_return: SaleReturnTable;
  job: JobTable;
  job_attempt: JobAttemptTable;
  job_partner: JobPartnerTable;
  supplier: SupplierTable;
  purchase: PurchaseTable;
  purchase_line: PurchaseLineTable;
  purchase_tax: PurchaseTaxTable;
  supplier_article_ref: SupplierArticleRefTable;
  purchase_return: PurchaseReturnTable;
  purchase_return_line: PurchaseReturnLineTable;
  ilink_document: IlinkDocumentTable;
  eod_record: EodRecordTable;
  paypay_payment: PaypayPaymentTable;
  paypay_terminal_op: PaypayTerminalOpTable;
  warehouse: WarehouseTable;
  stock_movement: StockMovementTable;
  stock_balance: StockBalanceTable;
  stock_reorder: StockReorderTable;
  stock_count: StockCountTable;
  stock_count_line: StockCountLineTable;
  movement_at_code: MovementAtCodeTable;
}

export type Operator = Selectable<OperatorTable>;
export type NewOperator = Insertable<OperatorTable>;
export type ArticleRow = Selectable<ArticleTable>;
export type NewArticle = Insertable<ArticleTable>;
export type ArticleUpdate = Updateable<ArticleTable>;
export type CustomerRow = Selectable<CustomerTable>;
export type NewCustomer = Insertable<CustomerTable>;
export type TaxRateRow = Selectable<TaxRateTable>;
