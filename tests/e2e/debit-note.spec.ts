import { artifact, expect, loginWithKeypad, test } from './fixtures';

/**
 * Issue 12 item 4 (ND from the back office) in Chromium against `balcao serve`: the gerente issues an FT, then a
 * nota de débito against it — refused without a reason, with the totals previewed from the origin's VAT — and
 * settles both with one RG from the ND; the customer's conta corrente ends at a balance of zero.
 */
test('Faturação: FT, an ND against it with a reason, both settled by one RG, balance zero', async ({
  pos: page,
}) => {
  await loginWithKeypad(page, 'Rui Gerente', '9999');
  await page.getByRole('button', { name: 'Gestão' }).click();
  await page.getByRole('button', { name: 'Faturação', exact: true }).click();

  const form = page.getByTestId('invoice-form');
  await form.getByTestId('invoice-nif').fill('501964843');
  await form.getByTestId('invoice-name').fill('Oficina Débito, Lda.');
  await form.getByTestId('invoice-free-line').click();
  const line = form.getByTestId('invoice-line').first();
  await line.getByLabel('Descrição').fill('Reparação');
  await line.getByLabel('Preço c/ IVA').fill('123,00');
  await form.getByTestId('invoice-issue').click();
  const doc = page.getByTestId('document-dialog');
  await expect(doc).toContainText('Reparação');
  const ftNo = (await page.getByTestId('invoice-last').textContent())!.match(/FT \S+/)![0];

  await doc.getByTestId('document-nd').click();
  const nd = page.getByTestId('nd-dialog');
  await expect(nd).toContainText(`Nota de débito sobre ${ftNo}`);
  // Half of the origin line again (at its price and VAT) and a free line for the carriage.
  await nd.getByLabel('A debitar Reparação').fill('0,5');
  await nd.getByTestId('nd-free-line').click();
  const free = nd.getByTestId('nd-line').first();
  await free.getByLabel('Descrição').fill('Portes de envio');
  await free.getByLabel('Preço c/ IVA').fill('12,30');
  // 61,50 + 12,30 with VAT at 23 % (the origin's rate): base 60,00, VAT 13,80.
  await expect(nd.getByTestId('nd-total')).toHaveText(
    'Total da nota de débito: 73,80 € (base 60,00 € + IVA 13,80 €)',
  );
  // The reason is mandatory: the same schema as the core says so under the field, and nothing is issued.
  await nd.getByTestId('nd-issue').click();
  await expect(page.getByTestId('error-nd-reason')).toContainText('Indique o motivo');
  await expect(nd).toBeVisible();
  await nd.getByTestId('nd-reason').fill('Portes e meia reparação');
  await nd.getByTestId('nd-issue').click();
  await expect(page.getByText(/Nota de débito ND \S+ emitida\./)).toBeVisible();

  // The ND opens: it refers to the FT and is due; Recibo settles it together with the FT.
  const ndDoc = page.getByTestId('document-dialog');
  await expect(ndDoc).toContainText(ftNo);
  await expect(ndDoc).toContainText('Portes e meia reparação');
  await page.screenshot({ path: artifact('debit-note-document.png') });
  await ndDoc.getByTestId('document-receipt').click();
  const rg = page.getByTestId('receipt-dialog');
  await expect(rg.getByTestId('receipt-row')).toHaveCount(2);
  await rg.getByRole('checkbox', { name: `Liquidar ${ftNo}`, exact: true }).check();
  await expect(rg).toContainText('Total do recibo: 196,80 €');
  await rg.getByTestId('receipt-issue').click();
  await expect(page.getByText(/Recibo RG \S+ emitido\./)).toBeVisible();
  await page.getByTestId('document-dialog').getByRole('button', { name: 'Fechar' }).click();

  // Conta corrente: FT and ND as debits, the RG as the credit, nothing left to pay.
  await page.getByRole('button', { name: 'Clientes', exact: true }).click();
  await page.getByRole('searchbox', { name: /Procurar por nome/ }).fill('oficina debito');
  await expect(page.getByTestId('customer-row')).toHaveCount(1);
  await page.getByTestId('customer-row').click();
  await page.getByTestId('customer-tab-account').click();
  const entries = page.getByTestId('customer-entry');
  await expect(entries).toHaveCount(3);
  await expect(entries.filter({ hasText: /ND \S+\/\d+/ })).toContainText('73,80 €');
  await expect(page.getByTestId('customer-balance')).toHaveText('0,00 €');
  await expect(page.getByTestId('customer-open')).toContainText('Sem documentos.');
  await page.screenshot({ path: artifact('debit-note-account.png') });
});
