import { artifact, expect, loginWithKeypad, openShift, test } from './fixtures';
import { pageApi } from './page-api';

/**
 * Gestão › Artigos (issue 12 item 1) and accent-free search in Portuguese order (issue 15 item 3), in Chromium
 * against the real `balcao serve`: the gerente creates an article, finds it at the till by typing without
 * accents, picks it with ArrowDown + Enter among several results, and sells it.
 */
test('create an article in Gestão, find it at the till without accents, pick it with ArrowDown + Enter, sell it', async ({
  pos: page,
}) => {
  await loginWithKeypad(page, 'Rui Gerente', '9999');
  await openShift(page);
  await page.getByRole('button', { name: 'Gestão' }).click();
  await page.getByRole('button', { name: 'Artigos' }).click();
  await page.getByRole('button', { name: 'Novo artigo' }).click();

  const form = page.getByRole('form', { name: 'Novo artigo' });
  await form.locator('input[name="code"]').fill('PL01');
  await form.locator('input[name="name"]').fill('Pão de Ló de Ovar');
  await form.locator('input[name="family"]').fill('Pastelaria');
  await form.locator('input[name="price"]').fill('7,5');
  await form.locator('select[name="taxCode"]').selectOption('RED');
  // A wrong check digit is refused as it is typed, next to the field.
  await form.locator('textarea[name="barcodes"]').fill('5609999000013');
  await expect(form.getByTestId('error-barcodes')).toContainText('devia ser 2');
  await form.locator('textarea[name="barcodes"]').fill('5609999000012');
  await expect(form.getByTestId('error-barcodes')).toBeHidden();
  await form.getByRole('button', { name: 'Gravar artigo' }).click();
  await expect(page.getByText('Artigo PL01 gravado.')).toBeVisible();
  await expect(page.getByTestId('article-net')).toContainText('Sem IVA: 7,0755 € · IVA 6 %');
  await page.screenshot({ path: artifact('articles-editor.png') });

  // The back office's filter is accent-free too.
  await page.getByRole('searchbox', { name: /Filtrar/ }).fill('pao de lo');
  await expect(page.locator('tr[data-article]')).toHaveCount(1);
  await expect(page.locator('tr[data-article="PL01"]')).toBeVisible();

  await page.getByRole('button', { name: 'Venda' }).click();
  const search = page.getByRole('searchbox', { name: /Pesquisar/ });
  await search.fill('pao');
  // Several results, in Portuguese order; ArrowDown twice chooses the second one, Enter sells it.
  const tiles = page.locator('#pos-results [data-article]');
  // Read the list once the answer to "pao" is on screen: the new article is in it (not the tiles of the
  // catalogue or of a search still on its way, which a full run once read).
  await expect(page.getByRole('heading', { name: 'Resultados para «pao»' })).toBeVisible();
  await expect(tiles.locator('.article-tile-name').filter({ hasText: /^Pão de Ló de Ovar$/ })).toHaveCount(1);
  const codes = await tiles.evaluateAll((els) => els.map((e) => e.getAttribute('data-article')));
  expect(codes.length).toBeGreaterThan(1);
  const names = await tiles.locator('.article-tile-name').allTextContents();
  expect(names).toEqual([...names].sort(new Intl.Collator('pt-PT').compare));
  const second = names.indexOf('Pão de Ló de Ovar');
  expect(second).toBeGreaterThanOrEqual(0);
  for (let i = 0; i <= second; i++) await search.press('ArrowDown');
  await expect(page.locator('.article-tile--active')).toContainText('Pão de Ló de Ovar');
  await search.press('Enter');
  await expect(page.getByTestId('cart-line')).toHaveCount(1);
  await expect(page.getByTestId('cart-line')).toContainText('Pão de Ló de Ovar');

  await page.getByRole('button', { name: 'Pagar', exact: true }).click();
  await page.getByRole('button', { name: /Numerário \(gaveta\)/ }).click();
  await page.locator('.quick-tenders').getByRole('button', { name: '7,50 €' }).click();
  await page.getByRole('button', { name: 'Registar numerário' }).click();
  await expect(page.getByTestId('after-sale')).toBeVisible();
  await expect(page.getByTestId('doc-total')).toContainText('7,50');

  // Now on a document: the article can no longer be deleted, and its description is locked.
  const [art] = await pageApi(page, 'catalog/search', { query: 'PL01' });
  const detail = await pageApi(page, 'catalog/detail', { id: art!.id });
  expect(detail.usedOnDocuments).toBe(true);
});

test('the till lists results in Portuguese order: Água before Arroz, Açúcar before Azeite', async ({
  pos: page,
}) => {
  await loginWithKeypad(page, 'Ana Caixa', '1111');
  await openShift(page);
  const search = page.getByRole('searchbox', { name: /Pesquisar/ });
  await search.fill('a');
  const names = page.locator('#pos-results .article-tile-name');
  // The list is read once the answer to "a" is on screen (not the tiles of a search still on its way).
  await expect(names.filter({ hasText: /^Açúcar/ })).toHaveCount(1);
  const list = await names.allTextContents();
  const at = (prefix: string) => list.findIndex((n) => n.startsWith(prefix));
  expect(at('Açúcar')).toBeGreaterThanOrEqual(0);
  expect(at('Açúcar')).toBeLessThan(at('Azeite'));
  expect(at('Água')).toBeLessThan(at('Arroz'));
  await search.fill('AGUA');
  await expect(names).toHaveText(['Água com gás Pedras 250 ml', 'Água Luso 1,5 L']);
});
