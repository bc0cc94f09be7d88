import { artifact, expect, loginWithKeypad, openShift, test } from './fixtures';
import { pageApi } from './page-api';

/**
 * Issue 14 §3 in the browser: Gestão › Relatórios › Vendas. A sale made through the API (2 × Pão de forma,
 * 3,78 €); the report by family shows it in the table (shared kit) and in its chart (SVG from the geometry the
 * PDF draws); the VAT summary shows the rate; the PDF is downloaded from the core.
 */
test('vendas por família: table, chart, VAT summary and PDF', async ({ pos: page }) => {
  await loginWithKeypad(page, 'Rui Gerente', '9999');
  await openShift(page, '20');
  await pageApi(page, 'sales/add-line', { articleId: 1, quantity: '2' });
  await pageApi(page, 'sales/pay-start', { method: 'cash-manual', tendered: '5.00' });

  await page.getByRole('button', { name: 'Gestão' }).click();
  await page.getByRole('button', { name: 'Relatórios' }).click();
  await page.getByTestId('reports-tab-sales').click();
  await expect(page.getByTestId('sales-title')).toContainText('Vendas por família');
  const rows = page.getByTestId('sales-row');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('3,78 €');
  await expect(rows.first()).toContainText('2');
  const chart = page.getByRole('img', { name: 'Vendas por família' });
  await expect(chart).toBeVisible();
  await expect(chart).toContainText('3,78 €');
  await expect(page.getByTestId('sales-totals')).toContainText('Vendas com IVA: 3,78 €');

  await page.getByLabel('Relatório').selectOption('vat');
  await expect(page.getByTestId('sales-title')).toContainText('Resumo do IVA');
  await expect(rows.first()).toContainText(/IVA \d+ %/);
  await expect(page.getByRole('img', { name: /IVA por taxa/ })).toBeVisible();

  const download = page.waitForEvent('download');
  await page.getByTestId('sales-pdf').click();
  expect((await download).suggestedFilename()).toMatch(
    /^vendas-vat-\d{4}-\d{2}-\d{2}-a-\d{4}-\d{2}-\d{2}\.pdf$/,
  );
  await page.screenshot({ path: artifact('sales-reports.png'), fullPage: true });
});
