import { expect, test } from './fixtures';

/** Issue 15 item 5: the PIN screen warns before the 5th wrong PIN, and the lockout counts down. */
test('warns at the 4th wrong PIN, then the lockout countdown ticks and Voltar still works', async ({
  pos: page,
}) => {
  await page.getByRole('button', { name: /Ana Caixa/ }).click();
  const alert = page.getByRole('alert');
  const dots = page.getByTestId('pin-dots');
  // One wrong PIN at a time: typed, sent, and answered (the dots are cleared) before the next.
  const wrong = async (): Promise<void> => {
    await page.keyboard.type('1234');
    await expect(dots).toHaveAttribute('aria-label', '4 algarismos introduzidos');
    await page.keyboard.press('Enter');
    await expect(dots).toHaveAttribute('aria-label', '0 algarismos introduzidos');
  };
  for (let i = 1; i <= 3; i++) {
    await wrong();
    await expect(alert).toHaveText('PIN incorreto.');
  }
  await wrong();
  await expect(alert).toContainText('mais um PIN errado bloqueia');
  await wrong();
  await expect(alert).toContainText(/Aguarde \d+ s/);
  const seconds = async (): Promise<number> =>
    Number(/Aguarde (\d+) s/.exec((await alert.textContent()) ?? '')?.[1] ?? 'NaN');
  const first = await seconds();
  expect(first).toBeGreaterThan(50);
  expect(first).toBeLessThanOrEqual(60);
  // It ticks: the number goes down while the screen is left alone (it was frozen at "59 s").
  await expect.poll(seconds, { timeout: 10_000 }).toBeLessThan(first);
  await expect(page.getByRole('button', { name: 'Entrar', exact: true })).toBeDisabled();
  await page.getByRole('button', { name: 'Voltar' }).click();
  await expect(page.getByRole('heading', { name: 'Escolha o operador' })).toBeVisible();
});
