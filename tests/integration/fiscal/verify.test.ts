import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Dec } from '../../../shared/money';
import { verifyFiscalChains, type VerifyResult } from '../../../electron/core/fiscal/verify';
import { articleOf, fiscalTestCore, type FiscalTestCore } from './fiscal-helpers';

const SIGNATURE = 'assinatura inválida (documento alterado ou cadeia quebrada)';

describe('verify: tampering found in chain order, same answer with signatures checked on a worker thread', () => {
  let t: FiscalTestCore;
  beforeAll(async () => {
    t = await fiscalTestCore('2025-03-14T09:00:00');
    const f = t.core.fiscal;
    const nor = articleOf(t.core, 'NOR');
    const red = articleOf(t.core, 'RED');
    for (let i = 0; i < 40; i++) {
      t.clock.advance(30_000);
      const lines = [
        { articleId: nor.id, quantity: String(1 + (i % 3)) },
        { articleId: red.id, quantity: '0.5', discountPct: i % 4 ? '0' : '10' },
      ];
      const doc = f.issue({ type: 'FT', lines, customer: { nif: '501964843', name: 'Empresa, Lda.' } }, 1);
      t.clock.advance(30_000);
      f.issue({ type: 'FS', lines, payments: [{ method: 'cash', amount: doc.totals.gross }] }, 1);
    }
  }, 120_000);
  afterAll(async () => {
    await t.close();
  });

  const verify = (o: Parameters<typeof verifyFiscalChains>[1] = {}): VerifyResult =>
    verifyFiscalChains(t.core.ctx.db, o);

  it('passes on the untouched chains, inline and in parallel', () => {
    for (const parallel of [false, true]) {
      expect(verify({ parallel, chunkSize: 4 })).toEqual({
        ok: true,
        series: 2,
        documents: 80,
        problems: [],
      });
    }
  });

  it('names the first broken document and every problem in chain order', () => {
    const db = t.core.ctx.db.sqlite;
    for (const tr of db
      .prepare(`select name from sqlite_master where type = 'trigger' and tbl_name like 'fiscal_%'`)
      .all() as { name: string }[]) {
      db.exec(`drop trigger ${tr.name}`);
    }
    const doc = (docNo: string) =>
      db.prepare('select id, gross_total, hash from fiscal_document where doc_no = ?').get(docNo) as {
        id: number;
        gross_total: string;
        hash: string;
      };
    // FT 5: one cent less on the total (signature and totals break). FT 20: a line's net changed (that line).
    // FS 30: a forged hash (its own signature and the next document's chain break).
    const ft5 = doc('FT T1F/5');
    db.prepare('update fiscal_document set gross_total = ? where id = ?').run(
      new Dec(ft5.gross_total).minus('0.01').toFixed(2),
      ft5.id,
    );
    db.prepare(`update fiscal_line set net = '0.01' where document_id = ? and line_no = 2`).run(
      doc('FT T1F/20').id,
    );
    const fs30 = doc('FS T1F/30');
    const forged = (fs30.hash[0] === 'A' ? 'B' : 'A') + fs30.hash.slice(1);
    db.prepare('update fiscal_document set hash = ? where id = ?').run(forged, fs30.id);

    const inline = verify({ parallel: false });
    expect(inline.ok).toBe(false);
    expect(inline.documents).toBe(80);
    expect(inline.problems.map((p) => p.docNo)).toEqual([
      'FT T1F/5',
      'FT T1F/5',
      'FT T1F/20',
      'FS T1F/30',
      'FS T1F/31',
    ]);
    expect(inline.problems[0].problem).toBe(SIGNATURE);
    expect(inline.problems[1].problem).toMatch(/^totais não correspondem às linhas \(recalculado /);
    expect(inline.problems[2].problem).toBe('linha 2: valores não correspondem à quantidade, preço e taxa');
    expect(inline.problems.slice(3).map((p) => p.problem)).toEqual([SIGNATURE, SIGNATURE]);

    // Same list with signatures on a worker thread (small chunks so several are handed over), and cut to max.
    for (const chunkSize of [1, 4, 1000]) expect(verify({ parallel: true, chunkSize })).toEqual(inline);
    expect(verify({ parallel: true, chunkSize: 3, maxProblems: 3 }).problems).toEqual(
      inline.problems.slice(0, 3),
    );
  });

  it('what the seal text cannot show (an escaped string, a null key) is checked on the rows, worded the same', () => {
    // After the test above (triggers dropped, its three edits in place): three more, each of a kind the text
    // path leaves to checkDocument (verify-text.ts).
    const db = t.core.ctx.db.sqlite;
    const id = (docNo: string) =>
      (db.prepare('select id from fiscal_document where doc_no = ?').get(docNo) as { id: number }).id;
    db.prepare('update fiscal_document set doc_no = ? where id = ?').run('FT T1F/"7', id('FT T1F/7'));
    db.prepare('update fiscal_document set key_id = null where id = ?').run(id('FT T1F/9'));
    db.prepare('update fiscal_document set hash_control = 2 where id = ?').run(id('FT T1F/11'));
    const r = verify({ parallel: false });
    expect(r.problems.map((p) => [p.docNo, p.problem])).toEqual([
      ['FT T1F/5', SIGNATURE],
      ['FT T1F/5', expect.stringMatching(/^totais não correspondem às linhas/)],
      ['FT T1F/"7', 'número do documento não corresponde à série'],
      ['FT T1F/"7', SIGNATURE],
      ['FT T1F/9', 'chave de assinatura desconhecida'],
      ['FT T1F/11', 'HashControl não corresponde à versão da chave'],
      ['FT T1F/20', 'linha 2: valores não correspondem à quantidade, preço e taxa'],
      ['FS T1F/30', SIGNATURE],
      ['FS T1F/31', SIGNATURE],
    ]);
    expect(verify({ parallel: true, chunkSize: 4 })).toEqual(r);
  });
});
