import { ARTICLES, expect, goToPayment, payByCard, scanAndSee, startSelling, test } from './fixtures';

/** Issue 15 item 7: an error toast belongs to its screen; it does not follow the cashier onto the next. */
test('a stale warning toast is cleared on another screen and on the payment screen', async ({
  pos: page,
}) => {
  await startSelling(page);
  await scanAndSee(page, ARTICLES.nappies, 1);
  await page.getByRole('button', { name: 'Qtd.', exact: true }).click();
  await page.keyboard.press('Backspace');
  await page.keyboard.type('70');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('cart-total')).toContainText('1\u00a0049,30');
  const toast = page.getByTestId('toasts').getByText('têm de identificar o cliente');
  const pay = async (): Promise<void> => {
    await page.getByRole('button', { name: 'Pagar', exact: true }).click();
    await page
      .getByRole('dialog', { name: 'Tipo de documento' })
      .getByRole('button', { name: 'Fechar' })
      .click();
    await expect(toast).toBeVisible();
  };
  // "Pagar" over the FS limit without a customer: a warning toast on the sale screen.
  await pay();
  await page.getByRole('button', { name: 'Turno' }).click();
  await expect(toast).toBeHidden();
  await page.getByRole('button', { name: 'Venda' }).click();

  await pay();
  await page.getByTestId('customer').click();
  await page.getByLabel('NIF do cliente').fill('123456789');
  await page.getByLabel('Nome', { exact: true }).fill('Maria Silva');
  await page.getByLabel('Morada').fill('Rua das Flores, 10');
  await page.getByRole('button', { name: 'Usar este cliente' }).click();
  await goToPayment(page);
  await expect(toast).toBeHidden();
  await payByCard(page);
  await expect(page.locator('.toast--error, .toast--warning')).toHaveCount(0);
});
