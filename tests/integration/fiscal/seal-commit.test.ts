import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readHead } from '../../../electron/core/fiscal/seal-head';
import { readSealKey } from '../../../electron/core/fiscal/seal-key';
import { openReadOnly } from '../../../electron/core/fiscal/open-readonly';
import { verifySeals } from '../../../electron/core/fiscal/verify-seal';
import { verifyFiscalChains } from '../../../electron/core/fiscal/verify';
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

  // Issue 15: after a committed issue() the sealer takes the series' head from memory (no read-back). A
  // document sealed and then rolled back (here a listener on the fiscal hooks refuses it) must never be taken
  // for a head: neither by the head file nor as the previous MAC of the next document.
  it('a document rolled back after it was sealed is no head, in its series or in another one', async () => {
    const nor = articleOf(t.core, 'NOR');
    const issue = (type: 'FT' | 'FS') =>
      t.core.fiscal.issue(
        {
          type,
          lines: [{ articleId: nor.id, quantity: '1' }],
          ...(type === 'FS' ? { payments: [{ method: 'cash' as const, amount: nor.price }] } : {}),
        },
        1,
      );
    const headOf = (docType: string): readonly [number, string] | undefined => {
      const r = readHead(t.dir, readSealKey(t.dir)!);
      if (r.kind !== 'ok') throw new Error(`head ${r.kind}`);
      const ser = t.core.ctx.db.sqlite
        .prepare(`select id from fiscal_series where doc_type = ? and status = 'A'`)
        .get(docType) as { id: number } | undefined;
      const e = r.head.series.find((x) => x[0] === ser?.id);
      return e ? [e[1], e[2]] : undefined;
    };
    const dbHead = (docType: string) =>
      t.core.ctx.db.sqlite
        .prepare(
          `select d.number, s.mac from fiscal_document d join fiscal_seal s on s.document_id = d.id
           join fiscal_series r on r.id = d.series_id where r.doc_type = ? order by d.number desc limit 1`,
        )
        .get(docType) as { number: number; mac: string } | undefined;
    let refuse = false;
    const off = t.core.sync.hooks.onIssued(() => {
      if (refuse) throw new Error('refused by a listener');
    });
    try {
      const ft = issue('FT');
      refuse = true;
      expect(() => issue('FT')).toThrow(/refused/);
      expect(() => issue('FS')).toThrow(/refused/);
      refuse = false;
      expect(issue('FT').number).toBe(ft.number + 1);
      expect(headOf('FT')).toEqual([ft.number + 1, dbHead('FT')!.mac]);
      expect(headOf('FS')).toEqual(dbHead('FS') ? [dbHead('FS')!.number, dbHead('FS')!.mac] : undefined);
      expect(issue('FS').docNo).toMatch(/\/1$/);
      issue('FT');
      expect(headOf('FS')).toEqual([1, dbHead('FS')!.mac]);
    } finally {
      off();
    }
    await t.core.stop('test');
    const db = openReadOnly(t.dir);
    try {
      expect(verifySeals(db, t.dir).problems).toEqual([]);
      expect(verifyFiscalChains(db).ok).toBe(true);
    } finally {
      db.close();
    }
  });
});
