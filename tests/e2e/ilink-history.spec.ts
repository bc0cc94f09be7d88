import { artifact, expect, loginWithKeypad, test } from './fixtures';
import { pageApi } from './page-api';

const BUYER = {
  nif: '501964843',
  name: 'Cliente Empresa, Lda',
  address: 'Rua das Flores 12',
  postalCode: '1000-100',
  city: 'Lisboa',
};

/**
 * Issue 10 §3 in Chromium against `balcao serve` (a training terminal): Gestão › Integrações › iLink is set to the
 * in-process training simulator (no address) with the training OAuth2 client and manual sending; "Testar ligação"
 * answers in pt-PT; an FT with the customer's NIF (issued through the API) appears in Histórico de envio as
 * "Por enviar", and after "Enviar agora" the job runner delivers it to the simulator (✓); its XML and attempts
 * open in dialogs.
 */
test('iLink: configure, test the connection, send an FT now, see it delivered and its XML', async ({
  pos: page,
}) => {
  await loginWithKeypad(page, 'Rui Gerente', '9999');
  await page.getByRole('button', { name: 'Gestão' }).click();
  await page.getByRole('button', { name: 'Integrações › iLink' }).click();
  const settings = page.getByTestId('ilink-settings');
  await expect(settings.getByTestId('ilink-current-auth')).toContainText('sem credenciais');

  await settings.getByLabel('Autenticação').selectOption('oauth2');
  await settings.getByLabel('Client ID').fill('balcao-demo');
  await settings.getByLabel('Client secret').fill('segredo-de-formacao');
  await settings.getByLabel('Ativar envio').selectOption('manual');
  await settings.getByRole('button', { name: 'Guardar' }).click();
  await expect(page.getByText('Configuração iLink guardada.')).toBeVisible();
  // Stored, but never shown back: the form comes back to "keep", and the config the core gives has no secret.
  await expect(settings.getByTestId('ilink-current-auth')).toContainText('OAuth2 — balcao-demo');
  await expect(settings.getByTestId('ilink-current-auth')).toContainText('não é mostrado');
  await expect(settings.getByLabel('Client secret')).toHaveCount(0);
  const config = await pageApi(page, 'ilink/config', {});
  expect(config).toMatchObject({ baseUrl: null, mode: 'oauth2', clientId: 'balcao-demo', send: 'manual' });
  expect(JSON.stringify(config)).not.toContain('segredo');

  await settings.getByRole('button', { name: 'Testar ligação' }).click();
  await expect(settings.getByTestId('ilink-test-result')).toHaveText(
    '✓ Ligação ao iLink estabelecida: credenciais aceites.',
  );
  await page.screenshot({ path: artifact('ilink-settings.png') });

  // The customer takes e-invoices via iLink (Gestão › Clientes): only such customers' documents are sent.
  await pageApi(page, 'customers/save', { customer: { ...BUYER, country: 'PT', einvoice: true } });
  const doc = await pageApi(page, 'fiscal/issue-document', {
    type: 'FT',
    customer: BUYER,
    lines: [{ articleId: 1, quantity: '2' }],
  });

  await page.getByRole('button', { name: 'Integrações › Histórico de envio' }).click();
  const table = page.getByTestId('ilink-history');
  await expect(table.locator('thead th')).toHaveText([
    'Número',
    'Tipo',
    'Cliente',
    'Data Envio',
    'Estado Documento',
    'Sucesso',
    '',
  ]);
  const rows = page.getByTestId('ilink-row');
  await expect(rows).toHaveCount(1);
  const row = rows.filter({ hasText: doc.docNo });
  await expect(row).toContainText('FT');
  await expect(row).toContainText('501964843 - Cliente Empresa, Lda');
  await expect(row).toContainText('Por enviar (envio manual)');
  await expect(row.getByTestId('ilink-success')).toContainText('✗');
  await expect(row.getByRole('button', { name: 'Reenviar' })).toHaveCount(0);

  // Filters: customer NIF, customer name, type, number.
  await page.getByLabel('NIF do cliente').fill('501964843');
  await expect(rows).toHaveCount(1);
  await page.getByLabel('NIF do cliente').fill('123456789');
  await expect(page.getByText('Nenhum documento enviado ao iLink com estes filtros.')).toBeVisible();
  await page.getByLabel('NIF do cliente').fill('');
  await page.getByLabel('Nome do cliente').fill('empresa');
  await expect(rows).toHaveCount(1);
  await page.getByLabel('Nome do cliente').fill('');
  await page.getByLabel('Tipo').selectOption('NC');
  await expect(rows).toHaveCount(0);
  await page.getByLabel('Tipo').selectOption('');
  await expect(rows).toHaveCount(1);

  // Enviar agora: queued, then delivered by the job runner to the in-process simulator.
  await row.getByRole('button', { name: 'Enviar agora' }).click();
  await expect(row.getByTestId('ilink-success')).toContainText('✓', { timeout: 30_000 });
  await expect(row).toContainText(/Por enviar ao cliente|Enviado ao cliente|Aceite pelo cliente/);
  await expect(row.getByRole('button', { name: 'Enviar agora' })).toHaveCount(0);
  await page.screenshot({ path: artifact('ilink-history.png') });

  await row.getByRole('button', { name: 'XML' }).click();
  const xml = page.getByTestId('ilink-xml-dialog');
  await expect(xml.getByTestId('ilink-xml')).toContainText(`<cbc:ID>${doc.docNo}</cbc:ID>`);
  await expect(xml.getByTestId('ilink-xml')).toContainText('501964843');
  await xml.getByRole('button', { name: 'Fechar' }).click();
  await expect(xml).toHaveCount(0);

  await row.getByRole('button', { name: 'Tentativas' }).click();
  const attempts = page.getByTestId('ilink-attempts-dialog');
  await expect(attempts.getByTestId('ilink-attempts').locator('tbody tr')).toHaveCount(1);
  await attempts.getByRole('button', { name: 'Fechar' }).click();

  // What the screen shows is what the core holds.
  const history = await pageApi(page, 'ilink/history', {});
  expect(history).toMatchObject([{ number: doc.docNo, success: true, canSendNow: false }]);
});
