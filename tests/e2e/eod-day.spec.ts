import { artifact, expect, loginWithKeypad, openShift, test } from './fixtures';
import { pageApi } from './page-api';

/**
 * Issue 14 in the browser: Gestão › Relatórios › Fecho do dia. The manager runs the day's reconciliation; the
 * screen shows the stored record — verdict, a light per section, drill-down to the lines and the operations
 * behind them, the charts (SVG from the same geometry as the PDF) and the day in the calendar strip.
 * The day is set up through the API (a drawer sale), the report itself through the screen.
 */
test('fecho do dia: summary with lights, drill-down to the operations, charts, calendar strip', async ({
  pos: page,
}) => {
  await loginWithKeypad(page, 'Rui Gerente', '9999');
  await openShift(page, '20');
  await pageApi(page, 'sales/add-line', { articleId: 1, quantity: '2' });
  await pageApi(page, 'sales/pay-start', { method: 'cash-manual', tendered: '5.00' });

  await page.getByRole('button', { name: 'Gestão' }).click();
  await page.getByRole('button', { name: 'Relatórios' }).click();
  await expect(page.getByRole('heading', { name: 'Fecho do dia' })).toBeVisible();
  await page.getByRole('button', { name: 'Correr o fecho agora' }).click();

  // The shift is still open: its counts are to be made, an explained item; the documents are right.
  const verdict = page.getByTestId('eod-verdict');
  // The run computes on a worker thread (tsx loads the sources there first): it may take a while under load.
  await expect(verdict).toContainText('com diferenças explicadas', { timeout: 90_000 });
  await expect(page.getByTestId('eod-section-documents').locator('[data-light]').first()).toHaveAttribute(
    'data-light',
    'certo',
  );
  await expect(page.getByTestId('eod-section-cash').locator('[data-light]').first()).toHaveAttribute(
    'data-light',
    'explicadas',
  );
  await expect(page.getByTestId('eod-section-cards')).toContainText('não configurado');

  await page.getByTestId('eod-section-cash').getByRole('button').first().click();
  const open = page.locator('[data-testid^="eod-line-shift-open:"]');
  await expect(open).toContainText('ainda aberto');
  await expect(open).toContainText('turno 1');
  await page.getByTestId('eod-section-documents').getByRole('button').first().click();
  await expect(page.getByTestId('eod-line-series:FS T1F')).toContainText('n.º 1 a 1');

  await expect(page.getByTestId('eod-chart')).toHaveCount(4);
  await expect(page.getByRole('img', { name: 'Vendas por meio de pagamento' })).toContainText(
    'Numerário (gaveta)',
  );
  await expect(page.getByRole('img', { name: 'Vendas por meio de pagamento' })).toContainText('3,78 €');

  const rec = await pageApi(page, 'reports/eod-list', { days: 31 });
  const strip = page.getByTestId(`eod-day-${rec[0].day}`);
  await expect(strip).toHaveClass(/eod-day--explicadas/);
  await page.screenshot({ path: artifact('eod-day.png'), fullPage: true });
});
