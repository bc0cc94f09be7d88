import { artifact, expect, loginWithKeypad, openShift, test } from './fixtures';

test('pay-in through the CI-5: the machine counts what is fed until the amount is reached', async ({
  pos: page,
}) => {
  await loginWithKeypad(page, 'Ana Caixa', '1111');
  await openShift(page, '50');
  await page.getByRole('button', { name: 'Turno' }).click();
  await page.getByRole('button', { name: 'Entrada', exact: true }).click();
  const panel = page.getByTestId('movement-payin');
  await page.keyboard.type('15');
  await panel.getByRole('button', { name: 'Reforço de trocos' }).click();
  await panel.getByRole('button', { name: 'Máquina CI-5' }).click();
  await panel.getByTestId('movement-confirm').click();

  const feeding = page.getByTestId('movement-payin-machine');
  await expect(feeding).toBeVisible();
  // Training: feed the simulated machine a 10 € note and a 5 € note; the pay-in ends by itself at 15 €.
  await feeding.getByRole('button', { name: '10 €', exact: true }).click();
  await expect(page.getByTestId('movement-inserted')).toContainText('10,00');
  await feeding.getByRole('button', { name: '5 €', exact: true }).click();
  await expect(page.getByText('Entrada de 15,00 € registada.')).toBeVisible({ timeout: 20_000 });
  await page.screenshot({ path: artifact('shift-payin-machine.png') });

  // The X report counts it as money in the machine.
  await page.getByRole('button', { name: 'Relatório X' }).click();
  await expect(page.getByTestId('report-X')).toContainText('15,00');
});
