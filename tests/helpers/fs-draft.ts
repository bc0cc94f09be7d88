import type { Core } from '../../electron/core/core';

/**
 * A plain three-line FS paid in cash (the first three taxed articles of the demo catalogue), as the issue-path
 * measurements issue it over and over: pages per document, the CPU profile, the WAL-page count.
 */
export function threeLineFs(core: Core) {
  const { db } = core.ctx;
  const arts = db.all(
    db.k.selectFrom('article').select(['id', 'price']).where('tax_code', '<>', 'ISE').orderBy('id').limit(3),
  );
  const gross = arts.reduce((a, x) => a + Math.round(Number(x.price) * 100), 0); // 2-decimal catalogue prices
  return {
    type: 'FS' as const,
    lines: arts.map((a) => ({ articleId: a.id, quantity: '1' })),
    payments: [{ method: 'cash' as const, amount: (gross / 100).toFixed(2) }],
  };
}
