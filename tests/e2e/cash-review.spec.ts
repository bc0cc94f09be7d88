import { artifact, expect, loginWithKeypad, openShift, scanBarcode, test } from './fixtures';
import { pageApi } from './page-api';

const PAO = '5601234100013'; // Pão de forma, 1,89 €

/**
 * Issue 9 A.3 in the browser: a power cut after a partial insert into the (simulated) CI-5. The till shows the
 * payment as being verified and takes no second payment; the manager returns the kept coin from the review list.
 */
test('power cut after a partial CI-5 insert: the manager returns the coin from the review list', async ({
  pos: page,
}) => {
  await loginWithKeypad(page, 'Rui Gerente', '9999');
  await openShift(page);
  await scanBarcode(page, PAO);
  await expect(page.getByTestId('cart-line')).toHaveCount(1);
  await page.getByRole('button', { name: 'Pagar', exact: true }).click();
  await page.getByRole('button', { name: /Numerário \(máquina\)/ }).click();
  const live = page.getByTestId('cash-live');
  await live.getByRole('button', { name: '1 €', exact: true }).click();
  await expect(page.getByTestId('cash-inserted')).toContainText('1,00');

  // The world, not the cashier: the power goes and comes back (training simulator's fault injection).
  await pageApi(page, 'cash/sim-fault', { kind: 'power', unit: 'coins' });
  await pageApi(page, 'cash/sim-clear', {});

  const verifying = page.getByTestId('payment-verifying');
  await expect(verifying).toContainText('A máquina guardou 1,00', { timeout: 30_000 });
  await expect(page.locator('.pay-item-status')).toHaveText('a verificar com a máquina');
  await page.screenshot({ path: artifact('cash-review-verifying.png') });

  await page.getByRole('button', { name: 'Gestão' }).click();
  await page.getByRole('button', { name: 'Máquina de numerário' }).click();
  await page.getByTestId('cash-tab-review').click();
  const item = page.getByTestId('cash-review-resolve');
  await expect(item).toContainText('guardou 1,00');
  await page.screenshot({ path: artifact('cash-review-resolve.png') });
  await page.getByTestId('cash-review-return').click();
  await expect(page.getByText('Devolvidos 1,00 € ao cliente pela máquina')).toBeVisible();
  await expect(page.getByTestId('cash-review-empty')).toBeVisible();

  const sale = await pageApi(page, 'sales/current', {});
  expect(sale?.payments.map((p) => p.status)).toEqual(['cancelled']);
  expect(sale?.paid).toBe('0.00');
  expect(await pageApi(page, 'fiscal/list-documents', { limit: 5 })).toEqual([]);
});
