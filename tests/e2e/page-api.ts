import type { Page } from '@playwright/test';
import { contract, type Channel, type Input, type Output } from '../../shared/api';

/**
 * Calls the core's API from inside the page, exactly as the renderer does in browser mode: the terminal
 * token from `<meta name="balcao-token">` and the operator's session from sessionStorage. Tests use it to
 * check what the screen shows against the documents and the cash machine, never to drive the flow.
 */
export async function pageApi<C extends Channel>(
  page: Page,
  channel: C,
  input: Input<C>,
): Promise<Output<C>> {
  const env = await page.evaluate(
    async ({ channel, input }) => {
      // Runs in the page; the Node test project has no DOM types, so the two globals are typed here.
      const g = globalThis as unknown as {
        document: { querySelector(sel: string): { getAttribute(name: string): string | null } | null };
        sessionStorage: { getItem(key: string): string | null };
      };
      const token = g.document.querySelector('meta[name="balcao-token"]')?.getAttribute('content') ?? '';
      const session = g.sessionStorage.getItem('balcao.session');
      const headers: Record<string, string> = { 'Content-Type': 'application/json', 'X-Balcao-Token': token };
      if (session) headers['X-Balcao-Session'] = session;
      const res = await fetch(`/api/${channel}`, { method: 'POST', headers, body: JSON.stringify(input) });
      return (await res.json()) as {
        ok: boolean;
        value?: unknown;
        error?: { code: string; message: string };
      };
    },
    { channel, input: input as unknown },
  );
  if (!env.ok) throw new Error(`${channel}: ${env.error?.code ?? '?'} — ${env.error?.message ?? ''}`);
  // Checked against the contract, like every answer the renderer trusts.
  return contract[channel].output.parse(env.value) as Output<C>;
}

/**
 * Puts `quantity` of the article with this barcode into the shop's warehouse (a manager's stock adjustment at
 * 0,42 € each, through the core's API) and returns the article: a known stock for tests about what the till shows.
 */
export async function stockArticle(
  page: Page,
  barcode: string,
  quantity: string,
): Promise<Output<'catalog/by-barcode'>['article']> {
  const { article } = await pageApi(page, 'catalog/by-barcode', { barcode });
  await pageApi(page, 'stock/adjust', {
    articleId: article.id,
    warehouseId: 1,
    quantity,
    cause: 'adjustment',
    unitCost: '0.42',
  });
  return article;
}

/** "1 049,30 €" / "−3,49 €" / "6.98" → integer cents (exact: no floats on the way). */
export function cents(text: string | null | undefined): number {
  const s = (text ?? '').replace(/[\s\u00a0€]/g, '').replace('−', '-');
  const m = /(-?)(\d+)(?:[.,](\d{1,2}))?$/.exec(s.match(/-?[\d.,]+$/)?.[0] ?? '');
  if (!m) throw new Error(`not an amount: "${text ?? ''}"`);
  // "1.049,30" never appears (pt-PT groups with a space), so a single '.' or ',' is the decimal mark.
  const frac = (m[3] ?? '0').padEnd(2, '0');
  const v = Number(m[2]) * 100 + Number(frac);
  return m[1] === '-' ? -v : v;
}
