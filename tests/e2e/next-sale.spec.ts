import {
  ARTICLES,
  expect,
  goToPayment,
  loginWithKeypad,
  openShift,
  payByCard,
  scanAndSee,
  scanBarcode,
  startSelling,
  test,
} from './fixtures';
import { stockArticle } from './page-api';

/**
 * Issue 15 (pos.scan_to_line, the first scan after each sale): the selling screen stays mounted under the
 * payment and after-sale screens, and the after-sale screen gives way when the scan's line is there.
 */
test('the next customer’s first scan goes from the after-sale screen to the sale with its line, no empty screen between', async ({
  pos: page,
}) => {
  await startSelling(page);
  await scanAndSee(page, ARTICLES.sagres, 1);
  await goToPayment(page);
  await payByCard(page);

  // Every DOM state the page goes through from here: is the after-sale screen there, how many lines are shown.
  await page.evaluate(() => {
    const states: Array<{ after: boolean; lines: number }> = [];
    const note = (): void => {
      states.push({
        after: document.querySelector('[data-testid="after-sale"]') !== null,
        lines: [...document.querySelectorAll('[data-testid="cart-line"]')].filter(
          (el) => (el as HTMLElement).offsetParent !== null && getComputedStyle(el).visibility === 'visible',
        ).length,
      });
    };
    new MutationObserver(note).observe(document.body, { subtree: true, childList: true, attributes: true });
    (globalThis as unknown as { __states: typeof states }).__states = states;
  });
  await scanBarcode(page, ARTICLES.coffee);
  await expect(page.getByTestId('cart-line')).toHaveCount(1);
  await expect(page.getByTestId('cart-line')).toContainText('Café');
  await expect(page.getByTestId('after-sale')).toHaveCount(0);
  const states = await page.evaluate(
    () => (globalThis as unknown as { __states: Array<{ after: boolean; lines: number }> }).__states,
  );
  // Before: the scan first drew the empty selling screen (and its answer waited behind that frame).
  expect(states.filter((s) => !s.after && s.lines === 0)).toEqual([]);
  expect(states.at(-1)).toEqual({ after: false, lines: 1 });
});

test('after a sale the kept selling screen starts with an empty search and reads the stock again', async ({
  pos: page,
}) => {
  await loginWithKeypad(page, 'Rui Gerente', '9999'); // stock/adjust is the manager's
  await openShift(page);
  const sagres = await stockArticle(page, ARTICLES.sagres, '3');
  const search = page.getByRole('searchbox', { name: /Pesquisar/ });
  await search.fill(sagres.code);
  const tile = page.locator(`#pos-results [data-article="${sagres.code}"]`);
  await expect(tile.getByTestId('tile-stock')).toHaveText('Stock 3');
  await tile.click();
  await expect(page.getByTestId('cart-line')).toHaveCount(1);
  await goToPayment(page);
  await payByCard(page);
  await page.getByRole('button', { name: 'Nova venda' }).click();

  await expect(search).toHaveValue('');
  await expect(page.getByTestId('cart-line')).toHaveCount(0);
  await search.fill(sagres.code);
  await expect(tile.getByTestId('tile-stock')).toHaveText('Stock 2');
});

test('the line buttons act on the selected line of the sale on screen: more, less, void, edit', async ({
  pos: page,
}) => {
  await startSelling(page);
  await scanAndSee(page, ARTICLES.coffee, 1);
  await scanAndSee(page, ARTICLES.sagres, 2);
  const lines = page.getByTestId('cart-line');
  // The line just scanned is the selected one; then the first, chosen by a tap.
  await expect(lines.nth(1)).toHaveAttribute('aria-selected', 'true');
  await lines.nth(0).click();
  await expect(lines.nth(0)).toHaveAttribute('aria-selected', 'true');
  await page.getByRole('button', { name: 'Mais um' }).click();
  await expect(lines.nth(0)).toContainText('2 × 3,49 €');
  await expect(lines.nth(0)).toContainText('6,98 €');
  await page.getByRole('button', { name: 'Menos um' }).click();
  await expect(lines.nth(0)).toContainText('1 × 3,49 €');
  await lines.nth(1).dblclick();
  await expect(page.getByRole('dialog', { name: /Alterar linha/ })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await lines.nth(1).click();
  await page.getByRole('button', { name: 'Anular linha' }).click();
  await expect(lines).toHaveCount(1);
  await expect(lines).toContainText('Café');
  await expect(page.getByTestId('cart-line-voided')).toContainText('Sagres');
});
