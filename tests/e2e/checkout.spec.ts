import type { Page } from '@playwright/test';
import { artifact, expect, loginWithKeypad, openShift, scanBarcode, test } from './fixtures';

const COFFEE = '5601234100211'; // Café torrado moído Delta 250 g, 3,49 €

async function startSelling(page: Page): Promise<void> {
  await loginWithKeypad(page, 'Ana Caixa', '1111');
  await openShift(page);
}

async function goToPayment(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Pagar', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Pagamento' })).toBeVisible();
}

test('cash sale through the simulated CI-5 with change', async ({ pos: page }) => {
  await startSelling(page);
  await scanBarcode(page, COFFEE);
  await expect(page.getByTestId('cart-line')).toHaveCount(1);
  await expect(page.getByTestId('doc-type')).toContainText('Fatura simplificada');
  await goToPayment(page);
  await expect(page.getByTestId('pay-remaining')).toContainText('3,49');

  await page.getByRole('button', { name: /Numerário \(máquina\)/ }).click();
  const live = page.getByTestId('cash-live');
  await expect(live).toBeVisible();
  await expect(page.getByTestId('cash-missing')).toContainText('3,49');
  // Training: play the customer at the simulator, inserting a 5 € note.
  await live.getByRole('button', { name: '5 €', exact: true }).click();

  const after = page.getByTestId('after-sale');
  await expect(after).toBeVisible({ timeout: 20_000 });
  await expect(page.getByTestId('after-change')).toContainText('1,51');
  await expect(page.getByTestId('doc-no')).toContainText('FS');
  await expect(page.getByTestId('doc-total')).toContainText('3,49');
  await expect(page.getByTestId('doc-qr')).toBeVisible();
  await page.screenshot({ path: artifact('checkout-cash-change.png') });

  // Reprint, then the next customer starts by simply scanning.
  await page.getByRole('button', { name: /Reimprimir/ }).click();
  await expect(page.getByText('Segunda via enviada para a impressora.')).toBeVisible();
  await scanBarcode(page, COFFEE);
  await expect(after).toBeHidden();
  await expect(page.getByTestId('cart-line')).toHaveCount(1);
});

test('sale paid exactly in manual cash (drawer)', async ({ pos: page }) => {
  await startSelling(page);
  await scanBarcode(page, COFFEE);
  await scanBarcode(page, COFFEE);
  await goToPayment(page);
  await page.getByRole('button', { name: /Numerário \(gaveta\)/ }).click();
  await page.locator('.quick-tenders').getByRole('button', { name: '6,98 €' }).click();
  await expect(page.getByTestId('manual-change')).toContainText('Troco a dar: 0,00');
  await page.getByRole('button', { name: 'Registar numerário' }).click();
  await expect(page.getByTestId('after-sale')).toBeVisible();
  await expect(page.getByText('Sem troco.')).toBeVisible();
  await expect(page.getByTestId('doc-total')).toContainText('6,98');
  await page.screenshot({ path: artifact('checkout-exact-cash.png') });
});

test('a CI-5 payment cancelled mid-way returns to the payment screen with nothing paid', async ({
  pos: page,
}) => {
  await startSelling(page);
  await scanBarcode(page, COFFEE);
  await goToPayment(page);
  await page.getByRole('button', { name: /Numerário \(máquina\)/ }).click();
  const live = page.getByTestId('cash-live');
  await live.getByRole('button', { name: '2 €', exact: true }).click();
  await expect(page.getByTestId('cash-inserted')).toContainText('2,00');
  await expect(page.getByTestId('cash-missing')).toContainText('1,49');
  await page.getByRole('button', { name: 'Cancelar e devolver o dinheiro' }).click();
  await expect(live).toBeHidden({ timeout: 20_000 });
  await expect(page.locator('.pay-item--cancelled')).toBeVisible();
  await expect(page.getByTestId('pay-remaining')).toContainText('3,49');
  await page.screenshot({ path: artifact('checkout-cancelled.png') });
  await page.getByRole('button', { name: 'Voltar à venda' }).click();
  await expect(page.getByTestId('cart-line')).toHaveCount(1);
});

test('customer NIF validated as typed makes the sale an FR, paid by card', async ({ pos: page }) => {
  await startSelling(page);
  await scanBarcode(page, COFFEE);
  await page.getByTestId('customer').click();
  const nif = page.getByLabel('NIF do cliente');
  await nif.fill('123456780');
  await expect(page.getByTestId('nif-help')).toContainText('dígito de controlo errado');
  await nif.fill('1234');
  await expect(page.getByTestId('nif-help')).toContainText('Faltam 5 algarismos');
  await nif.fill('123456789');
  await expect(page.getByTestId('nif-help')).toContainText('NIF válido');
  await page.getByLabel('Nome', { exact: true }).fill('Maria Silva');
  await page.getByRole('button', { name: 'Usar este cliente' }).click();
  await expect(page.getByTestId('customer')).toContainText('123456789');
  await expect(page.getByTestId('doc-type')).toContainText('Fatura-recibo');
  await expect(page.getByTestId('doc-type')).toContainText('NIF');

  await goToPayment(page);
  await page.getByRole('button', { name: /Cartão/ }).click();
  await expect(page.getByTestId('approved-amount')).toContainText('3,49');
  await page.getByRole('button', { name: 'Confirmar valor aprovado' }).click();
  await expect(page.getByTestId('after-sale')).toBeVisible();
  await expect(page.getByTestId('doc-no')).toContainText('FR');
  await expect(page.getByTestId('after-sale')).toContainText('123456789');
  await page.screenshot({ path: artifact('checkout-fr-card.png') });
});

test('split payment: part by card, the rest in manual cash with change', async ({ pos: page }) => {
  await startSelling(page);
  await scanBarcode(page, COFFEE);
  await scanBarcode(page, COFFEE);
  await goToPayment(page);
  // Charge 5,00 by card first.
  await page.getByTestId('pay-amount').click();
  for (const k of ['Apagar', 'Apagar', 'Apagar', 'Apagar', 'Apagar'])
    await page.getByRole('button', { name: k }).click();
  await page.keyboard.type('5');
  await page.getByRole('button', { name: /Cartão/ }).click();
  await page.getByRole('button', { name: 'Confirmar valor aprovado' }).click();
  await expect(page.getByTestId('pay-remaining')).toContainText('1,98');
  await page.getByRole('button', { name: /Numerário \(gaveta\)/ }).click();
  await page.locator('.quick-tenders').getByRole('button', { name: '5,00 €' }).click();
  await page.getByRole('button', { name: 'Registar numerário' }).click();
  await expect(page.getByTestId('after-sale')).toBeVisible();
  await expect(page.getByTestId('after-change')).toContainText('3,02');
  await expect(page.getByTestId('after-sale')).toContainText('Cartão');
});

test('a suspended sale is recalled later', async ({ pos: page }) => {
  await startSelling(page);
  await scanBarcode(page, COFFEE);
  await page.getByRole('button', { name: 'Suspender' }).click();
  await page.getByLabel('Nome para a encontrar depois (opcional)').fill('Senhora do casaco azul');
  await page.getByRole('dialog').getByRole('button', { name: 'Suspender' }).click();
  await expect(page.getByTestId('cart-line')).toHaveCount(0);
  await scanBarcode(page, '5601234100297'); // another customer meanwhile: Sagres
  await expect(page.getByTestId('cart-line')).toHaveCount(1);
  await page.getByRole('button', { name: 'Anular venda' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Anular venda' }).click();
  await expect(page.getByTestId('cart-line')).toHaveCount(0);

  await page.getByRole('button', { name: /Retomar/ }).click();
  await page.getByRole('button', { name: /Senhora do casaco azul/ }).click();
  await expect(page.getByTestId('cart-line')).toHaveCount(1);
  await expect(page.getByTestId('cart-line')).toContainText('Café torrado');
});

test('partial return as a credit note refunded in cash, then shift close with a Z report', async ({
  pos: page,
}) => {
  await startSelling(page);
  await scanBarcode(page, COFFEE);
  await scanBarcode(page, COFFEE);
  await goToPayment(page);
  await page.getByRole('button', { name: /Numerário \(gaveta\)/ }).click();
  await page.locator('.quick-tenders').getByRole('button', { name: '10,00 €' }).click();
  await page.getByRole('button', { name: 'Registar numerário' }).click();
  await expect(page.getByTestId('after-change')).toContainText('3,02');
  const docNo = (await page.getByTestId('doc-no').textContent())?.trim() ?? '';
  expect(docNo).toMatch(/^FS /);
  await page.getByRole('button', { name: 'Nova venda' }).click();

  // Return one of the two coffees.
  await page.getByRole('button', { name: 'Devoluções' }).click();
  await page.getByRole('searchbox').fill(docNo);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('found-doc')).toHaveText(docNo);
  await page.getByTestId('returnable-line').getByRole('button', { name: 'Mais um' }).click();
  await expect(page.getByTestId('refund-total')).toContainText('3,49');
  await page.getByLabel('Motivo').fill('Embalagem danificada');
  await page.getByRole('button', { name: /Numerário \(gaveta\)/ }).click();
  await page.getByRole('button', { name: 'Emitir nota de crédito' }).click();
  // A cashier's return needs the manager's PIN.
  const approval = page.getByRole('dialog', { name: 'Autorização do gerente' });
  await expect(approval).toBeVisible();
  await page.keyboard.type('9999');
  await approval.getByRole('button', { name: 'Autorizar' }).click();
  await expect(page.getByTestId('return-result')).toBeVisible();
  await expect(page.getByTestId('return-result').getByTestId('doc-no')).toContainText('NC');
  await page.screenshot({ path: artifact('return-nc.png') });

  // Close the shift with a blind count: 50 float + 6,98 sale − 3,49 refund = 53,49 expected in cash.
  await page.getByRole('button', { name: 'Turno' }).click();
  await page.getByRole('button', { name: 'Relatório X' }).click();
  await expect(page.getByTestId('report-X')).toBeVisible();
  await page.getByRole('button', { name: 'Fechar turno (Z)' }).click();
  await page.keyboard.type('53,49');
  await page.getByRole('button', { name: 'Fechar turno', exact: true }).click();
  const z = page.getByTestId('report-Z');
  await expect(z).toBeVisible();
  await expect(page.getByTestId('report-net')).toContainText('3,49');
  await expect(page.getByTestId('report-cash')).toContainText('53,49');
  await page.screenshot({ path: artifact('shift-z-report.png') });
});
