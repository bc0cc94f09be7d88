import { artifact, expect, loginWithKeypad, test } from './fixtures';
import { pageApi } from './page-api';

/**
 * Gestão › Clientes for the contabilista (issue 12, bo-print item 4), in Chromium against the real
 * `balcao serve`: a reader sees the customer list, a customer's file and its conta corrente, and none of the
 * writes the core would refuse them — no "Novo cliente", no CSV import, no "Gravar", every field read-only —
 * and the same in Fornecedores. The gerente still has them all.
 */
test('the contabilista reads Clientes and the conta corrente, with no write action on screen', async ({
  pos: page,
}) => {
  await loginWithKeypad(page, 'Rui Gerente', '9999');
  await pageApi(page, 'operators/save', {
    operator: { name: 'Carla Contas', role: 'contabilista', pin: '2468' },
  });
  const due = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
  const ft = await pageApi(page, 'invoicing/issue-invoice', {
    customer: {
      nif: '501964843',
      name: 'Padaria Açoriana, Lda.',
      address: 'Rua da Sé, 12',
      postalCode: '9500-050',
      city: 'Ponta Delgada',
    },
    dueDate: due,
    lines: [{ articleId: 1, quantity: '2' }],
  });
  // The gerente's screen has the writes (what the contabilista's must not).
  await page.getByRole('button', { name: 'Gestão' }).click();
  await page.getByRole('button', { name: 'Clientes', exact: true }).click();
  await expect(page.getByTestId('customer-new')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Importar CSV' })).toBeVisible();
  await page.getByRole('button', { name: 'Sair' }).click();

  await loginWithKeypad(page, 'Carla Contas', '2468');
  await page.getByRole('button', { name: 'Clientes', exact: true }).click();
  await expect(page.getByTestId('customer-row').filter({ hasText: 'Padaria Açoriana, Lda.' })).toHaveCount(1);
  await expect(page.getByTestId('customer-new')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Novo cliente' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Importar CSV' })).toHaveCount(0);
  // Reading is theirs: the export stays.
  await expect(page.getByRole('button', { name: 'Exportar CSV' }).first()).toBeVisible();

  await page.getByTestId('customer-row').filter({ hasText: 'Padaria Açoriana, Lda.' }).click();
  const form = page.getByTestId('customer-editor');
  await expect(form.locator('input[name="name"]')).toHaveValue('Padaria Açoriana, Lda.');
  await expect(form.getByTestId('customer-save')).toHaveCount(0);
  await expect(form.getByRole('button', { name: /Gravar|Guardar/ })).toHaveCount(0);
  for (const field of ['code', 'email', 'phone', 'paymentTermsDays'])
    await expect(form.locator(`input[name="${field}"]`)).not.toBeEditable();
  await expect(form.getByRole('checkbox')).toHaveCount(2);
  for (const box of await form.getByRole('checkbox').all()) await expect(box).toBeDisabled();
  // Enter in a field submits nothing (the core would refuse it with a 403 anyway).
  await form.locator('input[name="email"]').press('Enter');
  await expect(page.getByText(/guardado\./)).toHaveCount(0);

  await form.getByTestId('customer-tab-account').click();
  await expect(page.getByTestId('customer-entry')).toHaveCount(1);
  await expect(page.getByTestId('customer-entry')).toContainText(ft.docNo);
  await page.screenshot({ path: artifact('customers-reader.png') });

  await page.getByRole('button', { name: 'Fornecedores' }).click();
  await expect(page.getByTestId('suppliers-table')).toBeVisible();
  await expect(page.getByTestId('supplier-new')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Novo fornecedor' })).toHaveCount(0);
});
