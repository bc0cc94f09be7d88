import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readHead } from '../../../electron/core/fiscal/seal-head';
import { readSealKey } from '../../../electron/core/fiscal/seal-key';
import { articleOf, fiscalTestCore, type FiscalTestCore } from './fiscal-helpers';

/**
 * The head file outside the database must never get ahead of it: a document issued inside a caller's
 * transaction (the checkout wraps issue + sale update in one) reaches the head file only once that outer
 * transaction commits, and never if it rolls back.
 */
describe('seal head file follows the commit, not the issue call', () => {
  let t: FiscalTestCore;
  beforeAll(async () => {
    t = await fiscalTestCore();
  });
  afterAll(async () => {
    await t.close();
  });

  const headNumber = (): number | undefined => {
    const r = readHead(t.dir, readSealKey(t.dir)!);
    if (r.kind !== 'ok') throw new Error(`head ${r.kind}`);
    return r.head.series[0]?.[1];
  };

  it('moves after the outer commit and not after a rollback', () => {
    const { db } = t.core.ctx;
    const nor = articleOf(t.core, 'NOR');
    const issue = () => t.core.fiscal.issue({ type: 'FT', lines: [{ articleId: nor.id, quantity: '1' }] }, 1);
    issue();
    expect(headNumber()).toBe(1);

    expect(() =>
      db.tx(() => {
        issue();
        throw new Error('the sale update failed');
      }),
    ).toThrow(/sale update failed/);
    expect(headNumber()).toBe(1);

    db.tx(() => {
      expect(issue().docNo).toMatch(/\/2$/);
      expect(headNumber()).toBe(1); // not committed yet
    });
    expect(headNumber()).toBe(2);
  });
});
