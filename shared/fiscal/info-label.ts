/**
 * How a document's "additional information" entry is labelled on paper, on the A4 PDF and on screen. The name
 * is stored as the sale or the import wrote it ("Nº Encomenda", "Numero de encomenda"…) and a fiscal document
 * never changes; the label follows pt-PT style: an order number is always "N.º Encomenda" (issue 15 item 7).
 * Accepts the same names as the iLink order reference (electron/core/integrations/ilink/codec/order-reference.ts).
 */
export const ORDER_LABEL = 'N.º Encomenda';

const ORDER_NAME = /^(?:(?:n|no|nr|num|numero) (?:de )?)?encomenda$/;

function key(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[º°ª.:]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export function infoLabel(name: string): string {
  return ORDER_NAME.test(key(name)) ? ORDER_LABEL : name;
}
