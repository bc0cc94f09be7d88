import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eanCheckDigit } from '../../../shared/ean';
import type { TestCore } from '../../helpers/core';
import { BANANAS_PLU, LEITE, PAO, openTill } from '../sales/sales-helpers';

/**
 * Issue 15 item 7: "2 art." counted the cart's lines. It counts the articles the customer takes: 3 loaves are
 * 3 articles; a weighed line (1,250 kg of bananas) is one; a voided line none. Through the real dispatcher.
 */
let t: TestCore;
let caixa: string;
beforeEach(async () => ({ t, caixa } = await openTill()));
afterEach(async () => t.close());

describe('article count of a sale', () => {
  it('counts units of counted articles and one per weighed line, on the sale and on a suspended sale', async () => {
    await t.call('sales/add-line', { articleId: PAO.id, quantity: '3' }, caixa);
    const body = `${BANANAS_PLU}01250`;
    await t.call('sales/scan', { barcode: body + eanCheckDigit(body) }, caixa);
    let sale = await t.call('sales/add-line', { articleId: LEITE.id, quantity: '2' }, caixa);
    sale = await t.call('sales/void-line', { lineId: sale.lines[2].id }, caixa);
    expect(sale.totals.itemCount).toBe(2);
    expect(sale.totals.articleCount).toBe(4);
    const suspended = await t.call('sales/suspend', { label: 'Cliente do casaco' }, caixa);
    expect(suspended).toMatchObject({ itemCount: 2, articleCount: 4 });
  });
});
