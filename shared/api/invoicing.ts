import { z } from 'zod';
import { channel, type Access } from './define';
import { Id, IsoDate } from './common';
import { Money, Percent, PositiveMoney, Quantity, UnitPrice } from './amounts';
import { DocType, DocumentSummary, LineTaxCode, ExemptionCode } from './fiscal';
import { CustomerHit } from './sales';
import { checkTaxId, isGenericTaxId } from '../fiscal/tax-id';
import { OrderReference } from './order-reference';

export { ORDER_REFERENCE_NAME, OrderReference } from './order-reference';

/**
 * Issue 12 items 4, 5, 8 (back-office invoicing, Documentos search, SAF-T from the screen) and the order
 * reference of issue 10. The same schemas validate the forms as the user types and the core's input.
 */

export const DUE_DATE_NAME = 'Data de vencimento';
export const PAYMENT_TERMS_NAME = 'Condições de pagamento';
export const NOTES_NAME = 'Observações';

/** The due date a back-office FT carries ("Data de vencimento: DD/MM/AAAA"), as ISO, or undefined. */
export function dueDateFromInfo(info: ReadonlyArray<{ name: string; value: string }>): string | undefined {
  const m = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(info.find((e) => e.name === DUE_DATE_NAME)?.value ?? '');
  return m ? `${m[3]}-${m[2]}-${m[1]}` : undefined;
}

export const InvoiceCustomer = z
  .object({
    id: Id.optional(),
    nif: z.string().trim().max(30),
    name: z.string().trim().min(2, 'Indique o nome do cliente').max(100),
    address: z.string().trim().max(210).optional(),
    postalCode: z.string().trim().max(20).optional(),
    city: z.string().trim().max(50).optional(),
    country: z.string().trim().max(12).optional(),
  })
  .strict()
  .superRefine((c, ctx) => {
    if (isGenericTaxId(c.nif)) {
      ctx.addIssue({
        code: 'custom',
        path: ['nif'],
        message: 'Uma fatura emitida na Gestão é para um cliente identificado: indique o NIF.',
      });
      return;
    }
    const chk = checkTaxId(c.nif, c.country);
    if (!chk.ok) ctx.addIssue({ code: 'custom', path: ['nif'], message: chk.message });
  });
export type InvoiceCustomer = z.input<typeof InvoiceCustomer>;

/** A line from the catalogue (articleId) or free text (description + price + VAT). */
export const InvoiceLine = z
  .object({
    articleId: Id.optional(),
    description: z.string().trim().min(1).max(200).optional(),
    quantity: Quantity,
    /** With VAT; for a catalogue line, omitted = the catalogue price. */
    unitPrice: UnitPrice.optional(),
    discountPct: Percent.default('0'),
    taxCode: LineTaxCode.optional(),
    exemptionCode: ExemptionCode.optional(),
    /** Issue 13 item 7: the GT/GR line this line invoices (same article and quantity; it moves no stock). */
    guideLineId: Id.optional(),
  })
  .strict()
  .superRefine((l, ctx) => {
    if (l.articleId !== undefined) return;
    if (!l.description)
      ctx.addIssue({ code: 'custom', path: ['description'], message: 'Escreva a descrição da linha.' });
    if (l.unitPrice === undefined)
      ctx.addIssue({ code: 'custom', path: ['unitPrice'], message: 'Indique o preço com IVA.' });
    if (!l.taxCode) ctx.addIssue({ code: 'custom', path: ['taxCode'], message: 'Escolha a taxa de IVA.' });
  });
export type InvoiceLine = z.input<typeof InvoiceLine>;

export const InvoiceDraft = z
  .object({
    customer: InvoiceCustomer,
    lines: z.array(InvoiceLine).min(1, 'A fatura precisa de pelo menos uma linha').max(500),
    /** Must not be before the document date (the core checks it against its clock). */
    dueDate: IsoDate,
    paymentTerms: z.string().trim().max(100).default(''),
    orderReference: OrderReference.default(''),
    notes: z.string().trim().max(200).default(''),
    globalDiscountPct: Percent.default('0'),
    confirmClockBehind: z.boolean().default(false),
  })
  .strict();
export type InvoiceDraft = z.input<typeof InvoiceDraft>;

/** Normal / anulado (cancelled) / liquidado (FT, ND fully settled) / por liquidar (FT, ND with an amount due). */
export const DocumentState = z.enum(['normal', 'anulado', 'liquidado', 'por-liquidar']);
export type DocumentState = z.infer<typeof DocumentState>;

export const DocumentSearch = z
  .object({
    /** Part of the number: "12", "T1F/12", "FT T1F/12". */
    number: z.string().trim().max(60).optional(),
    type: DocType.optional(),
    /** Series code, e.g. "T1F". */
    series: z.string().trim().max(40).optional(),
    /** Name (part, case-insensitive) or NIF (digits, with or without the country prefix). */
    customer: z.string().trim().max(100).optional(),
    from: IsoDate.optional(),
    to: IsoDate.optional(),
    amountMin: Money.optional(),
    amountMax: Money.optional(),
    state: DocumentState.optional(),
    limit: z.number().int().min(1).max(200).default(50),
    beforeId: Id.optional(),
  })
  .strict();
export type DocumentSearch = z.input<typeof DocumentSearch>;

export const DocumentHit = DocumentSummary.extend({
  series: z.string(),
  state: DocumentState,
  /** FT/ND: still due; null for the other types. */
  outstanding: z.string().nullable(),
});
export type DocumentHit = z.infer<typeof DocumentHit>;

export const OpenInvoice = z.object({
  id: Id,
  docNo: z.string(),
  type: DocType,
  date: IsoDate,
  gross: z.string(),
  outstanding: z.string(),
  dueDate: z.string().nullable(),
});
export type OpenInvoice = z.infer<typeof OpenInvoice>;

export const SaftPeriodInput = z
  .object({ from: IsoDate, to: IsoDate })
  .strict()
  .refine((p) => p.from <= p.to, { message: 'O início do período é posterior ao fim.', path: ['to'] });

export const SaftExportView = z.object({
  id: z.string(),
  from: IsoDate,
  to: IsoDate,
  state: z.enum(['running', 'done', 'failed']),
  /** Documents written so far, of `total` (0/0 until the totals are known). */
  done: z.number().int(),
  total: z.number().int(),
  warnings: z.array(z.string()),
  fileName: z.string(),
  bytes: z.number().int().nullable(),
  error: z.string().nullable(),
});
export type SaftExportView = z.infer<typeof SaftExportView>;

/**
 * Who may export SAF-T: the gerente and the contabilista (issue 12: the accountant reads and exports). The
 * handlers register with this same value (electron/core/invoicing/handlers.ts), so contract and policy cannot drift.
 */
export const SAFT_ACCESS: Access = 'reader';

/** NC against a document: what is credited of each of its lines (by line number), and why (CIVA 36.º n.º 6). */
export const CreditNoteDraft = z
  .object({
    documentId: Id,
    reason: z
      .string()
      .trim()
      .min(3, 'Indique o motivo (3 a 50 caracteres)')
      .max(50, 'O motivo tem no máximo 50 caracteres'),
    lines: z
      .array(z.object({ lineNo: z.number().int().positive(), quantity: Quantity }).strict())
      .min(1, 'Escolha pelo menos uma linha a creditar')
      .max(2000),
    confirmClockBehind: z.boolean().default(false),
  })
  .strict();
export type CreditNoteDraft = z.input<typeof CreditNoteDraft>;

/** ND against a document: the amounts debited (catalogue or free lines) and why. */
export const DebitNoteDraft = z
  .object({
    documentId: Id,
    reason: z
      .string()
      .trim()
      .min(3, 'Indique o motivo (3 a 50 caracteres)')
      .max(50, 'O motivo tem no máximo 50 caracteres'),
    lines: z.array(InvoiceLine).min(1, 'A nota de débito precisa de pelo menos uma linha').max(500),
    confirmClockBehind: z.boolean().default(false),
  })
  .strict();
export type DebitNoteDraft = z.input<typeof DebitNoteDraft>;

export const invoicingContract = {
  'invoicing/credit-note': channel({
    input: CreditNoteDraft,
    output: z.object({ id: Id, docNo: z.string() }),
    access: 'manager',
    summary: 'Emite uma nota de crédito (NC) sobre um documento, com o motivo',
  }),
  'invoicing/debit-note': channel({
    input: DebitNoteDraft,
    output: z.object({ id: Id, docNo: z.string() }),
    access: 'manager',
    summary: 'Emite uma nota de débito (ND) sobre um documento, com o motivo',
  }),
  'invoicing/find-customers': channel({
    input: z
      .object({
        query: z.string().trim().min(1).max(100),
        limit: z.number().int().min(1).max(50).default(10),
      })
      .strict(),
    output: z.array(CustomerHit),
    access: 'manager',
    summary: 'Procura clientes (NIF ou nome) para uma fatura da Gestão',
  }),
  'invoicing/issue-invoice': channel({
    input: InvoiceDraft,
    output: z.object({ id: Id, docNo: z.string() }),
    access: 'manager',
    summary: 'Emite uma fatura (FT) na Gestão: cliente, vencimento, condições, N.º Encomenda, linhas',
  }),
  'invoicing/open-invoices': channel({
    input: z.object({ customerId: Id }).strict(),
    output: z.array(OpenInvoice),
    access: 'manager',
    summary: 'Faturas e notas de débito do cliente com valor em dívida (para o recibo)',
  }),
  'invoicing/register-payment': channel({
    input: z
      .object({
        settlements: z
          .array(z.object({ documentId: Id, amount: PositiveMoney }).strict())
          .min(1, 'Escolha pelo menos uma fatura')
          .max(200),
        method: z.enum(['cash', 'card', 'mbway', 'transfer', 'cheque', 'other']),
        confirmClockBehind: z.boolean().default(false),
      })
      .strict(),
    output: z.object({ id: Id, docNo: z.string() }),
    access: 'manager',
    summary: 'Regista o pagamento (total ou parcial) de uma ou mais faturas: emite um recibo (RG)',
  }),
  'documents/search': channel({
    input: DocumentSearch,
    output: z.array(DocumentHit),
    access: 'session',
    summary: 'Pesquisa de documentos (número, tipo, série, cliente, período, valor, estado)',
  }),
  'documents/pdf': channel({
    input: z.object({ id: Id }).strict(),
    output: z.object({ fileName: z.string(), base64: z.string() }),
    access: 'session',
    summary: 'PDF A4 do documento (2.ª via)',
  }),
  'saft/export-start': channel({
    input: SaftPeriodInput,
    output: SaftExportView,
    access: SAFT_ACCESS,
    summary: 'Exporta o SAF-T (PT) de um período (num processo paralelo)',
  }),
  'saft/export-status': channel({
    input: z.object({ id: z.string().min(1).max(80) }).strict(),
    output: SaftExportView,
    access: SAFT_ACCESS,
    summary: 'Estado de uma exportação SAF-T',
  }),
  'saft/export-download': channel({
    input: z.object({ id: z.string().min(1).max(80) }).strict(),
    output: z.object({ fileName: z.string(), base64: z.string() }),
    access: SAFT_ACCESS,
    summary: 'O ficheiro SAF-T exportado (Windows-1252)',
  }),
};

export const invoicingEvents = {
  'saft/progress': SaftExportView,
};
