import { expect, loginWithKeypad, test } from './fixtures';
import { pageApi } from './page-api';

/**
 * Issue 13 item 7 in Chromium against `balcao serve`: a GT delivered to a customer is invoiced later from
 * Gestão › Transferências/Guias ("Faturar guia"): the FT form comes prefilled with the guide's lines, the FT is
 * issued, the guide shows "Faturada (FT …)", the FT's lines reference the guide, and stock moved only once.
 */
test('invoice a GT to a customer from Guias: marked faturada, the FT references it', async ({
  pos: page,
}) => {
  await loginWithKeypad(page, 'Rui Gerente', '9999');
  const [butter] = await pageApi(page, 'catalog/search', { query: 'A0005', limit: 1 });
  await pageApi(page, 'stock/adjust', {
    articleId: butter.id,
    warehouseId: 1,
    quantity: '12',
    cause: 'adjustment',
    unitCost: '1.10',
  });
  const gt = await pageApi(page, 'guides/issue', {
    type: 'GT',
    customer: {
      nif: '501964843',
      name: 'Restaurante O Tasco, Lda.',
      address: 'Rua das Flores, 12',
      postalCode: '4050-262',
      city: 'Porto',
    },
    lines: [{ articleId: butter.id, quantity: '4' }],
  });

  await page.getByRole('button', { name: 'Gestão' }).click();
  await page.getByRole('button', { name: 'Transferências/Guias' }).click();
  const row = page.getByTestId('guide-row').filter({ hasText: gt.docNo });
  await expect(row).toContainText('Restaurante O Tasco');
  await expect(row).toContainText('Emitida');
  await row.getByTestId('guide-invoice').click();

  const dialog = page.getByTestId('guide-invoice-dialog');
  const form = dialog.getByTestId('invoice-form');
  await expect(form.getByTestId('invoice-nif')).toHaveValue('501964843');
  await expect(form.getByTestId('invoice-name')).toHaveValue('Restaurante O Tasco, Lda.');
  const line = form.getByTestId('invoice-line');
  await expect(line).toHaveCount(1);
  await expect(line.getByTestId('invoice-line-guide')).toHaveText(`Ref. ${gt.docNo}`);
  await expect(line.getByLabel('Qtd.')).toHaveValue('4');
  await line.getByLabel('Preço c/ IVA').fill('2,50');
  await form.getByTestId('invoice-issue').click();
  await expect(dialog).toHaveCount(0);

  await expect(row).toContainText(/Faturada \(FT \S+\/1\)/);
  await expect(row.getByTestId('guide-invoice')).toHaveCount(0);
  const [g] = (await pageApi(page, 'guides/list', {})).filter((x) => x.id === gt.id);
  expect(g).toMatchObject({ status: 'F' });
  const ft = await pageApi(page, 'fiscal/get-document', { docNo: g!.invoice! });
  expect(ft.lines.map((l) => [l.originDocNo, l.quantity, l.unitPriceGross])).toEqual([
    [gt.docNo, '4', '2.50'],
  ]);
  // The guide took the goods out; the FT did not take them again.
  const levels = await pageApi(page, 'stock/levels', { articleId: butter.id });
  expect(levels.map((l) => l.quantity)).toEqual(['8']);
});
