import { expect, loginWithKeypad, test } from './fixtures';
import { pageApi } from './page-api';

/**
 * Issue 13 item 9 in Chromium against `balcao serve`: stock put on the shop floor shows in Gestão › Stock with
 * the ledger behind it; Gestão › Transferências/Guias issues a GT of own goods to the warehouse ARM (the stock
 * moves with it) and takes the AT code typed after communicating the guide.
 */
test('stock and guides: see stock, issue a GT to another warehouse, type its AT code', async ({
  pos: page,
}) => {
  await loginWithKeypad(page, 'Rui Gerente', '9999');
  const [butter] = await pageApi(page, 'catalog/search', { query: 'A0005', limit: 1 });
  await pageApi(page, 'stock/warehouse-save', { code: 'ARM', name: 'Armazém' });
  await pageApi(page, 'stock/adjust', {
    articleId: butter.id,
    warehouseId: 1,
    quantity: '12',
    cause: 'adjustment',
    unitCost: '1.10',
  });

  await page.getByRole('button', { name: 'Gestão' }).click();
  await page.getByRole('button', { name: 'Stock', exact: true }).click();
  const row = page.getByTestId('stock-row').filter({ hasText: 'A0005' });
  await expect(row).toContainText('LOJA');
  await expect(row).toContainText('12');
  await row.click();
  await expect(page.getByTestId('stock-move')).toHaveCount(1);
  await expect(page.getByTestId('stock-move')).toContainText('Acerto de inventário');
  await page.getByRole('button', { name: 'Fechar' }).click();

  await page.getByRole('button', { name: 'Transferências/Guias' }).click();
  await page.getByTestId('guide-new').click();
  const form = page.getByTestId('guide-form');
  await form.getByLabel('Armazém de destino').selectOption({ label: 'ARM — Armazém' });
  // The picker searches the origin warehouse's stock (a page of matches, not a <select> of every article).
  await form.getByLabel('Artigo').fill('A0005');
  await form.getByTestId('guide-article-result').filter({ hasText: 'A0005' }).click();
  await expect(form.getByTestId('guide-picked')).toContainText('12 UN em stock neste armazém');
  await form.getByLabel('Quantidade').fill('5');
  await form.getByTestId('guide-add-line').click();
  await expect(form.getByTestId('guide-lines')).toContainText('A0005');
  await form.getByLabel('Matrícula').fill('aa-12-bc');
  await form.getByTestId('guide-issue').click();
  await expect(form).toHaveCount(0);
  const guide = page.getByTestId('guide-row');
  await expect(guide).toHaveCount(1);
  await expect(guide).toContainText(/GT \S+\/1/);
  await expect(guide).toContainText('LOJA → ARM');
  await expect(guide).toContainText('por comunicar');

  await guide.click();
  const at = page.getByTestId('guide-at-code');
  await at.getByLabel('Código AT').fill('x y');
  await at.getByRole('button', { name: 'Guardar' }).click();
  await expect(at).toContainText('Código da AT inválido');
  await at.getByLabel('Código AT').fill('ATDOC42');
  await at.getByRole('button', { name: 'Guardar' }).click();
  await expect(at).toHaveCount(0);
  await expect(guide).toContainText('ATDOC42');

  const levels = await pageApi(page, 'stock/levels', { articleId: butter.id });
  expect(levels.map((l) => [l.warehouse, l.quantity]).sort()).toEqual([
    ['ARM', '5'],
    ['LOJA', '7'],
  ]);
});
