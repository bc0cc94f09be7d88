import { Dec } from '../../../shared/money';

/**
 * "N art." on the till and on a suspended sale: the articles the customer takes home, not the cart's lines.
 * Issue 15 item 7. A line of a counted article (unit UN) with a whole quantity counts its quantity ("3 × Pão"
 * = 3); any other line — weighed or measured goods (KG, L, M), or a fraction of a unit — counts as one article
 * (1,255 kg of bananas is one bag). ASSUMPTION: that is how a cashier counts a basket; voided lines count 0.
 */
export function articleCount(lines: readonly { quantity: string; unit: string; voided: boolean }[]): number {
  let n = 0;
  for (const l of lines) {
    if (l.voided) continue;
    const q = new Dec(l.quantity);
    n += l.unit === 'UN' && q.isInteger() && q.gt(0) ? q.toNumber() : 1;
  }
  return n;
}
