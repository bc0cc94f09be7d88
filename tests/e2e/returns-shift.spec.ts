import type { Locator, Page } from '@playwright/test';
import type { FiscalDocumentView } from '../../shared/api/fiscal';
import {
  ARTICLES,
  artifact,
  expect,
  goToPayment,
  payByCard,
  payCi5,
  scanAndSee,
  scanBarcode,
  shownDocNo,
  startSelling,
  test,
} from './fixtures';
import { dec } from '../../shared/money';
import { cents, pageApi } from './page-api';

/** The cash machine's own count of what it holds, in cents (read through the core's API, as the page does). */
async function machineTotal(page: Page): Promise<number> {
  const inv = await pageApi(page, 'cash/inventory', {});
  expect(inv.agrees, 'the CI-5 count agrees with the cash journal').toBe(true);
  return cents(inv.total);
}

/** Two coffees (6,98 €) paid at the CI-5 with a 10 € note: 3,02 € change. Returns the FS number. */
async function sellTwoCoffeesAtTheCi5(page: Page): Promise<string> {
  await scanAndSee(page, ARTICLES.coffee, 1);
  await scanBarcode(page, ARTICLES.coffee); // same article: the line's quantity goes to 2
  await expect(page.getByTestId('cart-total')).toContainText('6,98');
  await goToPayment(page);
  await payCi5(page, ['10 €']);
  await expect(page.getByTestId('after-change')).toContainText('3,02');
  const docNo = await shownDocNo(page);
  expect(docNo).toMatch(/^FS /);
  await page.getByRole('button', { name: 'Nova venda' }).click();
  await expect(page.getByTestId('after-sale')).toBeHidden();
  return docNo;
}

/** Returns one coffee of `docNo` as an NC refunded by `method`, approved by the manager; the NC number. */
async function returnOneCoffee(page: Page, docNo: string, method: RegExp): Promise<string> {
  await page.getByRole('button', { name: 'Devoluções' }).click();
  await page.getByRole('searchbox').fill(docNo);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('found-doc')).toHaveText(docNo);
  await page.getByTestId('returnable-line').getByRole('button', { name: 'Mais um' }).click();
  await expect(page.getByTestId('refund-total')).toContainText('3,49');
  await page.getByLabel('Motivo').fill('Embalagem danificada');
  await page.getByRole('button', { name: method }).click();
  await page.getByRole('button', { name: 'Emitir nota de crédito' }).click();
  const approval = page.getByRole('dialog', { name: 'Autorização do gerente' });
  await expect(approval).toBeVisible();
  await page.keyboard.type('9999');
  await approval.getByRole('button', { name: 'Autorizar' }).click();
  const result = page.getByTestId('return-result');
  await expect(result).toBeVisible({ timeout: 20_000 });
  await expect(result).toContainText('Nota de crédito emitida e 3,49\u00a0€ reembolsados.');
  await expect(result.getByTestId('doc-no')).toHaveText(/^NC \S+\/\d+$/);
  // The NC on screen says which document it corrects, and why.
  await expect(result.getByTestId('doc-origin')).toHaveText(`Corrige: ${docNo} — Embalagem danificada`);
  return ((await result.getByTestId('doc-no').textContent()) ?? '').trim();
}

/** The amount in the last cell of the row whose first cell reads exactly `label`, in cents. */
async function rowAmount(table: Locator, label: string): Promise<number> {
  const row = table
    .getByRole('row')
    .filter({ has: table.page().getByRole('cell', { name: label, exact: true }) });
  await expect(row, `row "${label}"`).toHaveCount(1);
  return cents(await row.getByRole('cell').last().textContent());
}

const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);
const isSale = (d: FiscalDocumentView): boolean => ['FS', 'FR', 'FT'].includes(d.type);

test('partial return as an NC refunded in cash through the CI-5', async ({ pos: page }) => {
  await startSelling(page);
  const fs = await sellTwoCoffeesAtTheCi5(page);
  const before = await machineTotal(page);

  const nc = await returnOneCoffee(page, fs, /Numerário \(máquina\)/);
  // The CI-5 paid the refund out: it holds exactly 3,49 € less, and still agrees with the journal.
  expect(await machineTotal(page)).toBe(before - 349);

  const doc = await pageApi(page, 'fiscal/get-document', { docNo: nc });
  expect(doc.type).toBe('NC');
  expect(doc.totals.gross).toBe('3.49');
  expect(doc.references.origin?.docNo).toBe(fs);
  await page.screenshot({ path: artifact('return-nc-ci5-refund.png') });
});

test('shift open → sales (CI-5 cash, card, drawer) and an NC → Z totals equal the documents and the CI-5 count', async ({
  pos: page,
}) => {
  await startSelling(page); // 50 € float, counted into the drawer
  const machineAtOpen = await machineTotal(page);

  // 1. CI-5 cash: 6,98 €.
  const fs1 = await sellTwoCoffeesAtTheCi5(page);
  // 2. Card: Sagres + biscuits, 2,88 € (two VAT rates).
  await scanAndSee(page, ARTICLES.sagres, 1);
  await scanAndSee(page, ARTICLES.biscuits, 2);
  await goToPayment(page);
  await payByCard(page);
  const fs2 = await shownDocNo(page);
  await page.getByRole('button', { name: 'Nova venda' }).click();
  // 3. Drawer cash: Sagres, 0,89 €, handed 5 €.
  await scanAndSee(page, ARTICLES.sagres, 1);
  await goToPayment(page);
  await page.getByRole('button', { name: /Numerário \(gaveta\)/ }).click();
  await page.locator('.quick-tenders').getByRole('button', { name: '5,00 €' }).click();
  await page.getByRole('button', { name: 'Registar numerário' }).click();
  await expect(page.getByTestId('after-change')).toContainText('4,11');
  const fs3 = await shownDocNo(page);
  await page.getByRole('button', { name: 'Nova venda' }).click();
  // 4. NC: one coffee of the first sale back, refunded by the CI-5.
  const nc = await returnOneCoffee(page, fs1, /Numerário \(máquina\)/);

  // Close with a blind count of the drawer: the float and the drawer sale (50,89 €).
  await page.getByRole('button', { name: 'Turno' }).click();
  await page.getByRole('button', { name: 'Fechar turno (Z)' }).click();
  await expect(page.getByTestId('counted')).toBeVisible();
  await page.keyboard.type('50,89');
  await page.getByRole('button', { name: 'Fechar turno', exact: true }).click();
  const z = page.getByTestId('report-Z');
  await expect(z).toBeVisible();
  await page.screenshot({ path: artifact('shift-z-matches-documents.png'), fullPage: true });

  // What the documents say (fetched the way the page fetches them).
  const list = await pageApi(page, 'fiscal/list-documents', { limit: 500 });
  expect(list.map((d) => d.docNo).sort()).toEqual([fs1, fs2, fs3, nc].sort());
  const docs = await Promise.all(list.map((d) => pageApi(page, 'fiscal/get-document', { id: d.id })));
  const sales = docs.filter(isSale);
  const credits = docs.filter((d) => d.type === 'NC');
  const salesGross = sum(sales.map((d) => cents(d.totals.gross)));
  const creditGross = sum(credits.map((d) => cents(d.totals.gross)));
  const paid = (method: string): number =>
    sum(sales.flatMap((d) => d.payments.filter((p) => p.method === method).map((p) => cents(p.amount))));
  const cashPaid = paid('cash');
  const machineNow = await machineTotal(page);

  // Headline totals.
  expect(cents(await z.getByTestId('report-sales').textContent())).toBe(salesGross);
  expect(cents(await z.getByTestId('report-returns').textContent())).toBe(creditGross);
  expect(cents(await z.getByTestId('report-net').textContent())).toBe(salesGross - creditGross);

  // By document type.
  const types = z.getByTestId('report-doc-types');
  for (const type of new Set(docs.map((d) => d.type))) {
    const ofType = docs.filter((d) => d.type === type);
    expect(await rowAmount(types, `${type} × ${ofType.length}`)).toBe(
      sum(ofType.map((d) => cents(d.totals.gross))),
    );
  }

  // By payment method: the card and the two cash pools add up to the documents' payments.
  const methods = z.getByTestId('report-methods');
  expect(await rowAmount(methods, 'Cartão (terminal externo) × 1')).toBe(paid('card'));
  const ci5Sales = await rowAmount(methods, 'Numerário (máquina) × 1');
  const drawerSales = await rowAmount(methods, 'Numerário (gaveta) × 1');
  expect(ci5Sales + drawerSales).toBe(cashPaid);
  expect(await rowAmount(methods, 'Reembolsos — Numerário (máquina)')).toBe(-creditGross);

  // VAT by rate, net of the credit notes in every column (issue 9 E.11: base and VAT used to be the sales' only,
  // next to a net total), so each row adds up and the Total row sums each column.
  const vat = z.getByTestId('report-vat');
  const rate = (pct: string): string => dec(pct).toString();
  const rates = new Set(docs.flatMap((d) => d.taxSummary.map((t) => rate(t.pct))));
  await expect(vat.locator('tbody tr')).toHaveCount(rates.size);
  const totals = { base: 0, tax: 0, gross: 0 };
  for (const pct of rates) {
    const of = (ds: FiscalDocumentView[], k: 'base' | 'tax' | 'gross'): number =>
      sum(ds.flatMap((d) => d.taxSummary.filter((t) => rate(t.pct) === pct).map((t) => cents(t[k]))));
    const net = (k: 'base' | 'tax' | 'gross'): number => of(sales, k) - of(credits, k);
    const label = `${pct.replace('.', ',')} %`;
    const row = vat.getByRole('row').filter({ has: page.getByRole('cell', { name: label, exact: true }) });
    const cells = row.getByRole('cell');
    const [base, tax, gross] = await Promise.all(
      [1, 2, 3].map(async (i) => cents(await cells.nth(i).textContent())),
    );
    expect(base, `base ${label}`).toBe(net('base'));
    expect(tax, `IVA ${label}`).toBe(net('tax'));
    expect(gross, `total ${label}`).toBe(net('gross'));
    expect(base + tax, `base + IVA = total ${label}`).toBe(gross);
    totals.base += base;
    totals.tax += tax;
    totals.gross += gross;
  }
  const total = vat.getByTestId('report-vat-total').locator('th');
  expect(cents(await total.nth(1).textContent())).toBe(totals.base);
  expect(cents(await total.nth(2).textContent())).toBe(totals.tax);
  expect(cents(await total.nth(3).textContent())).toBe(totals.gross);
  expect(totals.gross).toBe(salesGross - creditGross);

  // Cash: float + cash payments − cash refunds; the CI-5 pool equals the machine's own count.
  const cash = z.getByTestId('report-cash');
  expect(await rowAmount(cash, 'Fundo de caixa')).toBe(5000);
  expect(await rowAmount(cash, 'Vendas em numerário')).toBe(cashPaid);
  expect(await rowAmount(cash, 'Reembolsos em numerário')).toBe(creditGross);
  expect(await rowAmount(cash, 'Esperado')).toBe(5000 + cashPaid - creditGross);
  expect(await rowAmount(cash, 'Esperado na gaveta')).toBe(5000 + drawerSales);
  expect(await rowAmount(cash, 'Contado')).toBe(5089);
  expect(await rowAmount(cash, 'Diferença')).toBe(0);
  expect(machineNow - machineAtOpen).toBe(ci5Sales - creditGross);
  expect(await rowAmount(cash, 'Esperado na máquina (CI-5)')).toBe(machineNow - machineAtOpen);
  expect(await rowAmount(cash, 'Contagem da máquina (CI-5)')).toBe(machineNow - machineAtOpen);
  expect(await rowAmount(cash, 'Diferença da máquina')).toBe(0);
});
