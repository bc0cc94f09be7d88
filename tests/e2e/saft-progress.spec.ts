import { expect, loginWithKeypad, test } from './fixtures';

/**
 * The SAF-T export runs on a worker and pushes `saft/progress`. On a busy machine the last push ("done") can reach
 * the screen before the answer to `saft/export-start` does; the screen used to drop it (it only followed the run it
 * already knew) and then showed "running" for ever (a clean-clone CI run failed so). Here the answer is held back on
 * purpose until the export is surely over: the panel must still end at "done", from the early push or a status poll.
 */
test('SAF-T export: the progress ends at done even when the start answer arrives after the last push', async ({
  pos: page,
}) => {
  await loginWithKeypad(page, 'Rui Gerente', '9999');
  await page.route('**/api/saft/export-start', async (route) => {
    const response = await route.fetch();
    await new Promise((r) => setTimeout(r, 4_000));
    await route.fulfill({ response });
  });
  await page.getByRole('button', { name: 'Gestão' }).click();
  await page.getByRole('button', { name: 'SAF-T (PT)', exact: true }).click();
  const saft = page.getByTestId('saft-panel');
  await saft.getByTestId('saft-export').click();
  const progress = saft.getByTestId('saft-progress');
  await expect(progress).toHaveAttribute('data-state', 'done', { timeout: 15_000 });
  await expect(progress).toContainText('Exportação concluída');
  await expect(saft.getByTestId('saft-download')).toBeVisible();
});
