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

/**
 * Issue 13: a typed purchase is corrected before it enters stock. The gerente registers the invoice with the
 * quantity mistyped (21 instead of 12, and the totals typed to match), opens it, corrects the quantity and the
 * totals, confirms it: the stock rises by 12. A second draft typed by mistake is discarded.
 */
test('purchases: correct a wrong quantity before confirming; the stock rises by the corrected quantity', async ({
  pos: page,
}) => {
  await loginWithKeypad(page, 'Rui Gerente', '9999');
  const supplier = await pageApi(page, 'suppliers/save', {
    supplier: { nif: '589309340', name: 'Distribuidora Tejo, Lda.', country: 'PT' },
  });

  await page.getByRole('button', { name: 'Gestão' }).click();
  await page.getByRole('button', { name: 'Compras', exact: true }).click();
  await page.getByTestId('purchases-new').click();
  const form = page.getByTestId('purchase-form');
  await form
    .getByTestId('purchase-supplierId')
    .selectOption({ label: 'Distribuidora Tejo, Lda. (589309340)' });
  await form.getByTestId('purchase-number').fill('FT 2026/312');
  await form.getByTestId('purchase-issueDate').fill('2026-01-20');
  await form.getByTestId('purchase-add-article').fill('pao de forma');
  await form.getByTestId('purchase-add-article-result').filter({ hasText: 'A0001' }).click();
  // The mistake: 21 × 1,10 = 23,10; IVA 6 % = 1,386 → 1,39; 24,49.
  await form.getByTestId('purchase-line-quantity').fill('21');
  await form.getByTestId('purchase-line-unitCost').fill('1,10');
  await form.getByTestId('purchase-net').fill('23,10');
  await form.getByTestId('purchase-vat').fill('1,39');
  await form.getByTestId('purchase-gross').fill('24,49');
  await form.getByTestId('purchase-save').click();

  const dialog = page.getByTestId('purchase-stock-dialog');
  await expect(dialog).toContainText('FT 2026/312');
  await expect(dialog).toContainText('24,49');
  await dialog.getByTestId('purchase-edit').click();
  await expect(dialog).toHaveCount(0);
  await expect(form).toContainText('Corrigir compra');
  await expect(form.getByTestId('purchase-line-quantity')).toHaveValue('21');
  await form.getByTestId('purchase-line-quantity').fill('12');
  // 12 × 1,10 = 13,20; IVA 0,79; 13,99. The totals still say 24,49: the core refuses, next to the totals.
  await expect(form.getByTestId('purchase-computed')).toContainText('com IVA 13,99');
  await form.getByTestId('purchase-save').click();
  await expect(form.getByTestId('purchase-error')).toContainText(
    'Os totais não conferem com o documento do fornecedor: total sem IVA calculado 13,20',
  );
  await form.getByTestId('purchase-net').fill('13,20');
  await form.getByTestId('purchase-vat').fill('0,79');
  await form.getByTestId('purchase-gross').fill('13,99');
  await form.getByTestId('purchase-warehouseId').selectOption({ label: 'LOJA — Loja' });
  await form.getByTestId('purchase-save').click();

  await expect(form).toHaveCount(0);
  await expect(dialog).toContainText('13,99');
  await expect(dialog.getByTestId('purchase-stock-line')).toContainText('12');
  const edit = dialog.getByTestId('purchase-edit-entry');
  await expect(edit).toContainText(/Corrigida em \d\d\/\d\d\/\d{4} \d\d:\d\d por Rui Gerente/);
  await expect(edit).toContainText('armazém, linhas (1 alterada(s)). Total 24,49\u00a0€ → 13,99\u00a0€.');
  await expect(dialog.getByTestId('purchase-warehouse')).toHaveValue(/\d+/);
  await expect(dialog.getByTestId('purchase-warehouse').locator('option:checked')).toHaveText('LOJA — Loja');
  await dialog.getByTestId('purchase-confirm').click();
  await expect(dialog).toContainText('Em stock');
  await expect(dialog.getByRole('button', { name: 'Corrigir' })).toHaveCount(0);
  await expect(dialog.getByTestId('purchase-discard')).toHaveCount(0);
  await dialog.getByRole('button', { name: 'Fechar' }).click();

  await page.getByRole('button', { name: 'Stock', exact: true }).click();
  await expect(page.getByTestId('stock-row').filter({ hasText: 'A0001' })).toContainText('12');
  const [pao] = await pageApi(page, 'catalog/search', { query: 'A0001', limit: 1 });
  const levels = await pageApi(page, 'stock/levels', { articleId: pao.id });
  expect(levels.map((l) => [l.warehouse, l.quantity, l.avgCost])).toEqual([['LOJA', '12', '1.1']]);

  // A draft typed by mistake is thrown away (after a confirmation question); the list no longer shows it.
  await pageApi(page, 'purchases/create-manual', {
    supplierId: supplier.id,
    number: 'FT 2026/313',
    issueDate: '2026-01-21',
    lines: [{ articleId: pao.id, quantity: '1', unitCost: '1.10', vatRate: '6' }],
    typedTotals: { net: '1.10', vat: '0.07', gross: '1.17' },
  });
  await page.getByRole('button', { name: 'Compras', exact: true }).click();
  const rows = page.getByTestId('purchase-row');
  await expect(rows).toHaveCount(2);
  await rows.filter({ hasText: 'FT 2026/313' }).click();
  await dialog.getByTestId('purchase-discard').click();
  const ask = page.getByRole('alertdialog');
  await expect(ask).toContainText('A compra FT FT 2026/313 de Distribuidora Tejo, Lda. (1,17');
  await ask.getByRole('button', { name: 'Descartar compra' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(rows).toHaveCount(1);
  await expect(rows).toContainText('FT 2026/312');
});
