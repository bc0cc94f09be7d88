import { expect, loginWithKeypad, test } from './fixtures';
import { pageApi } from './page-api';

/**
 * Issue 13 item 4 in Chromium against `balcao serve`: the gerente types a supplier invoice in Gestão › Compras
 * (the article found by its name without accents), the core refuses totals that differ from the paper, then
 * registers it; confirming it into the shop floor raises the stock shown in Gestão › Stock.
 */
test('purchases: register a supplier invoice, confirm it, see the stock rise', async ({ pos: page }) => {
  await loginWithKeypad(page, 'Rui Gerente', '9999');
  await pageApi(page, 'suppliers/save', {
    supplier: { nif: '589309340', name: 'Distribuidora Tejo, Lda.', country: 'PT' },
  });

  await page.getByRole('button', { name: 'Gestão' }).click();
  await page.getByRole('button', { name: 'Compras', exact: true }).click();
  await page.getByTestId('purchases-new').click();
  const form = page.getByTestId('purchase-form');
  await form
    .getByTestId('purchase-supplierId')
    .selectOption({ label: 'Distribuidora Tejo, Lda. (589309340)' });
  await form.getByTestId('purchase-number').fill('FT 2026/311');
  await form.getByTestId('purchase-issueDate').fill('2026-01-20');
  await form.getByTestId('purchase-add-article').fill('pao de forma');
  await form.getByTestId('purchase-add-article-result').filter({ hasText: 'A0001' }).click();
  await expect(form.getByTestId('purchase-line')).toContainText('Pão de forma');
  await form.getByTestId('purchase-line-quantity').fill('12');
  await form.getByTestId('purchase-line-unitCost').fill('1,10');
  // 12 × 1,10 = 13,20; IVA 6 % = 0,792 → 0,79; 13,99. The VAT typed wrong first.
  await expect(form.getByTestId('purchase-computed')).toContainText('com IVA 13,99');
  await form.getByTestId('purchase-net').fill('13,20');
  await form.getByTestId('purchase-vat').fill('0,80');
  await form.getByTestId('purchase-gross').fill('14,00');
  await form.getByTestId('purchase-save').click();
  await expect(form.getByTestId('purchase-error')).toContainText(
    'Os totais não conferem com o documento do fornecedor: IVA calculado 0,79',
  );
  await form.getByTestId('purchase-vat').fill('0,79');
  await form.getByTestId('purchase-gross').fill('13,99');
  await form.getByTestId('purchase-save').click();

  const dialog = page.getByTestId('purchase-stock-dialog');
  await expect(dialog).toContainText('FT 2026/311');
  await expect(dialog).toContainText('Por confirmar');
  await expect(page.getByTestId('purchase-row')).toContainText('Por confirmar');
  await dialog.getByTestId('purchase-warehouse').selectOption({ label: 'LOJA — Loja' });
  await dialog.getByTestId('purchase-confirm').click();
  await expect(dialog).toContainText('Em stock');
  await expect(dialog.getByTestId('purchase-confirm')).toHaveCount(0);
  await dialog.getByRole('button', { name: 'Fechar' }).click();
  const row = page.getByTestId('purchase-row');
  await expect(row).toContainText('Em stock');
  await expect(row).toContainText('LOJA');
  await expect(row).toContainText('13,99');

  await page.getByRole('button', { name: 'Stock', exact: true }).click();
  const stock = page.getByTestId('stock-row').filter({ hasText: 'A0001' });
  await expect(stock).toContainText('LOJA');
  await expect(stock).toContainText('12');
  const [pao] = await pageApi(page, 'catalog/search', { query: 'A0001', limit: 1 });
  const levels = await pageApi(page, 'stock/levels', { articleId: pao.id });
  expect(levels.map((l) => [l.warehouse, l.quantity, l.avgCost])).toEqual([['LOJA', '12', '1.1']]);
});
