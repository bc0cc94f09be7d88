import { ARTICLES, expect, loginWithKeypad, scanAndSee, startSelling, test } from './fixtures';
import { pageApi } from './page-api';

/**
 * Issue 15 item 10: two tabs on one terminal share the cart, so they must not show two operators. A login in
 * one tab is followed by every other tab of the browser: the stale tab shows the new operator (and says so),
 * calls the core as that operator, and a reload keeps it so; a logout in one tab ends it in the others.
 */
test('tab 1 follows the login of tab 2 and never acts as the first operator again', async ({
  pos: tab1,
  balcao,
}) => {
  await startSelling(tab1); // Ana Caixa
  await scanAndSee(tab1, ARTICLES.coffee, 1);
  expect((await pageApi(tab1, 'auth/whoami', {})).operator.name).toBe('Ana Caixa');

  const tab2 = await tab1.context().newPage();
  await tab2.goto(balcao.url);
  // A new tab starts at the PIN screen: it acts for nobody until someone types a PIN.
  await expect(tab2.getByRole('button', { name: /Rui Gerente/ })).toBeVisible();
  await loginWithKeypad(tab2, 'Rui Gerente', '9999');

  await tab1.bringToFront();
  await expect(tab1.getByTestId('operator-name')).toHaveText('Rui Gerente');
  await expect(tab1.getByTestId('toasts')).toContainText(
    'Sessão aberta noutro separador: este separador passa a ser de Rui Gerente.',
  );
  // What tab 1 sends to the core is Rui's session, not Ana's.
  expect((await pageApi(tab1, 'auth/whoami', {})).operator.name).toBe('Rui Gerente');
  await tab1.reload();
  await expect(tab1.getByTestId('operator-name')).toHaveText('Rui Gerente');

  // Logging out in tab 2 ends it in tab 1 as well: back to the PIN screen.
  await tab2.bringToFront();
  await tab2.getByRole('button', { name: 'Sair', exact: true }).click();
  await tab1.bringToFront();
  await expect(tab1.getByRole('button', { name: /Ana Caixa/ })).toBeVisible();
  await expect(tab1.getByTestId('operator-name')).toHaveCount(0);
});
