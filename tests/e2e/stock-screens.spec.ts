import { ARTICLES, expect, loginWithKeypad, openShift, payByCard, scanAndSee, test } from './fixtures';
import { pageApi, stockArticle } from './page-api';

/**
 * Issue 13 items 3, 5, 6 in Chromium against `balcao serve`: a minimum set in Gestão › Stock, a sale at the till
 * (which shows the stock on the tile) taking the article below it, then the article in Artigos a encomendar and
 * the low-stock badge; an inventory count with one difference, confirmed, the adjustment in Stock; the
 * valuation's totals per warehouse.
 */
test('reorder: set a minimum, sell below it, see it in Artigos a encomendar and the badge', async ({
  pos: page,
}) => {
  await loginWithKeypad(page, 'Rui Gerente', '9999');
  await openShift(page);
  const sagres = await stockArticle(page, ARTICLES.sagres, '3');

  await page.getByRole('button', { name: 'Gestão' }).click();
  await page.getByRole('button', { name: 'Stock', exact: true }).click();
  await page.getByTestId('stock-row').filter({ hasText: sagres.code }).click();
  const rule = page.getByTestId('reorder-rule');
  await rule.getByLabel('Stock mínimo').fill('3');
  await rule.getByLabel('Quantidade de encomenda').fill('24');
  await rule.getByTestId('reorder-save').click();
  await expect(page.getByText('Stock mínimo guardado.')).toBeVisible();
  await page.getByTestId('stock-ledger').getByRole('button', { name: 'Fechar' }).click();
  // At the minimum: nothing to order yet.
  await expect(page.getByTestId('to-order-badge')).toHaveCount(0);

  // The till shows the stock on the tile, then sells one.
  await page.getByRole('button', { name: 'Venda' }).click();
  await page.getByRole('searchbox', { name: /Pesquisar/ }).fill(sagres.code);
  const tile = page.locator(`#pos-results [data-article="${sagres.code}"]`);
  await expect(tile.getByTestId('tile-stock')).toHaveText('Stock 3');
  await page.getByRole('searchbox', { name: /Pesquisar/ }).fill('');
  await scanAndSee(page, ARTICLES.sagres, 1);
  await page.getByRole('button', { name: 'Pagar', exact: true }).click();
  await payByCard(page);

  await page.getByRole('button', { name: 'Gestão' }).click();
  await expect(page.getByTestId('to-order-badge')).toHaveText('1');
  await page.getByRole('button', { name: /A encomendar/ }).click();
  await expect(page.getByRole('heading', { name: 'Artigos a encomendar' })).toBeVisible();
  const row = page.getByTestId('to-order-row');
  await expect(row).toHaveCount(1);
  await expect(row).toContainText(sagres.code);
  await expect(row).toContainText('LOJA');
  await expect(row).toContainText('2 UN');
  await expect(row).toContainText('3 UN');
  await expect(row).toContainText('24 UN');
  // An adjustment is no purchase: no last supplier or cost yet (those are core-tested: reorder.test.ts).
});

test('inventory count: one difference, confirmed, the adjustment shows in Stock', async ({ pos: page }) => {
  await page.setViewportSize({ width: 1024, height: 768 });
  await loginWithKeypad(page, 'Rui Gerente', '9999');
  await openShift(page);
  const { article: coffee } = await pageApi(page, 'catalog/by-barcode', { barcode: ARTICLES.coffee });
  await pageApi(page, 'stock/adjust', {
    articleId: coffee.id,
    warehouseId: 1,
    quantity: '10',
    cause: 'adjustment',
    unitCost: '2.1',
  });

  await page.getByRole('button', { name: 'Gestão' }).click();
  await page.getByRole('button', { name: 'Inventário' }).click();
  await page.getByTestId('count-start').click();
  const sheet = page.getByTestId('count-sheet');
  await expect(sheet).toBeVisible();
  // The scanner types the barcode into the code box and ends with Enter; then the counted quantity + Enter.
  const code = sheet.getByLabel('Código ou código de barras');
  await code.fill(ARTICLES.coffee);
  await code.press('Enter');
  const qty = sheet.locator('#count-qty');
  await expect(qty).toBeFocused();
  await qty.fill('8');
  await qty.press('Enter');
  const line = sheet.getByTestId('count-line').filter({ hasText: coffee.code });
  await expect(line.getByTestId('count-difference')).toHaveText('-2');
  await expect(code).toBeFocused();

  await sheet.getByTestId('count-confirm').click();
  await expect(page.getByRole('alertdialog')).toContainText('1 artigos');
  await page
    .getByRole('alertdialog')
    .getByRole('button', { name: /Confirmar|Sim|OK/ })
    .first()
    .click();
  await expect(page.getByText('Contagem confirmada: 1 acertos de stock.')).toBeVisible();
  await expect(page.getByTestId('count-head').first()).toContainText('Confirmada');

  await page.getByRole('button', { name: 'Stock', exact: true }).click();
  const row = page.getByTestId('stock-row').filter({ hasText: coffee.code });
  await expect(row).toContainText('8 UN');
  await row.click();
  await expect(page.getByTestId('stock-move')).toHaveCount(2);
  await expect(page.getByTestId('stock-move').first()).toContainText('count:');
  await expect(page.getByTestId('stock-move').first()).toContainText('-2');
});

test('valuation: totals per warehouse, a negative balance flagged', async ({ pos: page }) => {
  await loginWithKeypad(page, 'Rui Gerente', '9999');
  const { article: coffee } = await pageApi(page, 'catalog/by-barcode', { barcode: ARTICLES.coffee });
  const { article: nappies } = await pageApi(page, 'catalog/by-barcode', { barcode: ARTICLES.nappies });
  const arm = await pageApi(page, 'stock/warehouse-save', { code: 'ARM', name: 'Armazém' });
  const adjust = (articleId: number, warehouseId: number, quantity: string, unitCost?: string) =>
    pageApi(page, 'stock/adjust', {
      articleId,
      warehouseId,
      quantity,
      cause: 'adjustment',
      ...(unitCost ? { unitCost } : {}),
    });
  await adjust(coffee.id, 1, '3', '2.105'); // 6,315 → 6,32 €
  await adjust(nappies.id, 1, '2', '9.5'); // 19,00 €
  await adjust(nappies.id, arm.id, '4', '10'); // 40,00 €
  await adjust(nappies.id, arm.id, '-5'); // -1 × 10 = -10,00 € (negative, flagged)

  await page.getByRole('button', { name: 'Gestão' }).click();
  await page.getByRole('button', { name: 'Valorização de stock' }).click();
  const whs = page.getByTestId('valuation-warehouse');
  await expect(whs).toHaveCount(2);
  await expect(whs.filter({ hasText: 'LOJA' })).toContainText('25,32');
  await expect(whs.filter({ hasText: 'ARM' })).toContainText('-10,00');
  await expect(page.getByTestId('valuation-total')).toContainText('15,32');
  await expect(page.getByTestId('valuation-negative')).toHaveCount(1);
  await expect(page.getByTestId('valuation-negative')).toContainText('-1 UN');

  await page.getByLabel('Armazém', { exact: true }).selectOption({ label: 'ARM — Armazém' });
  await expect(whs).toHaveCount(1);
  await expect(page.getByTestId('valuation-total')).toContainText('-10,00');
  await expect(page.getByTestId('valuation-line')).toHaveCount(1);
});

test('stock list: a sorted column and the filter box, through the core pages (stock/levels-page)', async ({
  pos: page,
}) => {
  await loginWithKeypad(page, 'Rui Gerente', '9999');
  const { article: coffee } = await pageApi(page, 'catalog/by-barcode', { barcode: ARTICLES.coffee });
  const { article: nappies } = await pageApi(page, 'catalog/by-barcode', { barcode: ARTICLES.nappies });
  const adjust = (articleId: number, quantity: string, unitCost: string) =>
    pageApi(page, 'stock/adjust', { articleId, warehouseId: 1, quantity, cause: 'adjustment', unitCost });
  await adjust(coffee.id, '2', '1.5'); // 3,00 €
  await adjust(nappies.id, '40', '9.5'); // 380,00 €: the most valuable line
  const all = await pageApi(page, 'stock/levels-page', { sort: 'value', descending: true, limit: 1000 });

  await page.getByRole('button', { name: 'Gestão' }).click();
  await page.getByRole('button', { name: 'Stock', exact: true }).click();
  const rows = page.getByTestId('stock-row');
  await expect(rows.first()).toBeVisible();
  await expect(rows).toHaveCount(Math.min(50, all.total));
  // Sorted by the core: "Valor" twice is descending, the nappies first, as the channel orders every line.
  const table = page.getByTestId('stock-levels');
  await table.getByRole('button', { name: 'Valor' }).click();
  await table.getByRole('button', { name: 'Valor' }).click();
  await expect(rows.first()).toContainText(nappies.code);
  await expect(rows.first()).toContainText(all.rows[0]!.code);
  // Filtered by the core: the coffee's code alone.
  await table.getByRole('searchbox').fill(coffee.code);
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(coffee.code);
  await expect(rows.first()).toContainText('2 UN');
});
