import type { FiscalDocumentView, LineView } from '../../../../../shared/api/fiscal';
import type { UblAmounts, UblLine } from './amounts';
import { taxCategoryXml } from './tax';
import { compact, eur, fit, withAttrs, type XmlNode } from './xml';

/** UN/ECE Recommendation 20 unit codes for Balcão's units. */
const UNIT_CODES: Record<string, string> = { UN: 'C62', KG: 'KGM', L: 'LTR', M: 'MTR' };
export const unitCodeOf = (unit: string): string => UNIT_CODES[unit] ?? 'C62';

const quantity3 = (q: string): string => {
  const [i, f = ''] = q.split('.');
  return `${i}.${f.padEnd(3, '0').slice(0, 3)}`;
};

function lineXml(l: LineView, u: UblLine, qtyName: string): XmlNode {
  const allowance = u.allowance
    ? {
        'cbc:ChargeIndicator': 'false',
        'cbc:AllowanceChargeReason': fit(`Desconto ${l.discountPct}%`, 200),
        'cbc:Amount': eur(u.allowance),
      }
    : undefined;
  const exempt = l.exemptionCode !== null;
  return compact({
    'cbc:ID': String(l.lineNo),
    [qtyName]: withAttrs(quantity3(l.quantity), { unitCode: unitCodeOf(l.unit) }),
    'cbc:LineExtensionAmount': eur(u.net),
    'cac:AllowanceCharge': allowance,
    'cac:Item': compact({
      'cbc:Name': fit(l.description, 200) || l.productCode,
      'cac:SellersItemIdentification':
        l.productCode && [...l.productCode].length <= 50 ? { 'cbc:ID': fit(l.productCode, 50) } : undefined,
      'cac:ClassifiedTaxCategory': taxCategoryXml(u.category),
      // iLink's samples repeat the exemption on the line in the PT form as well.
      'cac:AdditionalItemProperty': exempt
        ? [
            { 'cbc:Name': '#TAXEXEMPTIONREASONCODE@CLASSIFIEDTAXCATEGORY#', 'cbc:Value': l.exemptionCode! },
            ...(l.exemptionReason
              ? [
                  {
                    'cbc:Name': '#TAXEXEMPTIONREASON@CLASSIFIEDTAXCATEGORY#',
                    'cbc:Value': fit(l.exemptionReason, 200),
                  },
                ]
              : []),
          ]
        : undefined,
    }),
    'cac:Price': {
      'cbc:PriceAmount': eur(u.price),
      'cbc:BaseQuantity': withAttrs('1.000', { unitCode: unitCodeOf(l.unit) }),
    },
  });
}

/** InvoiceLine / CreditNoteLine (BG-25), in document order. */
export function linesXml(doc: FiscalDocumentView, a: UblAmounts, credit: boolean): XmlNode[] {
  return doc.lines.map((l, i) =>
    lineXml(l, a.lines[i], credit ? 'cbc:CreditedQuantity' : 'cbc:InvoicedQuantity'),
  );
}
