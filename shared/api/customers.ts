import { z } from 'zod';
import { checkTaxId, isGenericTaxId } from '../fiscal/tax-id';
import { DecimalString } from '../money';
import { Id, IsoDate } from './common';
import { channel } from './define';
import { ImportReport } from './catalog-admin';

/**
 * Gestão › Clientes (issue 12 items 2–3, issue 15 item 4): ONE customers domain (electron/core/parties/customers)
 * used by the back office, the till and the fiscal core. `CustomerInput` validates the form as the manager types
 * and the core again on every call (a call that bypasses the screen gets the same refusal). Messages are pt-PT
 * and carry the field in their path.
 *
 * Frozen fields: once a customer is on a fiscal document, its identity (`FROZEN_FIELDS`, what the document
 * snapshots and what SAF-T MasterFiles/Customer exports) cannot change; contact fields always can.
 */

const NO_CONTROL = /^[^\p{Cc}]*$/u;
const text = (label: string, min: number, max: number) =>
  z
    .string()
    .transform((v) => v.trim().replace(/\s+/g, ' '))
    .pipe(
      z
        .string()
        .min(min, min === 1 ? `${label}: obrigatório.` : `${label}: pelo menos ${min} caracteres.`)
        .max(max, `${label}: no máximo ${max} caracteres.`)
        .regex(NO_CONTROL, `${label}: caracteres de controlo não são permitidos.`),
    );

/** PT post code: NNNN-NNN (CTT). */
export const PT_POSTAL_CODE = /^\d{4}-\d{3}$/;

/** A customer's own code (CSV key, shown in lists). Empty on creation = generated `<terminal>-<ULID>`. */
export const CustomerCode = text('Código', 0, 30).pipe(
  z.string().regex(/^[^\s;,"]*$/, 'Código: sem espaços, ";", "," nem aspas.'),
);

/** The form's fields, before the cross-field rules (the suppliers' form reuses them). */
export const CustomerFields = z
  .object({
    code: CustomerCode.default(''),
    /** PT NIF (9 digits, check digit) or an EU VAT id with its prefix; empty = no NIF (Consumidor final). */
    nif: z.string().max(30, 'NIF: no máximo 30 caracteres.').default(''),
    /** SAF-T CompanyName ≤ 100. */
    name: text('Nome', 1, 100),
    address: text('Morada', 0, 210).default(''),
    postalCode: text('Código postal', 0, 20).default(''),
    city: text('Localidade', 0, 50).default(''),
    /** ISO 3166-1 alpha-2 (SAF-T Country). */
    country: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[A-Z]{2}$/, 'País: código de duas letras (PT, ES, FR…).')
      .default('PT'),
    email: text('E-mail', 0, 254)
      .pipe(z.string().regex(/^$|^[^\s@]+@[^\s@]+\.[^\s@]+$/, 'E-mail: endereço inválido.'))
      .default(''),
    phone: text('Telefone', 0, 20)
      .pipe(z.string().regex(/^[0-9+() ]*$/, 'Telefone: só algarismos, espaços, "+" e parênteses.'))
      .default(''),
    /** Payment terms in days (0 = pronto pagamento). */
    paymentTermsDays: z
      .number()
      .int('Prazo de pagamento: número inteiro de dias.')
      .min(0, 'Prazo de pagamento: de 0 a 365 dias.')
      .max(365, 'Prazo de pagamento: de 0 a 365 dias.')
      .default(0),
    /** Send this customer's invoices through iLink (e-invoicing). */
    einvoice: z.boolean().default(false),
    active: z.boolean().default(true),
  })
  .strict();

export const CustomerInput = CustomerFields.superRefine((c, ctx) => {
  const issue = (path: string, message: string): void => {
    ctx.addIssue({ code: 'custom', path: [path], message });
  };
  if (!isGenericTaxId(c.nif)) {
    // shared/fiscal/tax-id.ts: the rule of the till's form and of the fiscal core.
    const chk = checkTaxId(c.nif, c.country === 'PT' ? undefined : c.country);
    if (!chk.ok) issue('nif', `NIF: ${chk.message}`);
    else if (chk.country !== c.country) {
      issue('country', `País: o NIF ${chk.taxId} é de ${chk.country}; escolha esse país.`);
    }
  }
  if (c.country === 'PT' && c.postalCode !== '' && !PT_POSTAL_CODE.test(c.postalCode)) {
    issue('postalCode', 'Código postal: em Portugal é NNNN-NNN (por exemplo 1100-148).');
  }
});
export type CustomerInput = z.input<typeof CustomerInput>;
export type ParsedCustomerInput = z.output<typeof CustomerInput>;

/** The identity a fiscal document snapshots (and SAF-T exports): locked once the customer is on a document. */
export const FROZEN_FIELDS = ['nif', 'name', 'address', 'postalCode', 'city', 'country'] as const;
export type FrozenField = (typeof FROZEN_FIELDS)[number];

export const Customer = z.object({
  id: Id,
  code: z.string(),
  /** The stored tax id: 9 digits, prefix + number for EU ids, `999999990` for a customer without NIF. */
  nif: z.string(),
  name: z.string(),
  address: z.string(),
  postalCode: z.string(),
  city: z.string(),
  country: z.string(),
  email: z.string(),
  phone: z.string(),
  paymentTermsDays: z.number().int(),
  einvoice: z.boolean(),
  active: z.boolean(),
  /** On at least one fiscal document: FROZEN_FIELDS can no longer change. */
  frozen: z.boolean(),
});
export type Customer = z.infer<typeof Customer>;

export const CustomerDetail = z.object({
  customer: Customer,
  /** Fiscal documents that name this customer. */
  documents: z.number().int(),
});
export type CustomerDetail = z.infer<typeof CustomerDetail>;

/** One line of the conta corrente (a fiscal document of the customer; cancelled ones shown, not counted). */
export const AccountEntry = z.object({
  documentId: Id,
  docNo: z.string(),
  type: z.enum(['FT', 'FS', 'FR', 'NC', 'ND', 'GT', 'GR', 'RG']),
  date: IsoDate,
  status: z.enum(['N', 'A']),
  /** What the customer owes from it (FT, ND, FR, FS) and what settles it (NC, RG, FR/FS paid at once). */
  debit: DecimalString,
  credit: DecimalString,
  /** FT/ND: what is still to pay; null for the other types. */
  outstanding: DecimalString.nullable(),
  /** FT/ND: date + the customer's payment terms (ASSUMPTION: the document does not store its own). */
  dueDate: IsoDate.nullable(),
});
export type AccountEntry = z.infer<typeof AccountEntry>;

export const CustomerAccount = z.object({
  customer: Customer,
  entries: z.array(AccountEntry),
  /** FT/ND not cancelled with something left to pay, oldest first. */
  openInvoices: z.array(AccountEntry),
  receipts: z.array(AccountEntry),
  /** Σ debit − Σ credit of documents not cancelled (positive: the customer owes). */
  balance: DecimalString,
});
export type CustomerAccount = z.infer<typeof CustomerAccount>;

/** 20 MB of text. */
const MAX_CSV = 20_000_000;

export const customersContract = {
  'customers/search': channel({
    input: z
      .object({
        /** Name (accent- and case-insensitive, every word), NIF (start of it) or code; empty = all. */
        query: z.string().max(100).default(''),
        limit: z.number().int().min(1).max(500).default(50),
        includeInactive: z.boolean().default(false),
      })
      .strict(),
    output: z.array(Customer),
    access: 'session',
    summary: 'Procura clientes por nome, NIF ou código (ordem portuguesa)',
  }),
  'customers/get': channel({
    input: z.object({ id: Id }).strict(),
    output: CustomerDetail,
    access: 'session',
    summary: 'Ficha de um cliente',
  }),
  'customers/save': channel({
    input: z.object({ id: Id.optional(), customer: CustomerInput }).strict(),
    output: CustomerDetail,
    access: 'manager',
    summary: 'Cria ou altera um cliente (a identidade de um cliente com documentos não muda)',
  }),
  'customers/account': channel({
    input: z.object({ id: Id }).strict(),
    output: CustomerAccount,
    access: 'reader',
    summary: 'Conta corrente de um cliente: faturas por liquidar, recibos, saldo',
  }),
  'customers/import-csv': channel({
    input: z
      .object({
        csv: z.string().max(MAX_CSV, 'Ficheiro demasiado grande (máximo 20 MB).'),
        skipInvalid: z.boolean().default(false),
        dryRun: z.boolean().default(false),
      })
      .strict(),
    output: ImportReport,
    access: 'manager',
    summary: 'Importa clientes de CSV (tudo ou nada; atualiza pelo NIF ou pelo código)',
  }),
  'customers/export-csv': channel({
    input: z.object({}).strict(),
    output: z.object({ csv: z.string(), rows: z.number().int() }),
    access: 'reader',
    summary: 'Exporta os clientes em CSV (UTF-8, ";")',
  }),
};
