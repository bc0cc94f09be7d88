import { Dec } from '../../../shared/money';
import type { FiscalDocumentView } from '../../../shared/api/fiscal';
import { infoLabel } from '../../../shared/fiscal/info-label';
import type { Branding } from './branding';
import { PrintableDocument, type PrintablePayment } from './printable';

const METHOD: Record<FiscalDocumentView['payments'][number]['method'], PrintablePayment['method']> = {
  cash: 'cash',
  card: 'card',
  mbway: 'mbway',
  mb_reference: 'multibanco',
  transfer: 'transfer',
  cheque: 'cheque',
  other: 'other',
};

/** Multibanco entity/reference, when the sale recorded them as additional information. */
function multibancoOf(v: FiscalDocumentView): { entity: string; reference: string } | null {
  const find = (re: RegExp): string | undefined => v.additionalInfo.find((i) => re.test(i.name))?.value;
  const entity = find(/entidade/i);
  const reference = find(/refer[êe]ncia/i);
  return entity && reference ? { entity, reference: reference.replace(/\s+/g, '') } : null;
}

/**
 * The fiscal read model (shared/api/fiscal.ts FiscalDocumentView) → what the printers print.
 * Only committed, signed data goes in; nothing is recomputed except the per-line discount amount.
 */
export function printableFromFiscal(
  v: FiscalDocumentView,
  opts: {
    operatorName?: string | null;
    copy?: boolean;
    mbReference?: PrintableDocument['mbReference'];
    /** Gestão › Empresa's receipt header and footer, capital social and Conservatória (branding.ts). */
    branding?: Branding;
  } = {},
): PrintableDocument {
  const isReceipt = v.type === 'RG';
  const cf = v.customer.isConsumidorFinal;
  const addr = (p: { address: string; postalCode: string; city: string }): string[] =>
    [p.address, `${p.postalCode} ${p.city}`.trim()].filter((s) => s && s.toLowerCase() !== 'desconhecido');
  const mb = multibancoOf(v);
  const exemptions = new Map<string, string>();
  for (const t of v.taxSummary)
    if (t.exemptionCode && t.exemptionReason) exemptions.set(t.exemptionCode, t.exemptionReason);
  for (const l of v.lines)
    if (l.exemptionCode && l.exemptionReason) exemptions.set(l.exemptionCode, l.exemptionReason);

  return PrintableDocument.parse({
    docType: v.type,
    docTypeName: v.typeName,
    number: v.docNo,
    issuedAt: v.systemEntryDate.slice(0, 19),
    issuer: {
      name: v.issuer.name,
      nif: v.issuer.nif,
      address: addr(v.issuer),
      softwareName: v.issuer.softwareName,
      shareCapital: opts.branding?.shareCapital ?? null,
      registryOffice: opts.branding?.registryOffice ?? null,
    },
    customer: {
      nif: cf ? null : v.customer.nif,
      name: cf ? null : v.customer.name,
      address: cf ? [] : addr(v.customer),
    },
    // A receipt's lines are the documents it settles: printed as references, not as articles.
    lines: isReceipt
      ? []
      : v.lines.map((l) => {
          const disc = new Dec(l.grossBeforeDiscount).minus(l.gross);
          return {
            quantity: l.quantity,
            unit: l.unit,
            description: l.description,
            unitPrice: l.unitPriceGross,
            taxRate: l.exemptionCode ? null : l.taxPct,
            exemptionCode: l.exemptionCode,
            discount: disc.greaterThan(0) ? disc.toFixed(2) : null,
            amount: l.gross,
          };
        }),
    taxSummary: isReceipt
      ? []
      : v.taxSummary.map((t) => ({
          rate: t.exemptionCode ? null : t.pct,
          exemptionCode: t.exemptionCode,
          base: t.base,
          tax: t.tax,
        })),
    exemptions: [...exemptions].map(([code, reason]) => ({ code, reason })),
    totals: { net: v.totals.net, tax: v.totals.tax, gross: v.totals.gross },
    payments: v.payments.map((p) => ({
      method: METHOD[p.method],
      label: p.methodName,
      amount: p.amount,
      given: p.method === 'cash' ? v.cashTendered : null,
      change: p.method === 'cash' ? v.change : null,
      multibanco: p.method === 'mb_reference' ? mb : null,
    })),
    references: [
      ...(v.references.origin
        ? [{ number: v.references.origin.docNo, reason: v.references.origin.reason }]
        : []),
      ...v.references.settles.map((s) => ({ number: s.docNo, amount: s.amount })),
    ],
    atcud: v.atcud,
    qr: v.qr,
    hashChars: isReceipt || v.hash4.length !== 4 ? null : v.hash4,
    certificateNumber: v.issuer.certificateNumber,
    training: v.training,
    copy: opts.copy ?? false,
    operatorName: opts.operatorName ?? null,
    mbReference: opts.mbReference ?? null,
    transport: v.transport
      ? {
          loadFrom: addr(v.transport.loadFrom),
          deliverTo: addr(v.transport.deliverTo),
          startTime: v.transport.startTime,
          endTime: v.transport.endTime,
          vehicle: v.transport.vehicle,
          atCode: v.transport.atCode,
          ownGoods: v.transport.ownGoods,
        }
      : null,
    footer: [
      ...v.additionalInfo
        .filter((i) => !(mb && /entidade|refer[êe]ncia/i.test(i.name)))
        .map((i) => `${infoLabel(i.name)}: ${i.value}`),
      ...guideRefs(v),
    ],
    companyHeader: opts.branding?.header ?? [],
    companyFooter: opts.branding?.footer ?? [],
  });
}

/** An FT that invoices GT/GR (fiscal/guide-invoicing.ts) names them, next to the order number: "Ref. GT A/1, GT A/2". */
function guideRefs(v: FiscalDocumentView): string[] {
  if (v.type !== 'FT') return [];
  const guides = [...new Set(v.lines.flatMap((l) => (l.originDocNo ? [l.originDocNo] : [])))];
  return guides.length ? [`Ref. ${guides.join(', ')}`] : [];
}
