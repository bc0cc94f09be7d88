import { z } from 'zod';

/**
 * What the UBL reader extracts, checked field by field before anything is believed. Amounts and quantities are
 * decimal strings as the supplier wrote them (kept verbatim; computed with decimal.js in ubl-totals.ts).
 * ASSUMPTION: up to 8 decimals (iLink's own samples carry 8 on line amounts and prices) and 13 integer digits (shared DecimalString).
 */
const Decimal8 = z
  .string()
  .regex(/^-?\d{1,13}(\.\d{1,8})?$/, 'tem de ser um número decimal (ponto como separador, até 8 casas)');
const Text = (max: number) =>
  z.string().trim().min(1, 'está vazio').max(max, `tem mais de ${max} caracteres`);
const OptText = (max: number) => z.string().trim().max(max, `tem mais de ${max} caracteres`).optional();
const CalendarDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'tem de ser uma data AAAA-MM-DD')
  .refine((d) => {
    const t = Date.parse(`${d}T00:00:00Z`);
    return Number.isFinite(t) && new Date(t).toISOString().startsWith(d);
  }, 'não é uma data válida');

export const UblParty = z.object({
  /** PartyTaxScheme/CompanyID as written, e.g. 'PT589309340'. */
  vatId: OptText(40),
  /** EndpointID with schemeID 9946 (country + NIF), used when there is no PartyTaxScheme. */
  endpointVat: OptText(40),
  name: OptText(200),
  street: OptText(200),
  additionalStreet: OptText(200),
  addressLine: OptText(200),
  city: OptText(100),
  postalCode: OptText(30),
  country: z
    .string()
    .regex(/^[A-Z]{2}$/, 'tem de ser um código de país ISO de 2 letras')
    .optional(),
  email: OptText(200),
});
export type UblParty = z.infer<typeof UblParty>;

export const UblAllowance = z.object({
  charge: z.boolean(),
  amount: Decimal8,
  reason: OptText(500),
});

export const UblTaxSubtotal = z.object({
  taxable: Decimal8,
  tax: Decimal8,
  scheme: OptText(20),
  category: OptText(20),
  rate: Decimal8.optional(),
  exemptionCode: OptText(20),
  exemptionReason: OptText(500),
});

export const UblLine = z.object({
  ref: Text(50),
  quantity: Decimal8,
  unitCode: OptText(10),
  lineNet: Decimal8,
  name: Text(500),
  description: OptText(1000),
  sellerItemId: OptText(100),
  buyerItemId: OptText(100),
  standardItemId: OptText(100),
  standardItemScheme: OptText(20),
  price: Decimal8,
  baseQuantity: Decimal8.optional(),
  allowances: z.array(UblAllowance).max(100),
  vatCategory: Text(20),
  vatRate: Decimal8.optional(),
  exemptionCode: OptText(20),
  exemptionReason: OptText(500),
});
export type UblLine = z.infer<typeof UblLine>;

/**
 * Invoice type codes: CIUS-PT's list (DT-CIUS-PT-003: 380 383 386 389 FT FS FR ND RP RE CS LD RA; credit notes
 * 381 NC) and, for PEPPOL BIS 3 / plain UBL 2.1, any UNCL1001 numeric code (1–3 digits).
 * ASSUMPTION: the numeric codes are accepted without checking each against UNCL1001's list.
 */
const INVOICE_CODES = /^(\d{1,3}|FT|FS|FR|ND|RP|RE|CS|LD|RA)$/;
const CREDIT_CODES = /^(\d{1,3}|NC)$/;

export const UblDocument = z
  .object({
    kind: z.enum(['invoice', 'credit-note']),
    customizationId: OptText(200),
    number: Text(100),
    issueDate: CalendarDate,
    dueDate: CalendarDate.optional(),
    typeCode: Text(10),
    currency: z.string().regex(/^[A-Z]{3}$/, 'tem de ser um código de moeda ISO 4217 (3 letras)'),
    orderReference: OptText(100),
    billingReference: OptText(100),
    seller: UblParty,
    buyer: UblParty,
    allowances: z.array(UblAllowance).max(100),
    taxAmount: Decimal8,
    taxSubtotals: z.array(UblTaxSubtotal).min(1, 'não tem o quadro de IVA').max(100),
    totals: z.object({
      lineExtension: Decimal8,
      taxExclusive: Decimal8,
      taxInclusive: Decimal8,
      allowanceTotal: Decimal8.optional(),
      chargeTotal: Decimal8.optional(),
      prepaid: Decimal8.optional(),
      rounding: Decimal8.optional(),
      payable: Decimal8,
    }),
    lines: z.array(UblLine).min(1, 'não tem linhas').max(10_000),
  })
  .superRefine((d, ctx) => {
    const ok = d.kind === 'invoice' ? INVOICE_CODES.test(d.typeCode) : CREDIT_CODES.test(d.typeCode);
    if (!ok) ctx.addIssue({ code: 'custom', path: ['typeCode'], message: `"${d.typeCode}" não é aceite` });
  });
export type UblDocument = z.infer<typeof UblDocument>;

/** pt-PT names of the fields a refusal names (the zod path otherwise). */
const LABELS: Record<string, string> = {
  kind: 'tipo de documento',
  number: 'número do documento (cbc:ID)',
  issueDate: 'data de emissão',
  dueDate: 'data de vencimento',
  typeCode: 'código do tipo de documento',
  currency: 'moeda',
  seller: 'fornecedor',
  buyer: 'comprador',
  taxAmount: 'total do IVA',
  taxSubtotals: 'quadro de IVA',
  totals: 'totais',
  lines: 'linhas',
  lineExtension: 'soma das linhas',
  taxExclusive: 'total sem IVA',
  taxInclusive: 'total com IVA',
  payable: 'total a pagar',
  quantity: 'quantidade',
  lineNet: 'valor líquido',
  price: 'preço unitário',
  name: 'nome',
  vatCategory: 'categoria de IVA',
  vatId: 'NIF',
  country: 'país',
};

/** "linhas 2, preço unitário: tem de ser um número decimal…" for the first issue. */
export function describeIssue(issue: z.core.$ZodIssue): string {
  const parts = issue.path.map((p) =>
    typeof p === 'number' ? String(p + 1) : (LABELS[String(p)] ?? String(p)),
  );
  return `${parts.join(' › ') || 'documento'}: ${issue.message}`;
}
