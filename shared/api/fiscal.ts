import { z } from 'zod';
import { channel } from './define';
import { Id, IsoDate, IsoDateTime } from './common';
import { Unit } from './catalog';
import { DecimalString } from '../money';
import { Money, Percent, Quantity, UnitPrice } from './amounts';
import { PAYMENT_METHODS, SAFT_MECHANISMS } from '../fiscal/payments';

/**
 * The fiscal contract: what the checkout sends to issue a document (a *draft*), and the complete *read model*
 * of a signed document (what receipts, screens and integrations show). Money is exact decimal strings.
 */

export const DocType = z.enum(['FT', 'FS', 'FR', 'NC', 'ND', 'GT', 'GR', 'RG']);
export type DocType = z.infer<typeof DocType>;
/** What `issue()` accepts (RG receipts go through `issueReceipt`). */
export const IssuableType = z.enum(['FT', 'FS', 'FR', 'NC', 'ND', 'GT', 'GR']);
export const TaxRegion = z.enum(['PT', 'PT-AC', 'PT-MA']);
export type TaxRegion = z.infer<typeof TaxRegion>;
export const LineTaxCode = z.enum(['NOR', 'INT', 'RED', 'ISE']);
export const ExemptionCode = z.string().regex(/^M\d{2}$/, 'Código de isenção inválido (M01…M99)');
export const PaymentMethod = z.enum(PAYMENT_METHODS);
export const SaftMechanism = z.enum(SAFT_MECHANISMS);

export const DraftLine = z
  .object({
    /** Catalogue article; its code, name, unit, price and tax are the defaults for the fields below. */
    articleId: Id.optional(),
    /** Free line (no article): product code in SAF-T; defaults to the generic "DIVERSOS". */
    productCode: z.string().min(1).max(60).optional(),
    description: z.string().min(1).max(200).optional(),
    quantity: Quantity,
    unit: Unit.optional(),
    /** Unit price WITH VAT, as the shop sets it (catalogue prices are VAT-inclusive). */
    unitPrice: UnitPrice.optional(),
    discountPct: Percent.default('0'),
    taxCode: LineTaxCode.optional(),
    taxRegion: TaxRegion.optional(),
    /** Required when taxCode is ISE. */
    exemptionCode: ExemptionCode.optional(),
    /** NC/ND: the line of the origin document being corrected; FT: the GT/GR line it invoices. */
    originLineId: Id.optional(),
  })
  .strict();
export type DraftLine = z.input<typeof DraftLine>;

export const CustomerDraft = z
  .object({
    id: Id.optional(),
    nif: z.string().max(30),
    name: z.string().min(1).max(100),
    address: z.string().max(210).optional(),
    postalCode: z.string().max(20).optional(),
    city: z.string().max(50).optional(),
    country: z.string().max(12).optional(),
    /** The buyer says they are a taxable person (affects the FS limit); default inferred from the NIF. */
    isBusiness: z.boolean().optional(),
  })
  .strict();
export type CustomerDraft = z.input<typeof CustomerDraft>;

export const PaymentDraft = z.object({ method: PaymentMethod, amount: Money }).strict();

export const InfoEntry = z.object({ name: z.string().min(1).max(60), value: z.string().max(200) }).strict();
export type InfoEntry = z.infer<typeof InfoEntry>;

export const AddressDraft = z
  .object({
    address: z.string().min(1).max(210),
    city: z.string().min(1).max(50),
    postalCode: z.string().min(1).max(20),
    country: z.string().min(2).max(12).default('PT'),
  })
  .strict();

/** Vehicle registration as printed on the plate ("AA-00-BB", "12-AB-34"…): upper-cased, 2–20 letters, digits, "-" or spaces. */
export const VehiclePlate = z
  .string()
  .trim()
  .toUpperCase()
  .regex(
    /^[A-Z0-9][A-Z0-9 -]{0,18}[A-Z0-9]$/,
    'Matrícula inválida (letras, algarismos e hífenes, ex. AA-00-BB)',
  );

export const DocumentDraft = z
  .object({
    type: IssuableType,
    lines: z.array(DraftLine).min(1, 'O documento precisa de pelo menos uma linha').max(2000),
    /** null / omitted → Consumidor final (999999990). */
    customer: CustomerDraft.nullable().optional(),
    /** Global (settlement) discount in %, applied to every line after its own discount. */
    globalDiscountPct: Percent.default('0'),
    /** FS/FR: how it was paid; the amounts must add up to the total. */
    payments: z.array(PaymentDraft).max(10).default([]),
    /** Cash handed over (for the change shown on the receipt); not fiscal. */
    cashTendered: Money.optional(),
    /** Free "additional information" entries (e.g. "Nº Encomenda"), printed and kept for integrations. */
    additionalInfo: z.array(InfoEntry).max(20).default([]),
    /** NC/ND: the document corrected and why (CIVA 36 n.º 6). */
    origin: z
      .object({ documentId: Id, reason: z.string().min(1).max(50) })
      .strict()
      .optional(),
    /** GT/GR: loading/unloading places and start of transport (defaults: shop address, now). */
    transport: z
      .object({
        loadFrom: AddressDraft.optional(),
        deliverTo: AddressDraft.optional(),
        /** Load time = start of transport; never before the guide is issued (DL 147/2003 art. 5.º). */
        startTime: IsoDateTime.optional(),
        /** Expected unload (delivery) time; not before the start (SAF-T MovementEndTime). */
        endTime: IsoDateTime.optional(),
        vehicle: VehiclePlate.optional(),
        /** GT of own goods between the company's warehouses: no buyer (the company itself) and no prices. */
        ownGoods: z.boolean().optional(),
        /** Stock: the warehouse the goods leave (default: the terminal's selling one) and, own goods, where they go. */
        fromWarehouseId: Id.optional(),
        toWarehouseId: Id.optional(),
      })
      .strict()
      .optional(),
    /** The operator confirmed issuing although the clock is behind the last document (Despacho 3.4.3). */
    confirmClockBehind: z.boolean().default(false),
  })
  .strict();
export type DocumentDraft = z.input<typeof DocumentDraft>;
export type ParsedDocumentDraft = z.output<typeof DocumentDraft>;

export const ReceiptDraft = z
  .object({
    /** FT documents settled (fully or partly) by this receipt. */
    settlements: z
      .array(z.object({ documentId: Id, amount: Money }).strict())
      .min(1)
      .max(200),
    payments: z.array(PaymentDraft).min(1).max(10),
    additionalInfo: z.array(InfoEntry).max(20).default([]),
    confirmClockBehind: z.boolean().default(false),
  })
  .strict();
export type ReceiptDraft = z.input<typeof ReceiptDraft>;

/* ---------------------------------------------------------------- read model */

export const PartyView = z.object({
  name: z.string(),
  nif: z.string(),
  address: z.string(),
  postalCode: z.string(),
  city: z.string(),
  country: z.string(),
});

export const LineView = z.object({
  lineNo: z.number().int(),
  articleId: Id.nullable(),
  productCode: z.string(),
  description: z.string(),
  quantity: DecimalString,
  unit: z.string(),
  /** As entered: unit price with VAT. */
  unitPriceGross: DecimalString,
  /** SAF-T UnitPrice: net of VAT and of discounts. */
  unitPriceNet: DecimalString,
  discountPct: DecimalString,
  /** qty × unit price with VAT, before discounts. */
  grossBeforeDiscount: DecimalString,
  /** Line amount with VAT after discounts (what the customer pays for this line). */
  gross: DecimalString,
  /** SAF-T Credit/DebitAmount. */
  net: DecimalString,
  tax: DecimalString,
  taxType: z.string(),
  taxRegion: TaxRegion,
  taxCode: z.string(),
  taxPct: DecimalString,
  exemptionCode: z.string().nullable(),
  /** Legal mention printed for exempt lines (Despacho 2.2.14). */
  exemptionReason: z.string().nullable(),
  /** NC/ND: origin document number and line. RG: the settled document. */
  originDocNo: z.string().nullable(),
  originLineId: Id.nullable(),
});
export type LineView = z.infer<typeof LineView>;

export const TaxSummaryView = z.object({
  taxType: z.string(),
  region: TaxRegion,
  code: z.string(),
  pct: DecimalString,
  exemptionCode: z.string().nullable(),
  exemptionReason: z.string().nullable(),
  base: DecimalString,
  tax: DecimalString,
  gross: DecimalString,
});

export const PaymentView = z.object({
  method: PaymentMethod,
  methodName: z.string(),
  mechanism: SaftMechanism,
  amount: DecimalString,
  date: IsoDate,
});

export const DocRef = z.object({
  documentId: Id,
  docNo: z.string(),
  type: DocType,
  date: IsoDate,
  status: z.enum(['N', 'A']),
  /** RG: amount settled; NC/ND: gross total. */
  amount: DecimalString,
});

export const FiscalDocumentView = z.object({
  id: Id,
  type: DocType,
  typeName: z.string(),
  /** "FS T1F2025/12". */
  docNo: z.string(),
  series: z.string(),
  number: z.number().int(),
  /** "CODE-12", without the "ATCUD:" label (print it as `ATCUD:${atcud}` right above the QR). */
  atcud: z.string(),
  date: IsoDate,
  systemEntryDate: IsoDateTime,
  status: z.enum(['N', 'A']),
  statusDate: IsoDateTime,
  statusReason: z.string().nullable(),
  training: z.boolean(),
  terminalId: z.string(),
  operatorId: z.number().int().nullable(),
  issuer: PartyView.extend({ certificateNumber: z.string(), softwareName: z.string() }),
  customer: PartyView.extend({ id: Id.nullable(), isConsumidorFinal: z.boolean() }),
  lines: z.array(LineView),
  taxSummary: z.array(TaxSummaryView),
  totals: z.object({
    net: DecimalString,
    tax: DecimalString,
    gross: DecimalString,
    /** Line + global discounts, VAT included. */
    discount: DecimalString,
    globalDiscountPct: DecimalString,
  }),
  payments: z.array(PaymentView),
  cashTendered: DecimalString.nullable(),
  change: DecimalString.nullable(),
  additionalInfo: z.array(InfoEntry),
  /** Full signature ("" for receipts, which are not signed). */
  hash: z.string(),
  /** Key version (SAF-T HashControl). */
  hashControl: z.string(),
  /** Characters 1, 11, 21, 31 of the hash ("0" for receipts). */
  hash4: z.string(),
  /** Line to print: "hWFf-Processado por programa certificado n.º 9999/AT" or, for receipts, "Emitido por…". */
  certificationText: z.string(),
  /** AT QR code content (render with ECC M, version ≥ 9, ≥ 30 mm). */
  qr: z.string(),
  /** Mandatory notices to print (training, "não serve de fatura"). */
  notices: z.array(z.string()),
  references: z.object({
    /** NC/ND: the corrected document and the reason. */
    origin: z.object({ documentId: Id, docNo: z.string(), reason: z.string() }).nullable(),
    /** RG: the documents it settles. */
    settles: z.array(DocRef),
    /** FT/FS/FR: NC/ND issued against it. */
    correctedBy: z.array(DocRef),
    /** FT: receipts settling it. */
    settledBy: z.array(DocRef),
    /** FT: still to be paid (gross − active receipts − active credit notes). */
    outstanding: DecimalString.nullable(),
  }),
  transport: z
    .object({
      loadFrom: PartyView.omit({ name: true, nif: true }),
      deliverTo: PartyView.omit({ name: true, nif: true }),
      startTime: IsoDateTime,
      endTime: IsoDateTime.nullable(),
      vehicle: z.string().nullable(),
      ownGoods: z.boolean(),
      fromWarehouseId: Id.nullable(),
      toWarehouseId: Id.nullable(),
      /** Code AT returned when the guide was communicated (typed by hand afterwards); null until then. */
      atCode: z.string().nullable(),
    })
    .nullable(),
});
export type FiscalDocumentView = z.infer<typeof FiscalDocumentView>;

export const DocumentSummary = z.object({
  id: Id,
  type: DocType,
  docNo: z.string(),
  date: IsoDate,
  systemEntryDate: IsoDateTime,
  customerName: z.string(),
  customerNif: z.string(),
  gross: DecimalString,
  status: z.enum(['N', 'A']),
  training: z.boolean(),
});
export type DocumentSummary = z.infer<typeof DocumentSummary>;

export const SeriesView = z.object({
  id: Id,
  docType: DocType,
  code: z.string(),
  seriesType: z.enum(['N', 'F']),
  terminalId: z.string(),
  validationCode: z.string().nullable(),
  status: z.enum(['A', 'F']),
  lastNumber: z.number().int(),
  lastDate: IsoDate.nullable(),
});
export type SeriesView = z.infer<typeof SeriesView>;

export const fiscalContract = {
  'fiscal/issue-document': channel({
    input: DocumentDraft,
    output: FiscalDocumentView,
    access: 'manager',
    summary: 'Emite, assina e grava um documento fiscal (FS, FR, FT, NC, ND, GT, GR)',
  }),
  'fiscal/issue-receipt': channel({
    input: ReceiptDraft,
    output: FiscalDocumentView,
    access: 'manager',
    summary: 'Emite um recibo (RG) que liquida faturas',
  }),
  'fiscal/get-document': channel({
    input: z.union([z.object({ id: Id }).strict(), z.object({ docNo: z.string().min(3).max(60) }).strict()]),
    output: FiscalDocumentView,
    access: 'session',
    summary: 'Documento fiscal completo (para ecrã, reimpressão e integrações)',
  }),
  'fiscal/list-documents': channel({
    input: z
      .object({
        from: IsoDate.optional(),
        to: IsoDate.optional(),
        type: DocType.optional(),
        limit: z.number().int().min(1).max(500).default(50),
        beforeId: Id.optional(),
      })
      .strict(),
    output: z.array(DocumentSummary),
    access: 'session',
    summary: 'Lista de documentos emitidos (mais recentes primeiro)',
  }),
  'fiscal/cancel-document': channel({
    input: z.object({ id: Id, reason: z.string().min(3).max(50) }).strict(),
    output: FiscalDocumentView,
    access: 'manager',
    summary: 'Anula um documento (só sem alteração de valor e sem notas de crédito ativas)',
  }),
  'fiscal/list-series': channel({
    input: z.object({}).strict(),
    output: z.array(SeriesView),
    access: 'reader',
    summary: 'Séries documentais deste terminal',
  }),
  'fiscal/set-series-code': channel({
    input: z.object({ id: Id, validationCode: z.string().min(8).max(70) }).strict(),
    output: SeriesView,
    access: 'manager',
    summary: 'Regista o código de validação (ATCUD) comunicado pela AT para uma série',
  }),
};
