import { z } from 'zod';
import { channel } from './define';
import { IsoDate, IsoDateTime } from './common';
import { DecimalString } from '../money';

/**
 * Purchase documents (issue 10, iLink receiving; issue 13 builds stock on them): a supplier's invoice or credit
 * note, registered from its UBL XML with its supplier. Never part of the sales signature chain.
 * State: registado (received) → aceite | recusado (the manager's decision, sent back to iLink by the outbox).
 */
export const PurchaseState = z.enum(['registado', 'aceite', 'recusado']);
export type PurchaseState = z.infer<typeof PurchaseState>;

/** Where the decision sent to iLink stands: waiting / delivered / refused for good (with the error). */
export const DecisionDelivery = z.object({
  state: z.enum(['pending', 'sent', 'failed']),
  error: z.string().nullable(),
});
export type DecisionDelivery = z.infer<typeof DecisionDelivery>;

/** Where a purchase stands for stock (issue 13 item 4). */
export const PurchaseStage = z.enum(['por-confirmar', 'confirmada', 'recusada']);
export type PurchaseStage = z.infer<typeof PurchaseStage>;

/** How a line found its article: the supplier's reference (remembered mapping), barcode, our code, the operator. */
export const MatchBy = z.enum(['supplier-ref', 'barcode', 'code', 'operator', 'created', 'manual']);
export type MatchBy = z.infer<typeof MatchBy>;

export const SupplierRef = z.object({
  id: z.string(),
  /** "589309340" for PT, "ES B12345674" style prefix for foreign ids. */
  vat: z.string(),
  name: z.string(),
});

export const PurchaseSummary = z.object({
  id: z.string(),
  number: z.string(),
  /** The supplier's type code (FT, FR, 380, NC…). */
  typeCode: z.string(),
  kind: z.enum(['invoice', 'credit-note']),
  supplier: SupplierRef,
  issueDate: IsoDate,
  receivedAt: IsoDateTime,
  state: PurchaseState,
  stateReason: z.string().nullable(),
  grossTotal: DecimalString,
  currency: z.string(),
  ilinkId: z.string().nullable(),
  decision: DecisionDelivery.nullable(),
  /* Issue 13 item 4 (stock). */
  source: z.enum(['ilink', 'manual']),
  netTotal: DecimalString,
  /** por-confirmar (a draft, or received and not in stock yet), confirmada (in stock), recusada. */
  stage: PurchaseStage,
  /**
   * The warehouse its goods entered, once confirmed; before that, the one chosen on a manual purchase for them to
   * enter (the confirmation may still pick another), or null.
   */
  warehouse: z.object({ id: z.number().int(), code: z.string(), name: z.string() }).nullable(),
  confirmedAt: IsoDateTime.nullable(),
});
export type PurchaseSummary = z.infer<typeof PurchaseSummary>;

export const PurchaseLine = z.object({
  lineNo: z.number().int(),
  ref: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  sellerItemId: z.string().nullable(),
  buyerItemId: z.string().nullable(),
  standardItemId: z.string().nullable(),
  quantity: DecimalString,
  unitCode: z.string().nullable(),
  unitPrice: DecimalString,
  discount: DecimalString,
  charge: DecimalString,
  vatCategory: z.string(),
  vatRate: DecimalString.nullable(),
  exemptionCode: z.string().nullable(),
  exemptionReason: z.string().nullable(),
  lineNet: DecimalString,
  /* Issue 13 item 4: the article the line is (stored, or found now by the matching keys when not stored yet). */
  article: z.object({ id: z.number().int(), code: z.string(), name: z.string() }).nullable(),
  matchBy: MatchBy.nullable(),
  discountPct: DecimalString.nullable(),
  /** Net unit cost that enters stock: line net ÷ quantity. */
  unitCost: DecimalString,
  /** Quantity already returned to the supplier. */
  returned: DecimalString,
});
export type PurchaseLine = z.infer<typeof PurchaseLine>;

export const PurchaseTax = z.object({
  scheme: z.string().nullable(),
  category: z.string().nullable(),
  rate: DecimalString.nullable(),
  exemptionCode: z.string().nullable(),
  exemptionReason: z.string().nullable(),
  taxable: DecimalString,
  tax: DecimalString,
});
export type PurchaseTax = z.infer<typeof PurchaseTax>;

/** What a correction of a manual purchase changed (issue 13: fixing a draft before it enters stock). */
export const PurchaseEditField = z.enum([
  'supplier',
  'typeCode',
  'number',
  'issueDate',
  'dueDate',
  'warehouse',
  'lines',
]);
export type PurchaseEditField = z.infer<typeof PurchaseEditField>;

/** One correction, from the audit trail: who, when, what, and the total before and after. */
export const PurchaseEdit = z.object({
  at: IsoDateTime,
  operator: z.string().nullable(),
  fields: z.array(PurchaseEditField),
  lines: z.object({ added: z.number().int(), removed: z.number().int(), changed: z.number().int() }),
  grossBefore: DecimalString,
  grossAfter: DecimalString,
});
export type PurchaseEdit = z.infer<typeof PurchaseEdit>;

export const PurchaseDetail = PurchaseSummary.extend({
  dueDate: IsoDate.nullable(),
  customizationId: z.string().nullable(),
  orderReference: z.string().nullable(),
  billingReference: z.string().nullable(),
  decidedAt: IsoDateTime.nullable(),
  totals: z.object({
    lines: DecimalString,
    allowances: DecimalString,
    charges: DecimalString,
    net: DecimalString,
    vat: DecimalString,
    gross: DecimalString,
    prepaid: DecimalString,
    rounding: DecimalString,
    payable: DecimalString,
  }),
  supplierDetail: z.object({
    vatCountry: z.string(),
    vatId: z.string(),
    name: z.string(),
    address: z.string(),
    postalCode: z.string(),
    city: z.string(),
    country: z.string(),
    email: z.string().nullable(),
  }),
  lines: z.array(PurchaseLine),
  taxes: z.array(PurchaseTax),
  /** The XML as received, verbatim. */
  xml: z.string().nullable(),
  returns: z.array(
    z.object({
      id: z.string(),
      at: IsoDateTime,
      reason: z.string(),
      lines: z.array(z.object({ lineNo: z.number().int(), quantity: DecimalString })),
    }),
  ),
  /** Corrections made before it entered stock (manual purchases only), newest first. */
  edits: z.array(PurchaseEdit),
});
export type PurchaseDetail = z.infer<typeof PurchaseDetail>;

const Filter = z.string().trim().max(100).optional();

export const PurchaseListInput = z
  .object({
    /** Part of the supplier's number. */
    number: Filter,
    /** The supplier's type code, exactly (FT, NC…). */
    type: z.string().trim().max(10).optional(),
    supplierName: Filter,
    /** Part of the supplier's VAT id (with or without the country prefix). */
    supplierNif: Filter,
    /** Reception date (Data Receção) from/to, inclusive; one of them alone is an open period. */
    from: IsoDate.optional(),
    to: IsoDate.optional(),
    source: z.enum(['ilink', 'manual']).optional(),
    stage: PurchaseStage.optional(),
    limit: z.number().int().min(1).max(500).default(100),
    offset: z.number().int().min(0).default(0),
  })
  .strict();
export type PurchaseListInput = z.input<typeof PurchaseListInput>;

const PurchaseId = z.object({ id: z.string().min(1).max(60) }).strict();

export const PurchaseImportResult = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    purchaseId: z.string(),
    supplierId: z.string(),
    supplierCreated: z.boolean(),
    duplicate: z.boolean(),
  }),
  z.object({ ok: z.literal(false), reason: z.string() }),
]);

export const purchasesContract = {
  'purchases/list': channel({
    input: PurchaseListInput,
    output: z.array(PurchaseSummary),
    access: 'reader',
    summary: 'Histórico de importação: compras recebidas, com filtros',
  }),
  'purchases/get': channel({
    input: PurchaseId,
    output: PurchaseDetail,
    access: 'reader',
    summary: 'Uma compra: cabeçalho, linhas, IVA, fornecedor e o XML original',
  }),
  'purchases/accept': channel({
    input: PurchaseId,
    output: PurchaseSummary,
    access: 'manager',
    summary: 'Aceita uma compra recebida (comunicado ao iLink)',
  }),
  'purchases/reject': channel({
    input: PurchaseId.extend({ reason: z.string().trim().min(1, 'Indique o motivo').max(500) }),
    output: PurchaseSummary,
    access: 'manager',
    summary: 'Recusa uma compra recebida, com motivo (comunicado ao iLink)',
  }),
  'purchases/import-xml': channel({
    input: z
      .object({
        xml: z
          .string()
          .min(1)
          .max(1024 * 1024),
        ilinkId: z.string().trim().min(1).max(100).optional(),
      })
      .strict(),
    output: PurchaseImportResult,
    access: 'manager',
    summary: 'Formação: regista um XML UBL como se tivesse chegado do iLink',
  }),
};
