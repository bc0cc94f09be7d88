import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openReadOnly } from '../../../electron/core/fiscal/open-readonly';
import { canonicalDocument, chainMac } from '../../../electron/core/fiscal/seal-canonical';
import { createCanonicalReader } from '../../../electron/core/fiscal/seal-canonical-sql';
import { createHeadWriter, readHead } from '../../../electron/core/fiscal/seal-head';
import { readSealKey } from '../../../electron/core/fiscal/seal-key';
import { createDocumentReader } from '../../../electron/core/fiscal/seal-reader';
import { scanHere, startSealScan } from '../../../electron/core/fiscal/seal-scan';
import { startSealCheck, verifySeals } from '../../../electron/core/fiscal/verify-seal';
import { verifyFiscalChains } from '../../../electron/core/fiscal/verify';
import { tempDir } from '../../helpers/tmp';
import { articleOf, fiscalTestCore, openAsAttacker } from './fiscal-helpers';

/**
 * `verify`'s fast path (seal-canonical-sql.ts) builds each document's canonical text in SQLite. It is sound only
 * if, for every value a sealed row can hold, SQLite's JSON text is JSON.stringify's; and where it is not (a REAL
 * or a BLOB put there behind the terminal's back), the reference text decides, so that nothing is missed and
 * nothing is reported that the reference check would not report.
 */
describe('seal: the canonical text built by SQLite', () => {
  const tmp = tempDir('balcao-seal-sql-');
  const pristine = path.join(tmp.dir, 'pristine');
  let copies = 0;

  beforeAll(async () => {
    const t = await fiscalTestCore();
    const f = t.core.fiscal;
    const nor = articleOf(t.core, 'NOR');
    const red = articleOf(t.core, 'RED');
    const buyer = {
      nif: '501964843',
      name: 'Sá & "Filhos" \\ Lda. — Ação 😀',
      address: "Rua d'Árvore, 1\t2.º",
      city: 'Póvoa',
      postalCode: '4000-001',
    };
    const lines = [
      { articleId: nor.id, quantity: '2', discountPct: '10' },
      { articleId: red.id, quantity: '0.750' },
      { description: 'Pão "caseiro" \\ 1/2 ½ €', unitPrice: '1.10', taxCode: 'NOR', quantity: '1' },
    ];
    const info = [{ name: 'N.º Encomenda', value: 'ENC-7 <"x">' }];
    f.issue({ type: 'FT', lines, customer: buyer, additionalInfo: info }, 1);
    t.clock.advance(60_000);
    const ft = f.issue({ type: 'FT', lines: [lines[0]] }, 1);
    t.clock.advance(60_000);
    f.issue({ type: 'FS', lines: [lines[0]], payments: [{ method: 'cash', amount: ft.totals.gross }] }, 1);
    t.clock.advance(60_000);
    await t.core.stop('test');
    fs.cpSync(t.dir, pristine, { recursive: true });
    fs.rmSync(t.dir, { recursive: true, force: true });
  }, 60_000);
  afterAll(() => tmp.cleanup());

  /** A copy of the data folder, edited with the triggers dropped as an attacker would. */
  function copy(edit?: (db: BetterSqlite3.Database) => void): string {
    const dir = path.join(tmp.dir, `copy-${++copies}`);
    fs.cpSync(pristine, dir, { recursive: true });
    if (edit) {
      const db = openAsAttacker(path.join(dir, 'balcao.sqlite'));
      edit(db);
      db.close();
    }
    return dir;
  }

  /** Every document: [doc_no, SQLite's text, the reference text] (same order: series, then number). */
  function texts(dir: string): Array<[string, string, string]> {
    const db = openReadOnly(dir);
    try {
      const reader = createCanonicalReader(db);
      const out: Array<[string, string, string]> = [];
      const series = db.sqlite.prepare('select id from fiscal_series order by id').all() as { id: number }[];
      for (const s of series) {
        for (const d of reader.series(s.id)) {
          const ref = reader.reference(s.id, d.number);
          expect(ref, d.docNo).toBeDefined();
          out.push([d.docNo, d.canonical, canonicalDocument(ref!.content)]);
        }
      }
      return out;
    } finally {
      db.close();
    }
  }
  /**
   * verifySeals reading its own pages on this thread, and as `balcao verify` runs it: fed the pages the chains
   * read (verifyFiscalChains' pages), their MACs on a worker thread (seal-scan.ts). Both must report exactly the
   * same. Returns the result and how the worker went.
   */
  async function sealBoth(dir: string) {
    const db = openReadOnly(dir);
    try {
      const here = verifySeals(db, dir, { parallel: false });
      const chainsHere = verifyFiscalChains(db, { parallel: false });
      const check = startSealCheck(db, dir, { parallel: true });
      // The signature checks shared with the seal's worker (its lane: chunks of 2, so there are many).
      expect(check.pages?.lane).toBeDefined();
      const chainsThere = verifyFiscalChains(db, { pages: check.pages, chunkSize: 2 });
      const there = check.finish();
      expect(there).toEqual(here);
      expect(chainsThere).toEqual(chainsHere);
      return { result: here, byWorker: check.byWorker };
    } finally {
      db.close();
    }
  }
  const seal = async (dir: string) => {
    const r = await sealBoth(dir);
    expect(r.byWorker).toBe(true);
    return r.result;
  };

  /**
   * What only the holder of the seal key can do: every document's MAC (and the head file) recomputed from the
   * rows as they now are, the reference way, as if the edited rows had been sealed so.
   */
  function reseal(dir: string): void {
    const key = readSealKey(dir);
    if (!key) throw new Error('sem chave do selo');
    const ro = openReadOnly(dir);
    const macs: Array<[number, string]> = [];
    const last = new Map<number, [number, number, string]>();
    try {
      const reader = createDocumentReader(ro);
      const series = ro.sqlite.prepare('select id from fiscal_series order by id').all() as { id: number }[];
      for (const s of series) {
        let prev = '';
        for (const d of reader.series(s.id)) {
          prev = chainMac(key, 'D', prev, canonicalDocument(d.content));
          macs.push([d.id, prev]);
          last.set(s.id, [s.id, d.number, prev]);
        }
      }
    } finally {
      ro.close();
    }
    const db = new BetterSqlite3(path.join(dir, 'balcao.sqlite'));
    const set = db.prepare('update fiscal_seal set mac = ? where document_id = ?');
    db.transaction(() => {
      for (const [id, mac] of macs) set.run(mac, id);
    })();
    db.close();
    const h = readHead(dir, key);
    if (h.kind !== 'ok') throw new Error(`registo do selo: ${h.kind}`);
    const head = { ...h.head, series: h.head.series.map((e) => last.get(e[0]) ?? e) };
    createHeadWriter(dir, key, h.seq).write(head, true);
  }

  it('is the reference text for every issued document, and the folder verifies', async () => {
    const all = texts(pristine);
    expect(all.length).toBeGreaterThanOrEqual(3);
    for (const [docNo, fast, ref] of all) expect(fast, docNo).toBe(ref);
    // The document with children of every kind and the one with no payments (an empty child array).
    expect(all.some(([, , ref]) => ref.includes('😀'))).toBe(true);
    expect(all.some(([, , ref]) => ref.endsWith(',[],[]]'))).toBe(true);
    expect(await seal(pristine)).toEqual({ state: 'sealed', problems: [] });
  });

  it('escapes every character as JSON.stringify does (control characters, quotes, U+2028, astral)', async () => {
    // Every code point below 0xA0 but NUL, plus the ones JSON and JavaScript disagree on, plus non-BMP.
    const chars: string[] = [];
    for (let c = 1; c < 0xa0; c++) chars.push(String.fromCharCode(c));
    const nasty = `${chars.join('')}\u2028\u2029\ufeff\ud83d\ude00 ç ã ß 中`;
    const dir = copy((db) => {
      db.prepare('update fiscal_document set customer_name = ?, customer_city = ?').run(nasty, '');
      db.prepare('update fiscal_line set description = ?').run(`«${nasty}»`);
      db.prepare('update fiscal_info set value = ?').run(nasty.split('').reverse().join(''));
    });
    const all = texts(dir);
    for (const [docNo, fast, ref] of all) expect(fast, docNo).toBe(ref);
    // Edited behind the terminal's back: every document is reported, by field.
    const r = await seal(dir);
    expect(new Set(r.problems.map((p) => p.docNo)).size).toBe(all.length);
    expect(r.problems.some((p) => /nome do cliente/.test(p.problem))).toBe(true);
  });

  it('a REAL in an integer column, resealed with the key: SQLite writes 1.0e+20, the reference decides (no false alarm)', async () => {
    const dir = copy((db) => {
      db.exec(
        'update fiscal_document set customer_id = 1e20 where id = (select min(id) from fiscal_document)',
      );
    });
    reseal(dir);
    const all = texts(dir);
    expect(all.filter(([, fast, ref]) => fast !== ref)).toHaveLength(1);
    expect(await seal(dir)).toEqual({ state: 'sealed', problems: [] });
  });

  it.each([
    ['a REAL in an integer column', 'l.line_no = 1', 'line_no = 1.5', /número da linha/],
    [
      'a number written into a text column (stored as text by its affinity)',
      "l.quantity = '2'",
      'quantity = 2.0',
      /quantidade/,
    ],
  ])('%s is reported', async (_what, where, set, label) => {
    let docNo = '';
    const dir = copy((db) => {
      const l = db
        .prepare(
          `select l.id, d.doc_no from fiscal_line l join fiscal_document d on d.id = l.document_id
           where ${where} order by l.id limit 1`,
        )
        .get() as { id: number; doc_no: string };
      docNo = l.doc_no;
      db.prepare(`update fiscal_line set ${set} where id = ?`).run(l.id);
    });
    const problems = (await seal(dir)).problems;
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.every((p) => p.docNo === docNo)).toBe(true);
    expect(problems.some((p) => label.test(p.problem))).toBe(true);
  });

  it("the worker's scan is this thread's, document for document (untouched, edited, resealed)", async () => {
    const dirs = [
      pristine,
      copy((db) =>
        db.exec(
          "update fiscal_document set customer_name = 'X' where id = (select max(id) from fiscal_document)",
        ),
      ),
      copy((db) =>
        db.exec('update fiscal_line set line_no = 7 where id = (select min(id) from fiscal_line)'),
      ),
      copy((db) =>
        db.exec('delete from fiscal_seal where document_id = (select min(id) from fiscal_document)'),
      ),
    ];
    for (const [i, dir] of dirs.entries()) {
      const key = readSealKey(dir)!;
      const db = openReadOnly(dir);
      try {
        const seriesIds = (
          db.sqlite.prepare('select id from fiscal_series order by id').all() as { id: number }[]
        ).map((r) => r.id);
        const last = db.sqlite
          .prepare('select series_id, max(number) n from fiscal_document group by series_id')
          .all() as {
          series_id: number;
          n: number;
        }[];
        const req = { seriesIds, wanted: new Map(last.map((r) => [r.series_id, new Set([r.n])])) };
        const pending = startSealScan(db, key, req, { parallel: true });
        verifyFiscalChains(db, { pages: pending.source });
        const there = pending.finish();
        expect(pending.byWorker).toBe(true);
        expect(there).toEqual(scanHere(db, key, req));
        // Untouched: nothing; one edit: that document; a removed seal: that document and the next link.
        expect(there.flatMap((x) => x.odd)).toHaveLength([0, 1, 1, 2][i]);
        expect(there.flatMap((x) => x.seen)).toHaveLength(last.length);
      } finally {
        db.close();
      }
    }
  });

  it('a BLOB (SQLite cannot build that JSON): the page is read the reference way and the edit is reported', async () => {
    let docNo = '';
    const dir = copy((db) => {
      const d = db.prepare('select id, doc_no from fiscal_document order by id limit 1').get() as {
        id: number;
        doc_no: string;
      };
      docNo = d.doc_no;
      db.prepare('update fiscal_document set customer_name = ? where id = ?').run(Buffer.from('Sá'), d.id);
    });
    const all = texts(dir);
    for (const [no, fast, ref] of all) expect(fast, no).toBe(ref);
    // The worker's page fails on the BLOB: this thread does the scan, the reference way for that page.
    const both = await sealBoth(dir);
    expect(both.byWorker).toBe(false);
    const problems = both.result.problems;
    expect(problems.map((p) => p.docNo)).toEqual([docNo]);
    expect(problems[0].problem).toMatch(/nome do cliente/);
  });
});
