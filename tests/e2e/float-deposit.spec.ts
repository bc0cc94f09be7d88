import { expect, loginWithKeypad, test } from './fixtures';
import { pageApi } from './page-api';

/** The float is counted in once (issue 9 E.13): the CI-5's count, confirmed by the cashier when it differs. */
test('declared 20 €, the CI-5 counts 17 €: the cashier is asked, accepts, and the X shows a 17 € float once', async ({
  pos: page,
}) => {
  await loginWithKeypad(page, 'Ana Caixa', '1111');
  await expect(page.getByRole('heading', { name: 'Abrir turno' })).toBeVisible();
  await page.keyboard.type('20');
  await page.getByLabel('Depositar o fundo na máquina de numerário (CI-5)').check();
  await page.getByRole('button', { name: /^Abrir turno com/ }).click();
  await expect(page.getByRole('heading', { name: 'Depósito do fundo na máquina' })).toBeVisible();
  for (const v of ['10 €', '5 €', '2 €']) await page.getByRole('button', { name: v, exact: true }).click();
  await expect(page.getByTestId('float-inserted')).toContainText('17,00');

  await page.getByRole('button', { name: 'Terminar depósito' }).click();
  const ask = page.getByRole('alertdialog', { name: 'O CI-5 contou outro valor' });
  await expect(ask).toContainText('17,00');
  await expect(ask).toContainText('20,00');
  // "Continuar a inserir" keeps the deposit open.
  await ask.getByRole('button', { name: 'Continuar a inserir' }).click();
  await expect(page.getByRole('heading', { name: 'Depósito do fundo na máquina' })).toBeVisible();
  await page.getByRole('button', { name: 'Terminar depósito' }).click();
  await ask.getByRole('button', { name: /Aceitar 17,00/ }).click();
  await expect(page.getByRole('searchbox')).toBeVisible();

  const x = await pageApi(page, 'shifts/report-x', {});
  expect(x.cash).toMatchObject({ openingFloat: '17.00', expected: '17.00', drawer: { expected: '0.00' } });
  expect(x.cash.machine?.expected).toBe('17.00');
});
