import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TestCore } from '../../helpers/core';
import { PAO, payCash, openTill } from './sales-helpers';

/** Issue 15 item 4: an FR to an EU business customer with its VAT id, through the real core. */
describe('a foreign EU VAT id at the till', () => {
  let t: TestCore;
  let caixa: string;
  beforeEach(async () => ({ t, caixa } = await openTill()));
  afterEach(async () => t.close());

  it('accepts ES12345678Z by format, as a business in Spain, and issues the FR with it', async () => {
    await t.call('sales/add-line', { articleId: PAO.id, quantity: '2' }, caixa);
    const sale = await t.call(
      'sales/set-customer',
      { customer: { nif: 'ES 12345678Z', name: 'Distribuciones Peña S.L.' } },
      caixa,
    );
    expect(sale.customer).toMatchObject({ nif: 'ES12345678Z', country: 'ES', isBusiness: true });
    expect(sale.decision).toMatchObject({ type: 'FR', ready: true });
    const doc = (await payCash(t, caixa)).completed!.document;
    expect(doc.type).toBe('FR');
    expect(doc.customer).toMatchObject({ nif: 'ES12345678Z', isConsumidorFinal: false });
  });

  it('refuses a malformed one with the format the country expects, and 13 digits without a negative count', async () => {
    await t.call('sales/add-line', { articleId: PAO.id }, caixa);
    await expect(t.call('sales/set-customer', { customer: { nif: 'DE12345' } }, caixa)).rejects.toMatchObject(
      { code: 'VALIDATION', message: expect.stringContaining('Alemanha') },
    );
    await expect(
      t.call('sales/set-customer', { customer: { nif: '1234567890123' } }, caixa),
    ).rejects.toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('9 algarismos') });
  });
});
