import type { Page } from '@playwright/test';
import { ARTICLES, artifact, expect, loginWithKeypad, openShift, scanAndSee, test } from './fixtures';
import { layoutProblems, lineCount } from './layout-check';

/**
 * Issue 15 item 8: every screen fits the counter PC (1366×768) and the touch screen (1024×768): nothing
 * clipped or off-screen, dialogs keep their buttons visible and close with Escape. Screenshots of the sale,
 * payment, document dialog and Gestão screens at both sizes are kept in tests/artifacts/.
 */
const SIZES = [
  { width: 1366, height: 768 },
  { width: 1024, height: 768 },
] as const;

async function noProblems(page: Page, where: string): Promise<void> {
  expect.soft(await layoutProblems(page), where).toEqual([]);
}

for (const size of SIZES) {
  test(`sale, document choice, payment, document dialog and Gestão fit ${size.width}×${size.height}`, async ({
    pos: page,
  }) => {
    test.setTimeout(120_000);
    await page.setViewportSize(size);
    const tag = String(size.width);
    await loginWithKeypad(page, 'Rui Gerente', '9999');
    await openShift(page);
    // "Rui Gerente" on one line next to its role, not wrapped into three.
    expect.soft(await lineCount(page, 'operator-name')).toBe(1);

    // A big sale: 70 000 × 14,99 € = 1 049 300,00 € plus three articles (the total overflowed at 1366).
    await scanAndSee(page, ARTICLES.nappies, 1);
    await page.getByRole('button', { name: 'Qtd.', exact: true }).click();
    const qty = page.getByRole('dialog', { name: /^Quantidade de Fraldas/ });
    await page.keyboard.press('Backspace');
    await page.keyboard.type('70000');
    await expect(qty.getByTestId('qty-display')).toContainText('70000');
    await noProblems(page, 'quantity dialog');
    await page.keyboard.press('Enter');
    await expect(qty).toBeHidden();
    await scanAndSee(page, ARTICLES.coffee, 2);
    await scanAndSee(page, ARTICLES.biscuits, 3);
    await scanAndSee(page, ARTICLES.sagres, 4);
    await expect(page.getByTestId('cart-total')).toContainText('1\u00a0049\u00a0306,37');
    await expect(page.getByRole('button', { name: 'Anular linha' })).toBeVisible();
    await noProblems(page, 'sale screen');
    await page.screenshot({ path: artifact(`sale-${tag}.png`) });

    // Above the FS limit without a customer: "Pagar" shows the document choice, which fits and closes with Escape.
    await page.getByRole('button', { name: 'Pagar', exact: true }).click();
    const docType = page.getByRole('dialog', { name: 'Tipo de documento' });
    await expect(docType).toBeVisible();
    await expect(docType.getByRole('button', { name: 'Fechar' })).toBeInViewport({ ratio: 1 });
    await noProblems(page, 'Tipo de documento');
    await page.screenshot({ path: artifact(`doc-type-${tag}.png`) });
    await page.keyboard.press('Escape');
    await expect(docType).toBeHidden();

    // The customer form fits too, and keeps its buttons on screen.
    await page.getByTestId('customer').click();
    const customer = page.getByRole('dialog', { name: 'Cliente e NIF' });
    await expect(customer.getByRole('button', { name: 'Usar este cliente' })).toBeInViewport({ ratio: 1 });
    await page.getByLabel('NIF do cliente').fill('123456789');
    await page.getByLabel('Nome', { exact: true }).fill('Maria Silva');
    await page.getByLabel('Morada').fill('Rua das Flores, 10');
    await noProblems(page, 'customer dialog');
    await page.getByRole('button', { name: 'Usar este cliente' }).click();
    await expect(customer).toBeHidden();

    await page.getByRole('button', { name: 'Pagar', exact: true }).click();
    await expect(page.getByRole('heading', { name: 'Pagamento' })).toBeVisible();
    await expect(page.getByTestId('pay-remaining')).toContainText('1\u00a0049\u00a0306,37');
    await noProblems(page, 'payment screen');
    await page.screenshot({ path: artifact(`payment-${tag}.png`) });
    await page.getByRole('button', { name: /Cartão/ }).click();
    await page.getByRole('button', { name: 'Confirmar valor aprovado' }).click();
    await expect(page.getByTestId('after-sale')).toBeVisible();
    await noProblems(page, 'after the sale');
    await page.screenshot({ path: artifact(`after-sale-${tag}.png`) });

    // Gestão → Documentos → the document: buttons visible, Escape closes it.
    await page.getByRole('button', { name: 'Gestão' }).click();
    await page.getByRole('button', { name: 'Documentos' }).click();
    await page.getByTestId('document-row').first().click();
    const dialog = page.getByTestId('document-dialog');
    await expect(dialog.getByRole('button', { name: 'Fechar' })).toBeInViewport({ ratio: 1 });
    await expect(dialog.getByTestId('document-reprint')).toBeInViewport({ ratio: 1 });
    await noProblems(page, 'document dialog');
    await page.screenshot({ path: artifact(`document-dialog-${tag}.png`) });
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await noProblems(page, 'Gestão documents');
    await page.screenshot({ path: artifact(`gestao-${tag}.png`) });
    await page.getByRole('button', { name: 'Empresa' }).click();
    await noProblems(page, 'Gestão company');
  });
}
