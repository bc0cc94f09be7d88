import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startPaypaySimulator, type PaypaySimulator } from '../../electron/simulators/paypay';
import { ROOT } from './balcao-server';
import {
  ARTICLES,
  artifact,
  expect,
  loginWithKeypad,
  openShift,
  scanBarcode,
  startBalcao,
  test,
} from './fixtures';
import { pageApi } from './page-api';

/**
 * Issue 11: an MB WAY sale at the counter in Chromium against `balcao serve`, configured with
 * `balcao paypay configure` for a PayPay simulator in this test process; the customer's phone is the simulator's
 * control API. The screen learns each outcome from the core's session events.
 */
async function phone(sim: PaypaySimulator, outcome: 'accept' | 'refuse'): Promise<void> {
  const waiting = [...sim.account.payments.values()].filter(
    (p) => p.method === 'MW' && p.state === 'pending_confirmation' && !p.cancelled,
  );
  const remote = waiting[waiting.length - 1];
  expect(remote, 'an MB WAY request at PayPay').toBeTruthy();
  const r = await fetch(`${sim.controlUrl}/control/mbway`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ paymentId: remote!.id, outcome }),
  });
  expect(r.status).toBe(200);
}

test('MB WAY at the counter: refused once, then confirmed on the phone → FS paid by MB WAY', async ({
  page,
}) => {
  const sim = await startPaypaySimulator({ clientId: '599999993' });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'balcao-e2e-mbway-'));
  const configured = spawnSync(
    process.execPath,
    [
      'electron/cli/balcao.mjs',
      'paypay',
      'configure',
      '--base-url',
      sim.baseUrl,
      '--platform-code',
      sim.credentials.platformCode,
      '--private-key',
      sim.credentials.privateKey,
      '--nif',
      sim.credentials.clientId,
      '--data-dir',
      dir,
    ],
    { cwd: ROOT, encoding: 'utf8', timeout: 60_000 },
  );
  expect(configured.status, configured.stdout + configured.stderr).toBe(0);
  const server = await startBalcao({ dataDir: dir });
  try {
    await page.goto(server.url);
    await loginWithKeypad(page, 'Ana Caixa', '1111');
    await openShift(page);
    await scanBarcode(page, ARTICLES.coffee);
    await expect(page.getByTestId('cart-line')).toHaveCount(1);
    await page.getByRole('button', { name: 'Pagar', exact: true }).click();
    await expect(page.getByRole('heading', { name: 'Pagamento' })).toBeVisible();

    // The phone is checked as typed, with the contract's schema: a landline cannot receive MB WAY.
    await page.getByRole('button', { name: /MB WAY/ }).click();
    const input = page.getByTestId('mbway-phone');
    await input.fill('212 345 678');
    await expect(page.getByRole('alert')).toContainText('telemóvel MB WAY válido');
    await expect(page.getByTestId('mbway-send')).toBeDisabled();
    await input.fill('912 345 678');
    await expect(page.getByTestId('mbway-send')).toBeEnabled();
    await page.getByTestId('mbway-send').click();

    const waiting = page.getByTestId('mbway-waiting');
    await expect(waiting).toBeVisible();
    await expect(page.getByTestId('mbway-status')).toContainText('A aguardar confirmação no telemóvel');
    await expect(page.getByTestId('mbway-left')).toHaveText(/Tempo restante: [45]:\d\d/);
    await page.screenshot({ path: artifact('mbway-waiting.png') });

    // The customer refuses: the screen says so and offers the methods again; nothing was issued.
    await phone(sim, 'refuse');
    await expect(page.getByTestId('mbway-outcome')).toContainText('recusou');
    await expect(waiting).toBeHidden();
    expect(await pageApi(page, 'fiscal/list-documents', { limit: 5 })).toEqual([]);

    // Second try, confirmed on the phone: the sale completes by itself.
    await page.getByRole('button', { name: /MB WAY/ }).click();
    await page.getByTestId('mbway-phone').fill('+351 912 345 678');
    await page.getByTestId('mbway-send').click();
    await expect(page.getByTestId('mbway-status')).toContainText('A aguardar confirmação no telemóvel');
    await phone(sim, 'accept');
    await expect(page.getByTestId('after-sale')).toBeVisible();
    await expect(page.getByTestId('doc-no')).toContainText('FS');
    await expect(page.getByTestId('doc-total')).toContainText('3,49');
    const docs = await pageApi(page, 'fiscal/list-documents', { limit: 5 });
    expect(docs).toHaveLength(1);
    const doc = await pageApi(page, 'fiscal/get-document', { id: docs[0]!.id });
    expect(doc.payments).toEqual([expect.objectContaining({ method: 'mbway', amount: '3.49' })]);
  } catch (e) {
    console.error(server.output());
    throw e;
  } finally {
    await server.stop();
    await sim.close();
  }
});
