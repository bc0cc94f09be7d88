import type { FiscalDocumentView } from '../../../shared/api/fiscal';
import { computeAmounts, taxGroupKey } from '../../../shared/fiscal/amounts';

export interface FixtureLine {
  quantity: string;
  unitPriceGross: string;
  discountPct?: string;
  taxCode: 'NOR' | 'INT' | 'RED' | 'ISE';
  exemptionCode?: string;
  description?: string;
}

const PCT = { NOR: '23', INT: '13', RED: '6', ISE: '0' } as const;

/** A document view built with the fiscal service's own arithmetic (computeAmounts), as the read model gives it. */
export function viewOf(
  lines: FixtureLine[],
  o: {
    type?: FiscalDocumentView['type'];
    globalDiscountPct?: string;
    patch?: Partial<FiscalDocumentView>;
  } = {},
): FiscalDocumentView {
  const g = o.globalDiscountPct ?? '0';
  const full = lines.map((l) => ({
    ...l,
    discountPct: l.discountPct ?? '0',
    taxPct: PCT[l.taxCode],
    exemptionCode: l.taxCode === 'ISE' ? (l.exemptionCode ?? 'M07') : null,
  }));
  const keyOf = (l: (typeof full)[number]) => taxGroupKey('IVA', 'PT', l.taxCode, l.taxPct, l.exemptionCode);
  const a = computeAmounts(
    full.map((l) => ({ ...l, taxKey: keyOf(l) })),
    g,
  );
  const type = o.type ?? 'FT';
  return {
    id: 1,
    type,
    typeName: 'Fatura',
    docNo: `${type} T1/1`,
    series: 'T1',
    number: 1,
    atcud: 'ABCD1234-1',
    date: '2025-05-02',
    systemEntryDate: '2025-05-02T10:00:00',
    status: 'N',
    statusDate: '2025-05-02T10:00:00',
    statusReason: null,
    training: false,
    terminalId: 'T1',
    operatorId: 1,
    issuer: {
      name: 'Loja & Filhos, Lda.',
      nif: '599999993',
      address: 'Rua Augusta, 100',
      postalCode: '1100-053',
      city: 'Lisboa',
      country: 'PT',
      certificateNumber: '9999',
      softwareName: 'Balcão',
    },
    customer: {
      id: 2,
      nif: '501964843',
      name: 'Cliente, Lda.',
      address: 'Rua A, 1',
      postalCode: '4000-001',
      city: 'Porto',
      country: 'PT',
      isConsumidorFinal: false,
    },
    lines: full.map((l, i) => ({
      lineNo: i + 1,
      articleId: null,
      productCode: `P${i + 1}`,
      description: l.description ?? `Artigo ${i + 1}`,
      quantity: l.quantity,
      unit: 'UN',
      unitPriceGross: l.unitPriceGross,
      unitPriceNet: a.lines[i].unitPriceNet,
      discountPct: l.discountPct,
      grossBeforeDiscount: a.lines[i].grossBeforeDiscount,
      gross: a.lines[i].gross,
      net: a.lines[i].net,
      tax: a.lines[i].tax,
      taxType: 'IVA',
      taxRegion: 'PT',
      taxCode: l.taxCode,
      taxPct: l.taxPct,
      exemptionCode: l.exemptionCode,
      exemptionReason: l.exemptionCode ? 'Isento artigo 9.º do CIVA' : null,
      originDocNo: null,
      originLineId: null,
    })),
    taxSummary: a.groups.map((gr) => {
      const l = full.find((x) => keyOf(x) === gr.taxKey)!;
      return {
        taxType: 'IVA',
        region: 'PT' as const,
        code: l.taxCode,
        pct: l.taxPct,
        exemptionCode: l.exemptionCode,
        exemptionReason: l.exemptionCode ? 'Isento artigo 9.º do CIVA' : null,
        base: gr.base,
        tax: gr.tax,
        gross: gr.gross,
      };
    }),
    totals: {
      net: a.netTotal,
      tax: a.taxPayable,
      gross: a.grossTotal,
      discount: a.discountTotal,
      globalDiscountPct: g,
    },
    payments: [],
    cashTendered: null,
    change: null,
    additionalInfo: [],
    hash: 'x'.repeat(172),
    hashControl: '1',
    hash4: 'abcd',
    certificationText: 'abcd-Processado por programa certificado n.º 9999/AT',
    qr: 'A:599999993*B:501964843',
    notices: [],
    references: { origin: null, settles: [], correctedBy: [], settledBy: [], outstanding: a.grossTotal },
    transport: null,
    ...o.patch,
  };
}
