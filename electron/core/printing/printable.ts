import { z } from 'zod';
import { DecimalString } from '../../../shared/money';

/**
 * What a printer needs to know about one fiscal document, already finalised and signed.
 * The fiscal core owns the data; `from-fiscal.ts` maps its read model to this shape, and the receipt layout,
 * the A4 PDF and the tests only ever see this type. Amounts are exact decimal strings, never floats.
 */

/** SAF-T document type codes Balcão prints (fiscal-pt.md §7.1). */
export const PrintableDocType = z.enum([
  'FS',
  'FR',
  'FT',
  'NC',
  'ND',
  'RG',
  'RC',
  'GT',
  'GR',
  'PF',
  'OR',
  'CM',
]);
export type PrintableDocType = z.infer<typeof PrintableDocType>;

/** Invoices and rectifying documents (SAF-T 4.1). Everything else prints "Este documento não serve de fatura". */
export const INVOICE_TYPES: ReadonlySet<PrintableDocType> = new Set(['FS', 'FR', 'FT', 'NC', 'ND']);

/** Payment receipts are not signed: they print "Emitido por programa certificado…" (fiscal-pt.md §2.4, §4.3 note). */
export const RECEIPT_TYPES: ReadonlySet<PrintableDocType> = new Set(['RG', 'RC']);

export const PrintableLine = z.object({
  quantity: DecimalString,
  /** Unit shown after the quantity, e.g. "UN", "KG". */
  unit: z.string().max(8).default('UN'),
  description: z.string().min(1),
  /** Unit price as charged (with VAT on FS/FR at the counter; the layout prints it as given). */
  unitPrice: DecimalString,
  /** VAT rate in percent ("23", "6") or null when exempt. */
  taxRate: DecimalString.nullable(),
  /** Exemption reference printed next to the line (e.g. "M07"), linking it to the legal reason (Despacho 2.2.14). */
  exemptionCode: z.string().max(4).nullable().default(null),
  /** Line discount amount (positive), if any. */
  discount: DecimalString.nullable().default(null),
  /** Line total as it counts towards the document total. */
  amount: DecimalString,
});
export type PrintableLine = z.infer<typeof PrintableLine>;

export const PrintableTaxSummary = z.object({
  /** Rate in percent, or null for an exempt base. */
  rate: DecimalString.nullable(),
  exemptionCode: z.string().max(4).nullable().default(null),
  base: DecimalString,
  tax: DecimalString,
});

export const PrintableExemption = z.object({
  code: z.string().max(4),
  /** Legal reason as it must appear (e.g. "Isento artigo 9.º do CIVA"). */
  reason: z.string(),
});

export const PrintablePayment = z.object({
  method: z.enum(['cash', 'card', 'multibanco', 'mbway', 'transfer', 'cheque', 'other']),
  /** pt-PT label shown on paper, e.g. "Numerário", "Cartão". */
  label: z.string(),
  amount: DecimalString,
  /** Cash only: what the customer handed over, and the change given back. */
  given: DecimalString.nullable().default(null),
  change: DecimalString.nullable().default(null),
  /** Multibanco reference payment (entity 5 digits, reference 9 digits). */
  multibanco: z.object({ entity: z.string(), reference: z.string() }).nullable().default(null),
});
export type PrintablePayment = z.infer<typeof PrintablePayment>;

export const PrintableDocument = z.object({
  docType: PrintableDocType,
  /** pt-PT name of the type, e.g. "Fatura simplificada". */
  docTypeName: z.string(),
  /** Full document number, `TYPE SERIES/NUMBER`, e.g. "FS T1/12". */
  number: z.string(),
  /** Local wall-clock date and time `YYYY-MM-DDThh:mm:ss` (printed as AAAA-MM-DD hh:mm, Despacho 2.2.4). */
  issuedAt: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/),
  issuer: z.object({
    name: z.string(),
    nif: z.string(),
    /** Address lines in print order (street, postal code + city). */
    address: z.array(z.string()),
    /** Software producer, printed in the header in training mode (Despacho 1.5). */
    softwareName: z.string().optional(),
    /**
     * Gestão › Empresa's capital social and Conservatória do Registo Comercial (CSC art. 171.º), printed under
     * the NIF when filled (legal-text.ts registrationLines). Like the issuer's name and address, the company's
     * data at the time of printing (from-fiscal.ts takes them from branding.ts companyBranding).
     */
    shareCapital: DecimalString.nullable().default(null),
    registryOffice: z.string().max(100).nullable().default(null),
  }),
  customer: z.object({
    /** null, "" or "999999990" print "Consumidor final" (Despacho 2.2.5). */
    nif: z.string().nullable(),
    name: z.string().nullable().default(null),
    address: z.array(z.string()).default([]),
  }),
  lines: z.array(PrintableLine),
  /** Global discount amount on the document, if any. */
  documentDiscount: DecimalString.nullable().default(null),
  taxSummary: z.array(PrintableTaxSummary),
  exemptions: z.array(PrintableExemption).default([]),
  totals: z.object({
    /** Sum of bases (without VAT). */
    net: DecimalString,
    tax: DecimalString,
    gross: DecimalString,
    /** Withholding goes after the gross total and never changes it (Despacho 2.2.7). */
    withholding: DecimalString.nullable().default(null),
  }),
  payments: z.array(PrintablePayment).default([]),
  /** NC/ND: the invoice corrected and why; RG: the invoices paid. */
  references: z
    .array(
      z.object({
        number: z.string(),
        reason: z.string().nullable().default(null),
        /** RG: amount settled of that document. */
        amount: DecimalString.nullable().default(null),
      }),
    )
    .default([]),
  /** ATCUD value `CODE-SEQ`, printed as "ATCUD:CODE-SEQ" immediately above the QR (Portaria 195/2020 art. 4.º). */
  atcud: z.string(),
  /** The AT QR message (fiscal-pt.md §4.2), already built by the fiscal core. */
  qr: z.string().max(1000),
  /** The 4 hash characters (positions 1, 11, 21, 31); null on unsigned receipts. */
  hashChars: z.string().length(4).nullable(),
  /** AT certificate number, 4 digits. */
  certificateNumber: z.string().regex(/^\d{1,4}$/),
  /** Training-mode series: prints "Documento emitido para fins de Formação" (Despacho 1.5). */
  training: z.boolean(),
  /** Reprint of an already printed document: prints "2.ª via" (Despacho 2.2.15). */
  copy: z.boolean().default(false),
  operatorName: z.string().nullable().default(null),
  /**
   * Issue 11 (PayPay): the Multibanco reference to pay an invoice (FT) with, or `pending` while PayPay has not
   * given it yet (it then follows on a 2.ª via).
   */
  mbReference: z
    .object({
      entity: z.string().nullable(),
      reference: z.string().nullable(),
      amount: DecimalString,
      validUntil: z.string().nullable(),
      pending: z.boolean(),
    })
    .nullable()
    .default(null),
  /**
   * GT/GR (issue 13 item 7): what DL 147/2003 art. 4.º requires on a transport document besides the parties and
   * goods: load and unload places, start of transport (and expected unload), the vehicle, the AT code.
   */
  transport: z
    .object({
      loadFrom: z.array(z.string()),
      deliverTo: z.array(z.string()),
      startTime: z.string(),
      endTime: z.string().nullable(),
      vehicle: z.string().nullable(),
      atCode: z.string().nullable(),
      ownGoods: z.boolean(),
    })
    .nullable()
    .default(null),
  /** Free lines at the bottom (the document's additional information, e.g. "N.º Encomenda: …"). Never legal text. */
  footer: z.array(z.string()).default([]),
  /**
   * Issue 12 item 7: the receipt header and footer texts of Gestão › Empresa (company.receipt_header/footer),
   * one entry per line as typed. The header prints under the company block, the footer at the very end (after
   * the certification phrase), so neither sits between the legal mentions (ATCUD right above the QR).
   * The company logo is not carried here (it would copy up to 200 KB into every queued job): the renderers
   * take the company's current logo (printing/branding.ts).
   */
  companyHeader: z.array(z.string().max(300)).max(300).default([]),
  companyFooter: z.array(z.string().max(300)).max(300).default([]),
});
export type PrintableDocument = z.infer<typeof PrintableDocument>;
export type PrintableDocumentInput = z.input<typeof PrintableDocument>;

export const isConsumidorFinal = (nif: string | null): boolean => !nif || nif === '999999990';
