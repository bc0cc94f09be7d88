import { afterEach, describe, expect, it } from 'vitest';
import { favouritesQuery } from '../../../electron/core/catalog/service';
import { createTestCore, type TestCore } from '../../helpers/core';

/**
 * The till reads its favourites after every sale. Migration 0800's partial index makes that a read of the
 * favourites alone; SQLite only uses it while the query spells `favourite = 1` as a literal, so this checks the
 * plan of the very query the core runs, and that the favourites come back in their till order.
 */
const open: TestCore[] = [];
afterEach(async () => {
  for (const t of open.splice(0)) await t.close();
});

describe('the till favourites', () => {
  it('are read through the partial index article_favourite, not by scanning every article', async () => {
    const t = await createTestCore();
    open.push(t);
    const db = t.core.ctx.db;
    for (const words of [[], ['cafe']]) {
      const q = favouritesQuery(db.k, words, 60, false).compile();
      const plan = db.sqlite
        .prepare(`explain query plan ${q.sql}`)
        .all(...(q.parameters as unknown[])) as Array<{ detail: string }>;
      const details = plan.map((p) => p.detail).join('\n');
      expect(details).toMatch(/USING INDEX article_favourite/);
      expect(details).not.toMatch(/SCAN article\b(?! USING)/);
    }
  });

  it('come in their place on the till, then in Portuguese order, active ones only', async () => {
    const t = await createTestCore();
    open.push(t);
    const found = t.core.catalog.search('', 60, true);
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((a) => a.favourite && a.active)).toBe(true);
    const places = found.map((a) => a.tillPosition ?? Number.MAX_SAFE_INTEGER);
    expect(places).toEqual([...places].sort((a, b) => a - b));
  });
});
