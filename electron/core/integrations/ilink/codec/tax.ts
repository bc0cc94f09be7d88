import { Dec } from '../../../../../shared/money';
import type { FiscalDocumentView, LineView } from '../../../../../shared/api/fiscal';
import { taxGroupKey } from '../../../../../shared/fiscal/amounts';
import { compact, eur, fit, type XmlNode } from './xml';

/**
 * VAT categories. CIUS-PT accepts the Portuguese codes NOR/INT/RED/ISE (DT-CIUS-PT-091), which are the SAF-T
 * TaxCode values Balcão stores, and iLink's own samples use them; so they are written as they are.
 * ASSUMPTION: PT codes rather than the CEN S/E letters (both are accepted by eSPap's rules).
 */
export interface TaxCategory {
  code: string;
  /** "23.00" */
  percent: string;
  exemptionCode: string | null;
  exemptionReason: string | null;
}

export const pct2 = (v: string): string => new Dec(v).toFixed(2);

export const categoryOfLine = (l: LineView): TaxCategory => ({
  code: l.taxCode,
  percent: pct2(l.taxPct),
  exemptionCode: l.exemptionCode,
  exemptionReason: l.exemptionReason,
});

export const keyOfLine = (l: LineView): string =>
  taxGroupKey(l.taxType, l.taxRegion, l.taxCode, l.taxPct, l.exemptionCode);

export const keyOfGroup = (t: FiscalDocumentView['taxSummary'][number]): string =>
  taxGroupKey(t.taxType, t.region, t.code, t.pct, t.exemptionCode);

const VAT: XmlNode = { 'cbc:ID': 'VAT' };

/**
 * `cac:TaxCategory` / `cac:ClassifiedTaxCategory` content. Exemption code (AT M-code) and its legal mention
 * only on exempt categories (BR-CIUS-PT-13/15/17/18). `withExemption` is false for allowances, whose category
 * UBL allows to carry it but iLink's samples do not.
 */
export function taxCategoryXml(c: TaxCategory, withExemption = true): XmlNode {
  const exempt = withExemption && c.exemptionCode !== null;
  return compact({
    'cbc:ID': c.code,
    'cbc:Percent': c.percent,
    'cbc:TaxExemptionReasonCode': exempt ? c.exemptionCode! : undefined,
    'cbc:TaxExemptionReason': exempt && c.exemptionReason ? fit(c.exemptionReason, 200) : undefined,
    'cac:TaxScheme': VAT,
  });
}

/** The VAT breakdown (BG-23) straight from the document's stored tax groups: the fiscal truth. */
export function taxTotalXml(doc: FiscalDocumentView): XmlNode {
  return {
    'cbc:TaxAmount': eur(doc.totals.tax),
    'cac:TaxSubtotal': doc.taxSummary.map((t) => ({
      'cbc:TaxableAmount': eur(t.base),
      'cbc:TaxAmount': eur(t.tax),
      'cac:TaxCategory': taxCategoryXml({
        code: t.code,
        percent: pct2(t.pct),
        exemptionCode: t.exemptionCode,
        exemptionReason: t.exemptionReason,
      }),
    })),
  };
}
