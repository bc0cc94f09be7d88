import {
  ARTICLES,
  artifact,
  expect,
  goToPayment,
  payByCard,
  scanAndSee,
  shownDocNo,
  startSelling,
  test,
} from './fixtures';

/** "1 000,00 €" (pt-PT display, non-breaking spaces): the FS limit for retail sales. */
const FS_LIMIT = 'até 1\u00a0000,00\u00a0€ para';

test('an over-limit FS is refused: explained in Portuguese, payment blocked until the customer is identified', async ({
  pos: page,
}) => {
  await startSelling(page);
  await scanAndSee(page, ARTICLES.nappies, 1);
  await expect(page.getByTestId('doc-type')).toContainText('Fatura simplificada');

  // 70 packs × 14,99 € = 1 049,30 €: above the 1 000 € FS limit for retail to a private consumer (CIVA 40.º).
  await page.getByRole('button', { name: 'Qtd.', exact: true }).click();
  const qty = page.getByRole('dialog', { name: /^Quantidade de Fraldas/ });
  await expect(qty.getByTestId('qty-display')).toContainText('1');
  await page.keyboard.press('Backspace'); // the dialog opens with the line's quantity
  await page.keyboard.type('70');
  await expect(qty.getByTestId('qty-display')).toContainText('70');
  await page.keyboard.press('Enter');
  await expect(qty).toBeHidden();
  await expect(page.getByTestId('cart-total')).toContainText('1\u00a0049,30');

  // The screen says which document the sale needs and why it cannot be paid yet.
  const docType = page.getByTestId('doc-type');
  await expect(docType).toContainText('Fatura-recibo');
  await expect(docType).toContainText('têm de identificar o cliente');

  // "Pagar" does not open the payment: it explains, and shows the document choice with FS forbidden.
  await page.getByRole('button', { name: 'Pagar', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Tipo de documento' });
  await expect(dialog).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Pagamento' })).toBeHidden();
  const fsChoice = dialog.getByRole('button', { name: /Fatura simplificada/ });
  await expect(fsChoice).toBeDisabled();
  await expect(fsChoice).toContainText('não permitido');
  await expect(fsChoice).toContainText('A fatura simplificada só é permitida até');
  await expect(fsChoice).toContainText(FS_LIMIT);
  await expect(fsChoice).toContainText('venda a retalho a consumidor particular (art. 40.º do CIVA)');
  await expect(dialog.getByRole('alert')).toContainText(
    'a particulares têm de identificar o cliente (NIF, nome e morada). Indique o cliente.',
  );
  await page.screenshot({ path: artifact('doc-choice-fs-refused.png') });
  await dialog.getByRole('button', { name: 'Fechar' }).click();

  // The customer gives a NIF, name and address: a fatura-recibo can be issued.
  await page.getByTestId('customer').click();
  await page.getByLabel('NIF do cliente').fill('123456789');
  await expect(page.getByTestId('nif-help')).toContainText('NIF válido');
  await page.getByLabel('Nome', { exact: true }).fill('Maria Silva');
  await page.getByLabel('Morada').fill('Rua das Flores, 10');
  await page.getByRole('button', { name: 'Usar este cliente' }).click();
  await expect(docType).toContainText('Fatura-recibo');
  await expect(docType).toContainText('o cliente indicou NIF');
  await expect(docType).not.toContainText('têm de identificar');

  await goToPayment(page);
  await expect(page.getByTestId('pay-remaining')).toContainText('1\u00a0049,30');
  await payByCard(page);
  expect(await shownDocNo(page)).toMatch(/^FR /);
  await expect(page.getByTestId('doc-total')).toContainText('1\u00a0049,30');
  await expect(page.getByTestId('after-sale')).toContainText('123456789');
  await page.screenshot({ path: artifact('doc-choice-over-limit-fr.png') });
});
