import { afterEach, describe, expect, it } from 'vitest';
import { purchaseEditsQuery } from '../../../electron/core/purchases/edit-history';
import { createTestCore, type TestCore } from '../../helpers/core';

/**
 * Opening a purchase reads its corrections from the audit trail, which grows with every sale and has no general
 * index. Migration 0795's partial index makes that read a seek; SQLite only uses it while the query spells the
 * index's condition and expression as literals, so this checks the plan of the very query the core runs.
 */
const open: TestCore[] = [];
afterEach(async () => {
  for (const t of open.splice(0)) await t.close();
});

describe('the corrections of a purchase', () => {
  it('are read through the partial index audit_log_purchase_edit, not by scanning the audit trail', async () => {
    const t = await createTestCore();
    open.push(t);
    const db = t.core.ctx.db;
    const q = purchaseEditsQuery(db, 'T1-X').compile();
    const plan = db.sqlite
      .prepare(`explain query plan ${q.sql}`)
      .all(...(q.parameters as unknown[])) as Array<{ detail: string }>;
    const details = plan.map((p) => p.detail).join('\n');
    expect(details).toMatch(/SEARCH l USING INDEX audit_log_purchase_edit/);
    expect(details).not.toMatch(/SCAN l\b/);
  });
});
