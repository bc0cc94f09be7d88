import { createTestCore, type TestCore } from '../../helpers/core';
import type { CoreOptions } from '../../../electron/core/core';

/** Demo catalogue (resources/demo-catalogue.json): Pão de forma 1.89 (IVA 6 %), weighed bananas 1.79/kg. */
export const PAO = { id: 1, barcode: '5601234100013', price: '1.89' };
export const LEITE = { id: 3, barcode: '5601234100037', price: '0.95' };
export const BANANAS_PLU = '2510056';

/** A real core on a temp SQLite file; no cash machine unless asked (the manual drawer). */
export async function salesCore(opts: Partial<CoreOptions> = {}): Promise<TestCore> {
  return createTestCore({ cash: { settings: { kind: 'none' } }, ...opts });
}

export async function openShift(t: TestCore, token: string, openingFloat = '50.00'): Promise<void> {
  await t.call('shifts/open', { openingFloat }, token);
}

/** Pays what is due in drawer cash and returns the result. */
export async function payCash(t: TestCore, token: string, tendered?: string) {
  return t.call('sales/pay-start', { method: 'cash-manual', ...(tendered ? { tendered } : {}) }, token);
}

/** The usual start of a till test: a sales core, the cashier logged in and a shift opened with its float. */
export async function openTill(openingFloat?: string): Promise<{ t: TestCore; caixa: string }> {
  const t = await salesCore();
  const caixa = await t.login('caixa');
  await openShift(t, caixa, openingFloat);
  return { t, caixa };
}
