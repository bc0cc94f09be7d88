import fs from 'node:fs';
import { startPaypaySimulator, type PaypaySimulator } from '../../electron/simulators/paypay';
import {
  ARTICLES,
  artifact,
  expect,
  loginWithKeypad,
  openSale,
  openShift,
  scanAndSee,
  test,
} from './fixtures';
import { pageApi } from './page-api';

/**
 * Issue 11 items 2 and 6 (paypay-office) in the browser: the manager configures PayPay in Gestão › Integrações ›
 * PayPay against a simulator started in this test's process (loopback, real HTTP), issues an FT at the till
 * "com referência Multibanco", the customer pays it at the simulator (its control API), and Gestão de Referências
 * shows it "por pagar", then — after "Verificar agora" — "paga" with its RG; the CSV is what the table shows.
 */
let sim: PaypaySimulator;
test.beforeEach(async () => {
  sim = await startPaypaySimulator();
});
test.afterEach(async () => {
  await sim.close();
});

test('Gestão de Referências: configure, FT com referência, paid at PayPay, Verificar agora → paga, CSV', async ({
  pos: page,
}) => {
  await loginWithKeypad(page, 'Rui Gerente', '9999');
  await openShift(page);

  // Gestão › Integrações › PayPay: credentials, then "Testar ligação".
  await page.getByRole('button', { name: 'Gestão' }).click();
  await page.getByRole('button', { name: 'Integrações › PayPay' }).click();
  const settings = page.getByTestId('paypay-settings');
  await expect(settings).toContainText('O PayPay ainda não está configurado.');
  await settings.getByLabel('Endereço da API do PayPay').fill('https://paypay.pt/api');
  await settings.getByLabel('Platform Code').fill(sim.credentials.platformCode);
  await settings.getByLabel('Private Key').fill(sim.credentials.privateKey);
  await settings.getByLabel('NIF da entidade (PayPay-ClientId)').fill('12345');
  await expect(settings.getByRole('alert').filter({ hasText: 'NIF com 9 algarismos.' })).toBeVisible();
  await settings.getByLabel('NIF da entidade (PayPay-ClientId)').fill(sim.credentials.clientId);
  // A training terminal refuses the real PayPay: said in Portuguese, nothing saved.
  await settings.getByRole('button', { name: 'Guardar' }).click();
  await expect(page.getByText(/modo formação: só comunica com o simulador PayPay/).first()).toBeVisible();
  await settings.getByLabel('Endereço da API do PayPay').fill(sim.baseUrl);
  await settings.getByRole('button', { name: 'Guardar' }).click();
  await expect(page.getByText('Configuração do PayPay guardada.')).toBeVisible();
  await expect(settings.getByLabel('Private Key')).toHaveValue('');
  await expect(settings).toContainText('Guardada (nunca é mostrada)');
  await settings.getByRole('button', { name: 'Testar ligação' }).click();
  await expect(page.getByTestId('paypay-test-result')).toContainText(
    'Ligação testada: Loja Demonstração, Lda.',
  );

  // At the till: an identified customer, FT, "Emitir fatura" → "Com referência Multibanco?" → Com referência.
  await openSale(page);
  await scanAndSee(page, ARTICLES.coffee, 1);
  await page.getByTestId('customer').click();
  await page.getByLabel('NIF do cliente').fill('123456789');
  await page.getByLabel('Nome', { exact: true }).fill('Maria Silva');
  await page.getByLabel('Morada').fill('Rua das Flores, 10');
  await page.getByRole('button', { name: 'Usar este cliente' }).click();
  await page.getByTestId('doc-type').click();
  await page
    .getByRole('dialog', { name: 'Tipo de documento' })
    .getByRole('button', { name: /^FT Fatura/ })
    .click();
  await page.getByRole('button', { name: 'Emitir fatura', exact: true }).click();
  const ask = page.getByRole('dialog', { name: 'Fatura a pagar mais tarde (FT)' });
  await expect(ask).toContainText('Com referência Multibanco?');
  await page.screenshot({ path: artifact('paypay-ft-question.png') });
  await ask.getByRole('button', { name: 'Com referência', exact: true }).click();
  await expect(page.getByTestId('after-sale')).toBeVisible();
  await expect(
    page.getByText(/Referência Multibanco: entidade 12797, referência \d{9}/).first(),
  ).toBeVisible();
  const [row] = await pageApi(page, 'paypay/references', {});
  expect(row).toMatchObject({ state: 'por-pagar', customer: 'Maria Silva', kind: 'mb_reference' });

  // Gestão de Referências: por pagar; the customer pays at an ATM (the simulator); Verificar agora → paga.
  await page.getByRole('button', { name: 'Gestão' }).click();
  await page.getByRole('button', { name: 'Gestão de Referências' }).click();
  const table = page.getByTestId('paypay-references-table');
  const line = table.getByTestId('paypay-reference-row');
  await expect(line).toHaveCount(1);
  await expect(line).toContainText(row.document!);
  await expect(line).toContainText('Maria Silva');
  await expect(line).toContainText('por pagar');
  await expect(line).toContainText(row.reference!.replace(/(\d{3})(?=\d)/g, '$1 '));
  const paid = await fetch(`${sim.controlUrl}/control/pay`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ reference: row.reference }),
  });
  expect(paid.status).toBe(200);
  await page.getByRole('button', { name: 'Verificar agora' }).click();
  await expect(page.getByText(/Recibos emitidos: RG /).first()).toBeVisible();
  await expect(line).toContainText('paga');
  await expect(line).toContainText(/RG /);
  await expect(line).toContainText('0,33');

  // The state filter is the core's; "por pagar" now shows nothing.
  const state = page.getByTestId('paypay-references').getByLabel('Estado', { exact: true });
  await state.selectOption('por-pagar');
  await expect(table).toContainText('Sem referências nem pagamentos PayPay com estes filtros.');
  await state.selectOption('paga');
  await expect(line).toHaveCount(1);
  await page.screenshot({ path: artifact('paypay-references.png'), fullPage: true });

  // CSV of what is shown.
  const download = page.waitForEvent('download');
  await table.getByRole('button', { name: 'Exportar CSV' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^referencias-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = fs.readFileSync((await file.path())!, 'utf8');
  expect(csv).toContain('Documento;Tipo;Cliente (nome ou NIF)');
  expect(csv).toContain(row.document!);
  expect(csv).toContain('paga');
  expect(csv).toMatch(/RG /);

  // Also reachable from Relatórios.
  await page.getByRole('button', { name: 'Relatórios' }).click();
  await page
    .getByRole('button', { name: /Gestão de Referências/ })
    .last()
    .click();
  await expect(page.getByRole('heading', { name: 'Gestão de Referências' })).toBeVisible();
});
