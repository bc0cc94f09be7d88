import fs from 'node:fs';
import path from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';
import { ROOT, startBalcao, type BalcaoServer } from './balcao-server';
import { scanWithScanner } from './scanner';

export const ARTIFACTS = path.join(ROOT, 'tests', 'artifacts');
export { startBalcao, type BalcaoServer };

/** Every test gets its own server and data folder (no state leaks between tests), and a page on it. */
export const test = base.extend<{ balcao: BalcaoServer; pos: Page }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright fixtures take a destructured first argument.
  balcao: async ({}, use, testInfo) => {
    const server = await startBalcao();
    await use(server);
    // A failed test keeps what the server printed (core errors are logged there, not shown raw on screen).
    if (testInfo.status !== testInfo.expectedStatus)
      await testInfo.attach('balcao-serve.log', { body: server.output(), contentType: 'text/plain' });
    await server.stop();
  },
  pos: async ({ page, balcao }, use) => {
    await page.goto(balcao.url);
    await use(page);
  },
});

export { expect };

/** Logs in through the operator tile and the on-screen PIN keypad. */
export async function loginWithKeypad(page: Page, operator: string, pin: string): Promise<void> {
  await page.getByRole('button', { name: new RegExp(operator) }).click();
  for (const digit of pin)
    await page
      .getByRole('group', { name: 'Teclado numérico' })
      .getByRole('button', { name: digit, exact: true })
      .click();
  await page.getByRole('button', { name: 'Entrar', exact: true }).click();
  await expect(page.getByTestId('operator')).toContainText(operator);
}

/** Opens the shift with a counted float (typed on the keyboard), landing on the selling screen. */
export async function openShift(page: Page, float = '50', deposit = false): Promise<void> {
  await expect(page.getByRole('heading', { name: 'Abrir turno' })).toBeVisible();
  await page.keyboard.type(float);
  if (deposit) await page.getByLabel('Depositar o fundo na máquina de numerário (CI-5)').check();
  await page.getByRole('button', { name: /^Abrir turno com/ }).click();
  await expect(page.getByRole('searchbox')).toBeVisible();
}

/** Scans like a keyboard-wedge scanner (tests/e2e/scanner.ts), with nothing focused in particular. */
export async function scanBarcode(page: Page, code: string): Promise<void> {
  await scanWithScanner(page, code);
}

export function artifact(name: string): string {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  return path.join(ARTIFACTS, name);
}

export const ARTICLES = {
  /** Café torrado moído Delta 250 g, 3,49 € (IVA reduzido). */
  coffee: '5601234100211',
  /** Cerveja Sagres 330 ml, 0,89 € (IVA normal). */
  sagres: '5601234100297',
  /** Bolachas Maria Triunfo 800 g, 1,99 € (IVA intermédio). */
  biscuits: '5601234100204',
  /** Fraldas Dodot T4 (44), 14,99 € (IVA normal). */
  nappies: '5601234100488',
} as const;

/** Logs in as the demo cashier and opens the shift with a 50 € float in the drawer. */
export async function startSelling(page: Page): Promise<void> {
  await loginWithKeypad(page, 'Ana Caixa', '1111');
  await openShift(page);
}

/** Scans and waits until the sale shows `lines` lines (what the cashier looks at before going on). */
/**
 * Back to the till from another area, as a cashier does: press Venda and look at the screen before scanning. A
 * scan fired while the screen is still being drawn (under load: the first digits before the scanner listener is
 * attached) lost "560" of an EAN-13 in a clean-clone CI run; no person scans within milliseconds of a touch.
 */
export async function openSale(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Venda' }).click();
  await expect(page.getByRole('searchbox', { name: /Pesquisar/ })).toBeVisible();
}

export async function scanAndSee(page: Page, code: string, lines: number): Promise<void> {
  await scanBarcode(page, code);
  await expect(page.getByTestId('cart-line')).toHaveCount(lines);
}

export async function goToPayment(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Pagar', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Pagamento' })).toBeVisible();
}

/** Pays the whole remaining amount by card, confirming the amount the terminal approved. */
export async function payByCard(page: Page): Promise<void> {
  await page.getByRole('button', { name: /Cartão/ }).click();
  await page.getByRole('button', { name: 'Confirmar valor aprovado' }).click();
  await expect(page.getByTestId('after-sale')).toBeVisible();
}

/** Pays through the simulated CI-5, the test playing the customer who inserts `pieces` (labels: "10 €"). */
export async function payCi5(page: Page, pieces: string[]): Promise<void> {
  await page.getByRole('button', { name: /Numerário \(máquina\)/ }).click();
  const live = page.getByTestId('cash-live');
  await expect(live).toBeVisible();
  for (const p of pieces) await live.getByRole('button', { name: p, exact: true }).click();
  await expect(page.getByTestId('after-sale')).toBeVisible({ timeout: 20_000 });
}

/** The number of the document on the after-sale screen ("FS T1F2026/1"). */
export async function shownDocNo(page: Page): Promise<string> {
  await expect(page.getByTestId('doc-no')).toHaveText(/^[A-Z]{2} \S+\/\d+$/);
  return ((await page.getByTestId('doc-no').textContent()) ?? '').trim();
}
