import { ARTICLES, expect, loginWithKeypad, openShift, scanBarcode, test } from './fixtures';

/**
 * Issue 15 (pos.scan_to_line): once the page's WebSocket is open, the till's calls go over it
 * (electron/server/ws-calls.ts), not one HTTP request each; the sale is the same either way.
 */
test('scans travel over the open WebSocket, not as HTTP requests', async ({ pos: page }) => {
  await loginWithKeypad(page, 'Ana Caixa', '1111');
  await openShift(page);
  await expect(page.getByText('Núcleo', { exact: true })).toBeVisible();
  const http: string[] = [];
  page.on('request', (r) => {
    if (new URL(r.url()).pathname.startsWith('/api/sales/')) http.push(r.url());
  });
  await scanBarcode(page, ARTICLES.sagres);
  await scanBarcode(page, ARTICLES.coffee);
  await expect(page.getByTestId('cart-line')).toHaveCount(2);
  await scanBarcode(page, ARTICLES.coffee);
  await expect(page.getByTestId('cart-line').last()).toContainText('2 × 3,49 €');
  expect(http).toEqual([]);
});
