import type { Page, Request } from '@playwright/test';
import {
  expect,
  goToPayment,
  loginWithKeypad,
  openShift,
  payByCard,
  scanAndSee,
  scanBarcode,
  test,
} from './fixtures';
import { pageApi } from './page-api';

/** Pão de forma Bimbo 500 g: a favourite of the demo catalogue (a tile on the empty selling screen). */
const PAO = '5601234100013';
/** Leite meio-gordo: not a favourite. */
const LEITE = '5601234100037';

/** The API channels the page asks for, and how many of its requests are still unanswered. */
function watchApi(page: Page) {
  const asked: string[] = [];
  const open = new Set<Request>();
  const api = (r: Request): boolean => r.url().includes('/api/') && !r.url().includes('/api/events');
  page.on('request', (r) => {
    if (!api(r)) return;
    asked.push(r.url().slice(r.url().indexOf('/api/') + 5));
    open.add(r);
  });
  page.on('requestfinished', (r) => open.delete(r));
  page.on('requestfailed', (r) => open.delete(r));
  return { asked, open: () => open.size };
}

/**
 * Issue 15 (pos.scan_to_line): the next sale starts with a scan on the after-sale screen. The selling screen it
 * brings back shows the favourites and their stock as they are after the sale just done, read while the after-sale
 * screen was up: the scan's line does not wait for (nor share the page with) catalogue and stock requests.
 */
test('the next sale: the scan is the only request, and the favourite tiles show the stock after the sale', async ({
  pos: page,
}) => {
  const api = watchApi(page);
  await loginWithKeypad(page, 'Rui Gerente', '9999');
  const { article: pao } = await pageApi(page, 'catalog/by-barcode', { barcode: PAO });
  await pageApi(page, 'stock/adjust', {
    articleId: pao.id,
    warehouseId: 1,
    quantity: '3',
    cause: 'adjustment',
    unitCost: '0.80',
  });
  await openShift(page);
  const tile = page.locator(`[data-article="${pao.code}"]`);
  await expect(tile.getByTestId('tile-stock')).toHaveText('Stock 3');

  await scanAndSee(page, PAO, 1);
  await goToPayment(page);
  await expect.poll(() => api.open()).toBe(0);
  api.asked.length = 0;
  await payByCard(page);

  // The cashier gives the change and the receipt: whatever the screen asks for meanwhile is answered.
  await expect.poll(() => api.open()).toBe(0);
  await page.waitForTimeout(300);
  await expect.poll(() => api.open()).toBe(0);
  // The stock is read once for the sale done (its answer and the sales/completed event both complete it).
  expect(api.asked.filter((c) => c === 'stock/availability')).toHaveLength(1);
  api.asked.length = 0;

  await scanBarcode(page, LEITE);
  await expect(page.getByTestId('cart-line')).toHaveCount(1);
  await expect(tile.getByTestId('tile-stock')).toHaveText('Stock 2');
  await page.waitForTimeout(300);
  expect(api.asked).toEqual(['sales/scan']);
});
