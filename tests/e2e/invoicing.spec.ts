import { artifact, expect, loginWithKeypad, test } from './fixtures';

/**
 * Issue 12 items 4, 5, 8 in Chromium against `balcao serve` (a training terminal): the gerente issues an FT from
 * Gestão › Faturação to a customer with a N.º Encomenda, registers its payment as an RG, finds the FT by the
 * customer's NIF in Documentos (liquidado), and exports SAF-T for the month with progress, then downloads it.
 */
test('Faturação: FT with N.º Encomenda, its RG, found by NIF in Documentos, SAF-T export with progress', async ({
  pos: page,
}) => {
  await loginWithKeypad(page, 'Rui Gerente', '9999');
  await page.getByRole('button', { name: 'Gestão' }).click();
  await page.getByRole('button', { name: 'Faturação', exact: true }).click();

  const form = page.getByTestId('invoice-form');
  // The NIF is checked as typed by the same schema the core runs.
  await form.getByTestId('invoice-nif').fill('501964842');
  await expect(form.getByText(/NIF/).and(page.getByRole('alert')).first()).toBeVisible();
  await form.getByTestId('invoice-nif').fill('501964843');
  await form.getByTestId('invoice-name').fill('Papelaria Central, Lda.');
  await form.getByTestId('invoice-order').fill('ENC-2025/77');
  await form.getByTestId('invoice-find-article').fill('pao');
  await form.getByTestId('invoice-article-hits').getByRole('button').first().click();
  await form.getByTestId('invoice-free-line').click();
  const free = form.getByTestId('invoice-line').nth(1);
  await free.getByLabel('Descrição').fill('Serviço de montagem');
  await free.getByLabel('Preço c/ IVA').fill('61,50');
  await free.getByLabel('Desc. %').fill('10');
  await form.getByTestId('invoice-issue').click();

  const dialog = page.getByTestId('document-dialog');
  await expect(dialog).toContainText('N.º Encomenda');
  await expect(dialog).toContainText('ENC-2025/77');
  const docNo = (await page.getByTestId('invoice-last').textContent())!.match(/FT \S+/)![0];
  await dialog.getByTestId('document-receipt').click();

  const rg = page.getByTestId('receipt-dialog');
  await expect(rg.getByTestId('receipt-row')).toHaveCount(1);
  await rg.getByTestId('receipt-issue').click();
  await expect(page.getByText(/Recibo RG \S+ emitido\./)).toBeVisible();
  await expect(page.getByTestId('document-dialog')).toContainText('RG');
  await page.getByTestId('document-dialog').getByRole('button', { name: 'Fechar' }).click();

  await page.getByRole('button', { name: 'Documentos', exact: true }).click();
  await page.getByLabel('Cliente (nome ou NIF)').fill('501964843');
  const rows = page.getByTestId('document-row');
  await expect(rows).toHaveCount(2);
  const ftRow = rows.filter({ hasText: docNo.replace('FT ', '') }).filter({ hasText: 'FT' });
  await expect(ftRow.getByTestId('document-state')).toHaveText('liquidado');
  await page.getByLabel('Estado', { exact: true }).selectOption('por-liquidar');
  await expect(page.getByText('Ainda não há documentos deste tipo.')).toBeVisible();
  await page.screenshot({ path: artifact('invoicing-documents.png') });

  await page.getByRole('button', { name: 'SAF-T (PT)', exact: true }).click();
  const saft = page.getByTestId('saft-panel');
  await saft.getByTestId('saft-export').click();
  const progress = saft.getByTestId('saft-progress');
  await expect(progress).toHaveAttribute('data-state', 'done', { timeout: 30_000 });
  await expect(progress).toContainText('Exportação concluída');
  const download = page.waitForEvent('download');
  await saft.getByTestId('saft-download').click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^SAFT-PT_\d{4}-\d{2}-01_\d{4}-\d{2}-\d{2}\.xml$/);
  const text = (await import('node:fs')).readFileSync((await file.path())!, 'latin1');
  expect(text).toContain('<OriginatingON>ENC-2025/77</OriginatingON>');
  expect(text).toContain(`<InvoiceNo>${docNo}</InvoiceNo>`);
  await page.screenshot({ path: artifact('invoicing-saft.png') });
});
