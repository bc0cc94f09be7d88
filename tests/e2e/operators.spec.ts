import type { Page } from '@playwright/test';
import { artifact, expect, loginWithKeypad, test } from './fixtures';

/** A section of Gestão's own list (table headers may carry the same word). */
const section = (page: Page, name: string) =>
  page.getByRole('navigation', { name: 'Gestão' }).getByRole('button', { name, exact: true });

/**
 * Gestão › Operadores and Empresa (issue 12 items 6–7) in Chromium against the real `balcao serve`: the gerente
 * saves the company's data (a wrong NIF is refused next to the field as typed), adds a contabilista with a PIN and
 * logs out; the contabilista logs in with that PIN and sees only the back office — no till — where Documentos
 * and Relatórios open.
 */
test('the gerente saves the company and adds a contabilista, who logs in to the back office only', async ({
  pos: page,
}) => {
  await loginWithKeypad(page, 'Rui Gerente', '9999');
  await page.getByRole('button', { name: 'Gestão' }).click();

  // Empresa: checked as typed with the core's schema, then saved.
  await section(page, 'Empresa').click();
  const company = page.getByTestId('company-form');
  // The demo company is loaded first (typing before it arrives would be overwritten).
  await expect(company.locator('input[name="nif"]')).toHaveValue('599999993');
  await company.locator('input[name="nif"]').fill('503504565');
  await company.locator('input[name="nif"]').blur();
  await expect(company.getByTestId('error-co-nif')).toContainText('dígito de controlo');
  await company.locator('input[name="nif"]').fill('503504564');
  await expect(company.getByTestId('error-co-nif')).toBeHidden();
  await company.locator('input[name="name"]').fill('Drogaria Central, Lda.');
  await company.locator('input[name="shareCapital"]').fill('5000,00');
  await company.locator('input[name="registryOffice"]').fill('Conservatória do Registo Comercial de Lisboa');
  await company.locator('textarea[name="receiptFooter"]').fill('Obrigado pela preferência');
  await company.getByTestId('company-save').click();
  await expect(page.getByText('Dados da empresa guardados.')).toBeVisible();
  await page.reload();
  await section(page, 'Empresa').click();
  await expect(page.getByTestId('company-form').locator('input[name="name"]')).toHaveValue(
    'Drogaria Central, Lda.',
  );
  await expect(page.getByTestId('company-form').locator('input[name="shareCapital"]')).toHaveValue('5000,00');

  // Operadores: a new contabilista with a PIN (hidden as typed).
  await section(page, 'Operadores').click();
  await page.getByRole('button', { name: 'Novo operador' }).click();
  const dialog = page.getByTestId('operator-dialog');
  await dialog.locator('input[name="name"]').fill('Carla Contas');
  await dialog.locator('select[name="role"]').selectOption('contabilista');
  await dialog.locator('input[name="pin"]').fill('12');
  await dialog.getByRole('button', { name: 'Guardar' }).click();
  await expect(dialog.getByTestId('error-op-pin')).toContainText('entre 4 e 8 algarismos');
  await dialog.locator('input[name="pin"]').fill('2468');
  await expect(dialog.locator('input[name="pin"]')).toHaveAttribute('type', 'password');
  await dialog.getByRole('button', { name: 'Guardar' }).click();
  await expect(page.getByText('Operador Carla Contas guardado.')).toBeVisible();
  await expect(page.getByTestId('operator-row').filter({ hasText: 'Carla Contas' })).toContainText(
    'Contabilista',
  );
  await page.screenshot({ path: artifact('operators-panel.png') });

  await page.getByRole('button', { name: 'Sair' }).click();
  await loginWithKeypad(page, 'Carla Contas', '2468');

  // No till: the only area is Gestão, whatever the address says.
  const nav = page.getByRole('navigation', { name: 'Áreas' });
  await expect(nav.getByRole('button')).toHaveText(['Gestão']);
  await page.goto(page.url().replace(/#.*$/, '') + '#/venda');
  await expect(page.getByRole('heading', { name: 'Abrir turno' })).toBeHidden();
  await expect(page.getByRole('button', { name: 'Numerário' })).toBeHidden();
  await section(page, 'Documentos').click();
  await expect(section(page, 'Documentos')).toHaveAttribute('aria-current', 'page');
  await section(page, 'Relatórios').click();
  await expect(page.getByRole('heading', { name: 'Fecho do dia' })).toBeVisible();
  // Read-only: no saving on the company's form.
  await section(page, 'Empresa').click();
  await expect(page.getByTestId('company-form').locator('input[name="name"]')).toHaveValue(
    'Drogaria Central, Lda.',
  );
  await expect(page.getByTestId('company-form').locator('input[name="name"]')).toBeDisabled();
  await expect(page.getByTestId('company-save')).toHaveCount(0);
  await page.screenshot({ path: artifact('accountant-backoffice.png') });
});
