import {
  ARTICLES,
  artifact,
  expect,
  loginWithKeypad,
  openSale,
  openShift,
  payByCard,
  scanAndSee,
  shownDocNo,
  test,
} from './fixtures';

/**
 * Gestão › Clientes (issue 12 item 3), in Chromium against the real `balcao serve`: the gerente registers a
 * customer (the form checks the post code as it is typed), the till finds that customer by name without accents
 * and issues an FR to them, and the document shows in the customer's conta corrente.
 */
test('register a customer in Gestão, pick them at the till for an FR, see it in their conta corrente', async ({
  pos: page,
}) => {
  await loginWithKeypad(page, 'Rui Gerente', '9999');
  await openShift(page);
  await page.getByRole('button', { name: 'Gestão' }).click();
  await page.getByRole('button', { name: 'Clientes', exact: true }).click();
  await page.getByTestId('customer-new').click();

  const form = page.getByTestId('customer-editor');
  await form.locator('input[name="nif"]').fill('501964843');
  await form.locator('input[name="name"]').fill('Padaria Açoriana, Lda.');
  await form.locator('input[name="address"]').fill('Rua da Sé, 12');
  await form.locator('input[name="postalCode"]').fill('9500050');
  await expect(form.getByTestId('error-customer-postalCode')).toContainText('NNNN-NNN');
  await form.locator('input[name="postalCode"]').fill('9500-050');
  await expect(form.getByTestId('error-customer-postalCode')).toBeHidden();
  await form.locator('input[name="city"]').fill('Ponta Delgada');
  await form.locator('input[name="paymentTermsDays"]').fill('30');
  await form.getByTestId('customer-save').click();
  await expect(page.getByText('Cliente Padaria Açoriana, Lda. guardado.')).toBeVisible();
  await expect(page.getByTestId('customer-row')).toContainText(['Padaria Açoriana, Lda.']);
  await page.screenshot({ path: artifact('customers-editor.png') });

  // At the till: found by name without accents, picked, an FR paid by card.
  await openSale(page);
  await scanAndSee(page, ARTICLES.coffee, 1);
  await page.getByTestId('customer').click();
  await page.getByTestId('customer-search').fill('acoriana');
  await page.getByTestId('customer-hit').first().click();
  await expect(page.getByTestId('nif-help')).toContainText('Padaria Açoriana');
  await page.getByRole('button', { name: 'Usar este cliente' }).click();
  await expect(page.getByTestId('customer')).toContainText('501964843');
  await page.getByRole('button', { name: 'Pagar', exact: true }).click();
  await payByCard(page);
  const docNo = await shownDocNo(page);
  expect(docNo).toMatch(/^FR /);

  // Gestão › Clientes › the customer › Conta corrente shows the document; identity is now read-only.
  await page.getByRole('button', { name: 'Gestão' }).click();
  await page.getByRole('button', { name: 'Clientes', exact: true }).click();
  await page.getByRole('searchbox', { name: /Procurar por nome/ }).fill('padaria acoriana');
  await expect(page.getByTestId('customer-row')).toHaveCount(1);
  await page.getByTestId('customer-row').click();
  await expect(page.getByTestId('customer-frozen')).toBeVisible();
  await page.getByTestId('customer-tab-account').click();
  await expect(page.getByTestId('customer-entry')).toHaveCount(1);
  await expect(page.getByTestId('customer-entry')).toContainText(docNo);
  await expect(page.getByTestId('customer-balance')).toHaveText('0,00 €');
  await page.screenshot({ path: artifact('customers-account.png') });
});

test('a caixa does not see the manager-only Clientes and Fornecedores sections', async ({ pos: page }) => {
  await loginWithKeypad(page, 'Ana Caixa', '1111');
  await openShift(page);
  await page.getByRole('button', { name: 'Gestão' }).click();
  await expect(page.getByRole('button', { name: 'Artigos' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Clientes', exact: true })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Fornecedores' })).toHaveCount(0);
});
