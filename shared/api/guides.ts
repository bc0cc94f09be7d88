import { z } from 'zod';
import { channel } from './define';
import { Id, IsoDate, IsoDateTime } from './common';
import { Quantity } from './amounts';
import { DecimalString } from '../money';
import { AddressDraft, CustomerDraft, FiscalDocumentView, VehiclePlate } from './fiscal';

/**
 * Transport documents (issue 13 item 7): GT (guia de transporte) and GR (guia de remessa), fiscal documents on
 * their own signed series. A GT of own goods moves stock between two warehouses; a guide to a customer takes
 * the goods out of the origin warehouse. Both in the transaction that signs the guide.
 */
export const GuideDraft = z
  .object({
    type: z.enum(['GT', 'GR']).default('GT'),
    /** Own goods between the company's warehouses (GT only): no customer, no prices. */
    ownGoods: z.boolean().default(false),
    fromWarehouseId: Id.optional(),
    toWarehouseId: Id.optional(),
    customer: CustomerDraft.optional(),
    lines: z
      .array(z.object({ articleId: Id, quantity: Quantity }).strict())
      .min(1, 'A guia precisa de pelo menos uma linha')
      .max(500),
    loadFrom: AddressDraft.optional(),
    deliverTo: AddressDraft.optional(),
    /** Load time = start of transport (default: the issue time); never earlier. */
    startTime: IsoDateTime.optional(),
    /** Expected unload time. */
    endTime: IsoDateTime.optional(),
    vehicle: VehiclePlate.optional(),
  })
  .strict();
export type GuideDraft = z.input<typeof GuideDraft>;

/**
 * ASSUMPTION: the document identification code AT returns for a communicated guide (SAF-T ATDocCodeID, ≤ 200)
 * is letters and digits only; it is typed as shown on the portal.
 */
export const AtDocCode = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9]{1,200}$/, 'Código da AT inválido: só letras e algarismos (até 200)');

export const GuideSummary = z.object({
  id: Id,
  type: z.enum(['GT', 'GR']),
  docNo: z.string(),
  date: IsoDate,
  startTime: IsoDateTime,
  /** SAF-T MovementStatus: N, A (cancelled), F (invoiced by an FT not cancelled: `invoice`). */
  status: z.enum(['N', 'A', 'F']),
  /** The FT that invoices it (fiscal/guide-invoicing.ts), or null. */
  invoice: z.string().nullable(),
  customerId: Id,
  ownGoods: z.boolean(),
  fromWarehouseId: Id.nullable(),
  toWarehouseId: Id.nullable(),
  customerName: z.string(),
  gross: DecimalString,
  atCode: z.string().nullable(),
});
export type GuideSummary = z.infer<typeof GuideSummary>;

/**
 * Issue 13 item 7: what the FT form is prefilled with to invoice guides of one customer (every line of each, its
 * article and quantity fixed; the price editable: the guide's, or the catalogue's where the guide had none).
 */
export const GuideInvoiceLines = z.object({
  customer: z.object({
    id: Id.nullable(),
    nif: z.string(),
    name: z.string(),
    address: z.string(),
    postalCode: z.string(),
    city: z.string(),
    country: z.string(),
  }),
  lines: z.array(
    z.object({
      guideLineId: Id,
      guideDocNo: z.string(),
      articleId: Id,
      description: z.string(),
      quantity: z.string(),
      unit: z.string(),
      unitPrice: DecimalString,
      discountPct: z.string(),
      taxCode: z.string(),
    }),
  ),
});
export type GuideInvoiceLines = z.infer<typeof GuideInvoiceLines>;

export const guidesContract = {
  'guides/invoice-lines': channel({
    input: z.object({ ids: z.array(Id).min(1).max(50) }).strict(),
    output: GuideInvoiceLines,
    access: 'manager',
    summary: 'As linhas de uma fatura que fatura guias de um cliente (a guia inteira, o preço editável)',
  }),
  'guides/issue': channel({
    input: GuideDraft,
    output: FiscalDocumentView,
    access: 'manager',
    summary: 'Emite uma guia de transporte (GT) ou de remessa (GR), assinada, e move o stock',
  }),
  'guides/list': channel({
    input: z
      .object({
        from: IsoDate.optional(),
        to: IsoDate.optional(),
        limit: z.number().int().min(1).max(500).default(100),
      })
      .strict(),
    output: z.array(GuideSummary),
    access: 'session',
    summary: 'Guias de transporte e de remessa (mais recentes primeiro)',
  }),
  'guides/set-at-code': channel({
    input: z.object({ id: Id, code: AtDocCode }).strict(),
    output: FiscalDocumentView,
    access: 'manager',
    summary: 'Regista o código de identificação que a AT devolveu ao comunicar a guia',
  }),
};
