import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { threeLineFs } from '../../helpers/fs-draft';
import { createTestCore, type TestCore } from '../../helpers/core';
import { resetWal, walFramesByBtree } from '../../helpers/wal-frames';

/**
 * Issue 15 (fiscal.issue_ceiling_ratio): every B-tree page an issued document writes is one more WAL frame the
 * commit syncs before the document is final. A plain three-line FS wrote two pages more than now: the
 * `fiscal_document_date` index (a prefix of `fiscal_document_sales`) and an audit_log row repeating the
 * document. Both are gone (migration 0780, fiscal/service.ts); the date queries keep an index.
 */
describe('pages written per issued document', () => {
  let t: TestCore;
  beforeAll(async () => {
    t = await createTestCore();
  });
  afterAll(async () => {
    await t.close();
  });

  it('a three-line FS writes at most 19 pages per commit here, none of them the date index or the audit log', () => {
    const s = t.core.ctx.db.sqlite;
    const draft = threeLineFs(t.core);
    for (let i = 0; i < 10; i++) t.core.fiscal.issue(draft, 1);
    resetWal(s);
    const n = 100;
    for (let i = 0; i < n; i++) t.core.fiscal.issue(draft, 1);
    const { frames, byBtree } = walFramesByBtree(s, `${t.core.ctx.db.file}-wal`);
    // 20.4 before 0780 on this small database (22 to 24 as the tables grow: deeper trees, more splits).
    expect(frames / n).toBeLessThanOrEqual(19);
    expect(byBtree.has('audit_log')).toBe(false);
    expect(byBtree.has('fiscal_document_date')).toBe(false);
    s.pragma('wal_autocheckpoint = 1000');
  });

  it('queries on the document date still go through an index', () => {
    const s = t.core.ctx.db.sqlite;
    expect(
      s.prepare(`select name from sqlite_master where name = 'fiscal_document_date'`).get(),
    ).toBeUndefined();
    const plan = (q: string, ...p: unknown[]): string =>
      (s.prepare(`explain query plan ${q}`).all(...p) as Array<{ detail: string }>)
        .map((r) => r.detail)
        .join(' | ');
    expect(plan('select id from fiscal_document where doc_date = ?', '2026-12-01')).toMatch(
      /USING (COVERING )?INDEX fiscal_document_sales/,
    );
    expect(
      plan(
        'select id, gross_total from fiscal_document where doc_date between ? and ?',
        '2026-01-01',
        '2026-12-31',
      ),
    ).toMatch(/USING INDEX fiscal_document_sales/);
    expect(plan('select doc_date from fiscal_document where doc_date >= ? limit 1', '2026-12-01')).toMatch(
      /USING COVERING INDEX fiscal_document_sales/,
    );
  });
});
