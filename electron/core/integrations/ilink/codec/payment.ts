import { Dec } from '../../../../../shared/money';
import type { FiscalDocumentView } from '../../../../../shared/api/fiscal';
import type { ParsedCiusPtOptions } from './types';
import type { UblAmounts } from './amounts';
import { compact, fit, withAttrs, type XmlNode } from './xml';

/**
 * PaymentMeans (BG-16). CIUS-PT's list for BT-81 (DT-CIUS-PT-079.2) is exactly SAF-T's PaymentMechanism
 * (CC CD CH CI CO CS DE LC MB NU OU PR TB TR), so the mechanism is written
 * as stored (one code per document, see below). A Multibanco reference (PayPay) is written the PT way (DT-CIUS-PT-079.1/079.4/080):
 * `<cbc:PaymentMeansCode name="#DESCRIPTION@ATMPAYMENT#…#">#ENTITY@ATMPAYMENT#12345#</cbc:PaymentMeansCode>`
 * `<cbc:PaymentID>#REFERENCE@ATMPAYMENT#123456789#</cbc:PaymentID>`.
 */
export function paymentMeansXml(doc: FiscalDocumentView, o: ParsedCiusPtOptions): XmlNode[] {
  const mb = o.multibanco;
  if (mb) {
    const attrs: Record<string, string> = {};
    if (mb.description) attrs.name = `#DESCRIPTION@ATMPAYMENT#${fit(mb.description.replace(/#/g, ''), 120)}#`;
    return [
      {
        'cbc:PaymentMeansCode': withAttrs(`#ENTITY@ATMPAYMENT#${mb.entity}#`, attrs),
        'cbc:PaymentID': `#REFERENCE@ATMPAYMENT#${mb.reference}#`,
      },
    ];
  }
  // UBL-SR-47: every PaymentMeans of a document must carry the same code, so a split payment is written as
  // one PaymentMeans. ASSUMPTION: the mechanism that paid the most (the first one on a tie) names it.
  const byMechanism = new Map<string, Dec>();
  for (const p of doc.payments) {
    byMechanism.set(p.mechanism, (byMechanism.get(p.mechanism) ?? new Dec(0)).plus(p.amount));
  }
  let best: [string, Dec] | null = null;
  for (const e of byMechanism) if (!best || e[1].greaterThan(best[1])) best = e;
  return best ? [{ 'cbc:PaymentMeansCode': best[0] }] : [];
}

/**
 * Payment terms (BT-20). EN BR-CO-25: an amount due above zero needs a due date or payment terms; the
 * Invoice carries DueDate, the CreditNote (which has no DueDate in UBL 2.1) carries these terms.
 * ASSUMPTION: Balcão has no credit terms, so an invoice is due on its date ("pronto pagamento").
 */
export function paymentTermsXml(doc: FiscalDocumentView, a: UblAmounts): XmlNode | undefined {
  if (!new Dec(a.payable).greaterThan(0)) return undefined;
  return compact({
    'cbc:Note': doc.type === 'NC' ? `Crédito a regularizar: ${a.payable} EUR` : 'Pronto pagamento',
  });
}
