import { z } from 'zod';
import type { FiscalDocumentView } from '../../../../../shared/api/fiscal';

/** The CIUS-PT version named in CustomizationID (eSPap's public rules are 2.1.1; iLink validates with 2.1.2). */
export const DEFAULT_CIUS_PT_VERSION = '2.1.1';

const Address = z
  .object({
    address: z.string().min(1).max(400),
    city: z.string().min(1).max(200),
    postalCode: z.string().min(1).max(200),
    country: z
      .string()
      .regex(/^[A-Z]{2}$/)
      .default('PT'),
  })
  .strict();

/**
 * What the writer needs besides the document view. Everything is optional: the view alone gives a valid
 * document. Validated with zod because part of it comes from outside the fiscal read model (PayPay, settings).
 */
export const CiusPtOptions = z
  .object({
    /** DT-CIUS-PT-022 allows 1–10 characters. */
    customizationVersion: z
      .string()
      .regex(/^[0-9A-Za-z.]{1,10}$/)
      .default(DEFAULT_CIUS_PT_VERSION),
    /** The A4 PDF (electron/core/printing/pdf/a4.ts), embedded as INVOICE_/CREDITNOTE_REPRESENTATION. */
    pdf: z.custom<Uint8Array>((v) => v instanceof Uint8Array, 'PDF inválido').optional(),
    /** Multibanco payment reference (PayPay): entity 5 digits, reference 9 digits as the ATM shows them. */
    multibanco: z
      .object({
        entity: z.string().regex(/^\d{1,20}$/),
        reference: z.string().regex(/^\d{1,20}$/),
        description: z.string().min(1).max(120).optional(),
      })
      .strict()
      .optional(),
    /** NC/ND: issue date of the corrected document (BillingReference/IssueDate). */
    originIssueDate: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/)
      .optional(),
    /** Deliver-to address (BG-15); default: transport destination, else the buyer's, else the shop's. */
    deliverTo: Address.optional(),
    /** Invoice due date (BT-9); default: the issue date (payment on the spot). */
    dueDate: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/)
      .optional(),
    /**
     * MIME type of the QR_CODE attachment. iLink documents `text/plain`, which eSPap's rules accept but the
     * CEN code list (BR-CL-24) does not; `text/csv` carries the same text and passes both, so it is the
     * default. ASSUMPTION: iLink reads the QR text by DocumentDescription/file name, not by MIME type.
     */
    qrMimeCode: z.enum(['text/csv', 'text/plain']).default('text/csv'),
    /** Seller contact (BG-6), when the shop has one. */
    sellerContact: z
      .object({
        telephone: z.string().min(1).max(200).optional(),
        email: z.string().min(1).max(200).optional(),
      })
      .strict()
      .optional(),
  })
  .strict();
export type CiusPtOptions = z.input<typeof CiusPtOptions>;
export type ParsedCiusPtOptions = z.output<typeof CiusPtOptions>;

export interface CiusPtInput {
  /** A signed document as the fiscal read model gives it (createReadModel(db).get). */
  doc: FiscalDocumentView;
  options?: CiusPtOptions;
}

export interface PostalAddress {
  street: string;
  city: string;
  postalCode: string;
  country: string;
}
