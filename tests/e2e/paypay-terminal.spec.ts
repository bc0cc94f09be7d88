import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { startPaypaySimulator, type PaypaySimulator } from '../../electron/simulators/paypay';
import {
  ARTICLES,
  artifact,
  expect,
  loginWithKeypad,
  openSale,
  openShift,
  scanBarcode,
  startBalcao,
  test,
} from './fixtures';
import { ROOT } from './balcao-server';
import { pageApi } from './page-api';

/**
 * Issue 11 item 4: a sale on the PayPay Cloud card terminal and its refund to the same card from Devoluções, in
 * Chromium against `balcao serve` configured for a PayPay simulator in this test process (the terminal and the
 * card are the simulator's control API). The screens learn each outcome from the core's session events.
 */

async function sim(pathName: string, body: unknown, s: PaypaySimulator): Promise<void> {
  const r = await fetch(`${s.controlUrl}/control/${pathName}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(r.status, await r.text()).toBe(200);
}

test('card on the PayPay terminal: the minute counts down, approved → FS; refunded to the same card from Devoluções', async ({
  page,
}) => {
  // Two screens, a configuration and two minutes-long terminal waits at most: more than the default minute.
  test.setTimeout(180_000);
  const s = await startPaypaySimulator({ clientId: '599999993' });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'balcao-e2e-tpa-'));
  const configured = spawnSync(
    process.execPath,
    [
      'electron/cli/balcao.mjs',
      'paypay',
      'configure',
      '--base-url',
      s.baseUrl,
      '--platform-code',
      s.credentials.platformCode,
      '--private-key',
      s.credentials.privateKey,
      '--nif',
      s.credentials.clientId,
      '--data-dir',
      dir,
    ],
    { cwd: ROOT, encoding: 'utf8', timeout: 60_000 },
  );
  expect(configured.status, configured.stdout + configured.stderr).toBe(0);
  const server = await startBalcao({ dataDir: dir });
  try {
    await page.goto(server.url);
    await loginWithKeypad(page, 'Rui Gerente', '9999');
    await openShift(page);
    // Gestão › Integrações › PayPay: "Atualizar terminais" lists only the Cloud ones; the manager chooses it.
    await page.getByRole('button', { name: 'Gestão' }).click();
    await page.getByRole('button', { name: 'Integrações › PayPay' }).click();
    const settings = page.getByTestId('paypay-settings');
    await settings.getByRole('button', { name: 'Atualizar terminais' }).click();
    const choice = settings.getByLabel('Terminal de pagamento (Cloud)');
    await expect(choice.locator('option')).toHaveText([/Nenhum/, 'Balcão 1 (806030356)']);
    await choice.selectOption({ label: 'Balcão 1 (806030356)' });
    await settings.getByRole('button', { name: 'Guardar' }).click();
    await expect(page.getByText('Configuração do PayPay guardada.')).toBeVisible();
    await openSale(page);
    await scanBarcode(page, ARTICLES.coffee);
    await expect(page.getByTestId('cart-line')).toHaveCount(1);
    await page.getByRole('button', { name: 'Pagar', exact: true }).click();
    await expect(page.getByRole('heading', { name: 'Pagamento' })).toBeVisible();
    // The standalone terminal keeps its own method next to the PayPay one.
    await expect(page.getByRole('button', { name: /Cartão \(terminal externo\)/ })).toBeVisible();
    await page.getByRole('button', { name: /Cartão \(terminal PayPay\)/ }).click();

    await expect(page.getByTestId('tpa-waiting')).toBeVisible();
    await expect(page.getByTestId('tpa-status')).toContainText('A aguardar o terminal');
    await expect(page.getByTestId('tpa-left')).toHaveText(/O terminal espera o cartão: \d{1,2} s/);
    await page.screenshot({ path: artifact('tpa-waiting.png') });
    await sim('terminal', { outcome: 'approve' }, s);
    await expect(page.getByTestId('after-sale')).toBeVisible({ timeout: 20_000 });
    await expect(page.getByTestId('doc-no')).toContainText('FS');
    const docNo = ((await page.getByTestId('doc-no').textContent()) ?? '').trim();
    const docs = await pageApi(page, 'fiscal/list-documents', { limit: 5 });
    expect(docs).toHaveLength(1);
    const doc = await pageApi(page, 'fiscal/get-document', { id: docs[0]!.id });
    expect(doc.payments).toEqual([expect.objectContaining({ method: 'card', amount: '3.49' })]);
    await page.getByRole('button', { name: 'Nova venda' }).click();

    // Next day's settlement by the acquirer (a refund needs it; before it, the whole amount would be reversed).
    const tpa = [...s.account.payments.values()].find((p) => p.method === 'CC')!;
    await sim('settle', { paymentId: tpa.id }, s);

    await page.getByRole('button', { name: 'Devoluções' }).click();
    await page.getByRole('searchbox').fill(docNo);
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('found-doc')).toHaveText(docNo);
    await page.getByTestId('returnable-line').getByRole('button', { name: 'Mais um' }).click();
    await page.getByLabel('Motivo').fill('Artigo com defeito');
    await page.getByRole('button', { name: /Cartão \(terminal PayPay\)/ }).click();
    await page.getByRole('button', { name: 'Emitir nota de crédito' }).click();
    // The manager's own return may still ask for the PIN (approval of a return).
    const approval = page.getByRole('dialog', { name: 'Autorização do gerente' });
    const waitingRefund = page.getByTestId('tpa-refund-waiting');
    await expect(approval.or(waitingRefund).first()).toBeVisible();
    if (await approval.isVisible()) {
      await page.keyboard.type('9999');
      await approval.getByRole('button', { name: 'Autorizar' }).click();
    }
    await expect(waitingRefund).toContainText('o mesmo cartão');
    await expect
      .poll(() => [...s.account.payments.values()].some((p) => p.type === 'refund'), { timeout: 15_000 })
      .toBe(true);
    await sim('terminal', { outcome: 'approve' }, s);
    const result = page.getByTestId('return-result');
    await expect(result).toBeVisible({ timeout: 20_000 });
    await expect(page.getByTestId('return-refund')).toContainText('Reembolsados 3,49\u00a0€ ao cartão');
    await expect(result.getByTestId('doc-no')).toHaveText(/^NC \S+\/\d+$/);
    expect(s.account.payments.get(tpa.id)!.refunded).toBe(349);
  } catch (e) {
    console.error(server.output());
    throw e;
  } finally {
    await server.stop();
    await s.close();
  }
});
