import type { Page } from '@playwright/test';
import { ARTICLES, artifact, expect, scanAndSee, startSelling, test } from './fixtures';
import { pageApi } from './page-api';

/** Till input that used to be silently changed, and the dead ends of issue 9 E.14 (Chromium, 1366×768). */

async function goToPayment(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Pagar', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Pagamento' })).toBeVisible();
}

async function globalDiscount(page: Page, typed: string) {
  await page.getByRole('button', { name: /Desconto global/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Desconto global da venda' });
  await expect(dialog).toBeVisible();
  await page.keyboard.type(typed);
  return dialog;
}

/** A coffee at a 100 % global discount, approved by the manager's PIN: a sale of 0,00 €. */
async function zeroTotalSale(page: Page): Promise<void> {
  await startSelling(page);
  await scanAndSee(page, ARTICLES.coffee, 1);
  const dialog = await globalDiscount(page, '100');
  await dialog.getByRole('button', { name: 'Aplicar' }).click();
  // Type the PIN only once the dialog is there (keys typed before it opens go to the till, not the keypad).
  const approval = page.getByRole('dialog', { name: 'Autorização do gerente' });
  await expect(approval).toBeVisible();
  await page.keyboard.type('9999');
  await approval.getByRole('button', { name: 'Autorizar' }).click();
  await expect(page.getByTestId('cart-total')).toContainText('0,00');
}

test('"1,5" on a unit article is refused with a message, never turned into 15', async ({ pos: page }) => {
  await startSelling(page);
  await scanAndSee(page, ARTICLES.coffee, 1);
  await page.getByRole('button', { name: 'Qtd.', exact: true }).click();
  const qty = page.getByRole('dialog', { name: /^Quantidade de Café/ });
  await page.keyboard.press('Backspace'); // the dialog opens with the line's quantity
  await page.keyboard.type('1,5');
  await expect(qty.getByTestId('qty-display')).toContainText('1,5');
  await expect(qty.getByRole('alert')).toContainText('vende-se à unidade');
  await expect(qty.getByRole('button', { name: 'Confirmar' })).toBeDisabled();
  await page.screenshot({ path: artifact('till-quantity-refused.png') });
  await page.keyboard.press('Enter'); // nothing is sent
  await expect(qty).toBeVisible();
  // Out of range is refused too, not cut to what fits.
  for (let i = 0; i < 3; i++) await page.keyboard.press('Backspace');
  await page.keyboard.type('1234567');
  await expect(qty.getByTestId('qty-display')).toContainText('1234567');
  await expect(qty.getByRole('alert')).toContainText('A quantidade máxima é 999999');
  await expect(qty.getByRole('button', { name: 'Confirmar' })).toBeDisabled();
  for (let i = 0; i < 7; i++) await page.keyboard.press('Backspace');
  await page.keyboard.type('2');
  await expect(qty.getByTestId('qty-display')).toHaveText(/^2/);
  await expect(qty.getByRole('alert')).toBeHidden();
  await page.keyboard.press('Enter');
  await expect(qty).toBeHidden();
  await expect(page.getByTestId('cart-total')).toContainText('6,98');
  const sale = await pageApi(page, 'sales/current', {});
  expect(sale?.lines[0]?.quantity).toBe('2');
});

test('a 150 % discount is refused with a message, never turned into 15 %', async ({ pos: page }) => {
  await startSelling(page);
  await scanAndSee(page, ARTICLES.coffee, 1);
  const dialog = await globalDiscount(page, '150');
  await expect(dialog.getByTestId('global-discount')).toContainText('150');
  await expect(dialog.getByRole('alert')).toContainText('entre 0 e 100 %');
  await expect(dialog.getByRole('button', { name: 'Aplicar' })).toBeDisabled();
  await page.screenshot({ path: artifact('till-discount-refused.png') });
  await page.keyboard.press('Enter');
  await expect(dialog).toBeVisible();
  // Money, likewise: a third decimal is refused, not dropped.
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Alterar', exact: true }).click();
  const edit = page.getByRole('dialog', { name: 'Alterar linha' });
  await edit.getByRole('tab', { name: 'Preço' }).click();
  for (let i = 0; i < 5; i++) await page.keyboard.press('Backspace');
  await page.keyboard.type('3,499');
  await expect(edit.getByTestId('line-price')).toContainText('3,499');
  await expect(edit.getByRole('alert')).toContainText('No máximo 2 casas decimais');
  await expect(edit.getByRole('button', { name: 'Aplicar' })).toBeDisabled();
  await page.keyboard.press('Escape');
  expect((await pageApi(page, 'sales/current', {}))?.totals.gross).toBe('3.49');
});

test('a 0,00 € sale after a 100 % discount is completed with its FS of 0,00 €', async ({ pos: page }) => {
  await zeroTotalSale(page);

  await goToPayment(page);
  const zero = page.getByTestId('pay-zero');
  await expect(zero).toContainText('0,00 €');
  await page.screenshot({ path: artifact('till-zero-total.png') });
  await zero.getByTestId('pay-zero-complete').click();
  await expect(page.getByTestId('after-sale')).toBeVisible();
  await expect(page.getByTestId('doc-no')).toContainText('FS');
  await expect(page.getByTestId('doc-total')).toContainText('0,00');
  const docs = await pageApi(page, 'fiscal/list-documents', { limit: 5 });
  expect(docs.map((d) => [d.type, d.gross])).toEqual([['FS', '0.00']]);
});

test('a 0,00 € sale can be voided from the payment screen instead: nothing is issued', async ({
  pos: page,
}) => {
  await zeroTotalSale(page);
  await goToPayment(page);
  await page.getByTestId('pay-zero-void').click();
  await expect(page.getByRole('heading', { name: 'Pagamento' })).toBeHidden();
  await expect(page.getByTestId('cart-line')).toHaveCount(0);
  expect(await pageApi(page, 'fiscal/list-documents', { limit: 5 })).toEqual([]);
  expect(await pageApi(page, 'sales/current', {})).toBeNull();
});

test('a partial drawer payment of 1,00 € is undone with "Voltar à venda"', async ({ pos: page }) => {
  await startSelling(page);
  await scanAndSee(page, ARTICLES.coffee, 1);
  await goToPayment(page);
  await page.getByTestId('pay-amount').click();
  for (let i = 0; i < 5; i++) await page.getByRole('button', { name: 'Apagar' }).click();
  await page.keyboard.type('1');
  await page.getByRole('button', { name: /Numerário \(gaveta\)/ }).click();
  await page.locator('.quick-tenders').getByRole('button', { name: '1,00 €' }).click();
  await page.getByRole('button', { name: 'Registar numerário' }).click();
  await expect(page.getByTestId('pay-remaining')).toContainText('2,49');

  const back = page.getByRole('button', { name: 'Voltar à venda' });
  await expect(back).toBeEnabled();
  await back.click();
  const confirm = page.getByRole('alertdialog', { name: 'Devolver o pagamento' });
  await expect(confirm).toContainText('1,00');
  await confirm.getByRole('button', { name: 'Devolver pagamento' }).click();
  await expect(page.getByRole('heading', { name: 'Pagamento' })).toBeHidden();
  await expect(page.getByTestId('cart-line')).toHaveCount(1);
  const sale = await pageApi(page, 'sales/current', {});
  expect(sale).toMatchObject({ status: 'open', paid: '0.00', remaining: '3.49' });
  expect(sale?.payments.map((p) => p.status)).toEqual(['refunded']);
  const x = await pageApi(page, 'shifts/report-x', {});
  expect(x.cash.drawer.expected).toBe('50.00');
});
