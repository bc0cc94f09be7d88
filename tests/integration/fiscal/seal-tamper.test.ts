import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Dec } from '../../../shared/money';
import { tempDir } from '../../helpers/tmp';
import { openAsAttacker } from './fiscal-helpers';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const BIN = path.join(ROOT, 'electron/cli/balcao.mjs');
const balcao = (...args: string[]) =>
  spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });

/**
 * Issue 9, D.9: six direct edits of the database file that `balcao verify` used to pass, and a removed last
 * document. Each edit is made on a copy of a real data folder, with better-sqlite3 and the triggers dropped as
 * an attacker would; the real CLI must exit 1 naming the document and the field.
 */
describe('balcao verify finds edits the AT signature does not cover (Balcão seal)', () => {
  const tmp = tempDir('balcao-seal-');
  const pristine = path.join(tmp.dir, 'pristine');
  let n = 0;

  beforeAll(() => {
    const r = balcao('demo', '--sales', '60', '--seed', '11', '--data-dir', pristine);
    expect(r.status, r.stderr).toBe(0);
  }, 180_000);
  afterAll(() => tmp.cleanup());

  /** A copy of the data folder, edited with the triggers dropped; returns the verify run. */
  function tamper(edit: (db: BetterSqlite3.Database) => void) {
    const dir = path.join(tmp.dir, `copy-${++n}`);
    fs.cpSync(pristine, dir, { recursive: true });
    const db = openAsAttacker(path.join(dir, 'balcao.sqlite'));
    edit(db);
    db.close();
    return balcao('verify', '--data-dir', dir);
  }
  const re = (s: string) => new RegExp(s.replace(/[/.*+?()[\]]/g, '\\$&'));
  const read = <T>(sql: string, ...p: unknown[]): T => {
    const db = new BetterSqlite3(path.join(pristine, 'balcao.sqlite'), { readonly: true });
    try {
      return db.prepare(sql).get(...p) as T;
    } finally {
      db.close();
    }
  };

  it('passes on the untouched data folder', () => {
    const r = balcao('verify', '--data-dir', pristine);
    expect(r.status, r.stderr).toBe(0);
    // 60 sales documents + the demo's 4 GT transfers (issue 13: guides are signed and sealed too).
    expect(r.stdout).toMatch(/^OK: 64 documentos .* e selo corretos/);
  }, 60_000);

  it('price × 2 with quantity ÷ 2 (totals unchanged): names the line and both fields', () => {
    const l = read<{
      id: number;
      doc_no: string;
      line_no: number;
      quantity: string;
      unit_price_gross: string;
    }>(
      `select l.id, d.doc_no, l.line_no, l.quantity, l.unit_price_gross from fiscal_line l
       join fiscal_document d on d.id = l.document_id
       where d.doc_type in ('FS', 'FR') and l.quantity in ('2', '4', '6') and l.discount_pct = '0'
       order by l.id limit 1`,
    );
    expect(l).toBeDefined();
    const r = tamper((db) => {
      db.prepare('update fiscal_line set quantity = ?, unit_price_gross = ? where id = ?').run(
        new Dec(l.quantity).dividedBy(2).toString(),
        new Dec(l.unit_price_gross).times(2).toFixed(2),
        l.id,
      );
    });
    expect(r.status).toBe(1);
    // The signature chain and the totals still agree: only the seal sees it.
    expect(r.stderr).toMatch(re(`FALHA: ${l.doc_no}: linha ${l.line_no}, quantidade alterada`));
    expect(r.stderr).toMatch(re(`${l.doc_no}: linha ${l.line_no}, preço unitário alterado`));
    expect(r.stderr).not.toMatch(/assinatura inválida|totais não correspondem/);
  }, 60_000);

  it("a line's description, and another's product code", () => {
    const l = read<{ id: number; doc_no: string; line_no: number }>(
      `select l.id, d.doc_no, l.line_no from fiscal_line l join fiscal_document d on d.id = l.document_id
       where d.doc_type = 'FS' order by l.id limit 1 offset 5`,
    );
    const r = tamper((db) => {
      db.prepare(`update fiscal_line set description = 'Artigo trocado' where id = ?`).run(l.id);
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(re(`FALHA: ${l.doc_no}: linha ${l.line_no}, descrição alterada`));
    const r2 = tamper((db) => {
      db.prepare(`update fiscal_line set product_code = 'X999' where id = ?`).run(l.id);
    });
    expect(r2.status).toBe(1);
    expect(r2.stderr).toMatch(re(`FALHA: ${l.doc_no}: linha ${l.line_no}, código do artigo alterado`));
  }, 60_000);

  it("the customer's NIF and name", () => {
    const d = read<{ id: number; doc_no: string }>(
      `select id, doc_no from fiscal_document where doc_type = 'FT' and customer_nif <> '999999990'
       order by id limit 1`,
    );
    const r = tamper((db) => {
      db.prepare(
        `update fiscal_document set customer_nif = '503504564', customer_name = 'Outra, Lda.' where id = ?`,
      ).run(d.id);
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(re(`FALHA: ${d.doc_no}: NIF do cliente alterado`));
    expect(r.stderr).toMatch(re(`${d.doc_no}: nome do cliente alterado`));
  }, 60_000);

  it('the payment method cash → card', () => {
    const p = read<{ document_id: number; seq: number; doc_no: string }>(
      `select p.document_id, p.seq, d.doc_no from fiscal_payment p join fiscal_document d on d.id = p.document_id
       where p.method = 'cash' and d.doc_type in ('FS', 'FR') order by p.document_id limit 1`,
    );
    const r = tamper((db) => {
      db.prepare(`update fiscal_payment set method = 'card' where document_id = ? and seq = ?`).run(
        p.document_id,
        p.seq,
      );
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(re(`FALHA: ${p.doc_no}: pagamento ${p.seq}, meio de pagamento alterado`));
  }, 60_000);

  it('an added cancellation row', () => {
    const d = read<{ id: number; doc_no: string }>(
      `select d.id, d.doc_no from fiscal_document d where d.doc_type = 'FS'
       and not exists (select 1 from fiscal_status s where s.document_id = d.id) order by d.id limit 1 offset 2`,
    );
    const r = tamper((db) => {
      db.prepare(
        `insert into fiscal_status (document_id, status, at, operator_id, reason) values (?, 'A', '2025-01-01T10:00:00', 1, 'Engano')`,
      ).run(d.id);
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(re(`FALHA: ${d.doc_no}: anulação sem selo`));
  }, 60_000);

  it('a removed cancellation row (with its seal): the first one, and the last one', () => {
    const all = (() => {
      const db = new BetterSqlite3(path.join(pristine, 'balcao.sqlite'), { readonly: true });
      try {
        return db
          .prepare(
            `select s.id, d.doc_no from fiscal_status s join fiscal_document d on d.id = s.document_id order by s.id`,
          )
          .all() as Array<{ id: number; doc_no: string }>;
      } finally {
        db.close();
      }
    })();
    expect(all.length, 'the demo cancels a few documents').toBeGreaterThanOrEqual(2);
    const remove = (id: number) =>
      tamper((db) => {
        db.prepare('delete from fiscal_status_seal where status_id = ?').run(id);
        db.prepare('delete from fiscal_status where id = ?').run(id);
      });
    const first = remove(all[0].id);
    expect(first.status).toBe(1);
    // The next cancellation's chain link no longer matches.
    expect(first.stderr).toMatch(
      re(`FALHA: ${all[1].doc_no}: selo da anulação não confere: uma anulação anterior foi removida`),
    );
    const last = remove(all[all.length - 1].id);
    expect(last.status).toBe(1);
    // Only the head file outside the database knows there was one more.
    expect(last.stderr).toMatch(
      re(`anulação removida: o registo externo do selo regista a anulação n.º ${all[all.length - 1].id}`),
    );
  }, 60_000);

  it('the last document of a series deleted (with its rows and its seal)', () => {
    const last = read<{ id: number; doc_no: string; series_id: number; number: number }>(
      `select id, doc_no, series_id, number from fiscal_document where doc_type = 'FS' order by number desc limit 1`,
    );
    const r = tamper((db) => {
      for (const t of ['fiscal_line', 'fiscal_tax', 'fiscal_payment', 'fiscal_info', 'fiscal_seal'])
        db.prepare(`delete from ${t} where document_id = ?`).run(last.id);
      db.prepare('delete from fiscal_status_seal where document_id = ?').run(last.id);
      db.prepare('delete from fiscal_status where document_id = ?').run(last.id);
      db.prepare('delete from fiscal_document where id = ?').run(last.id);
    });
    expect(r.status).toBe(1);
    expect(r.stdout).not.toMatch(/^OK/);
    expect(r.stderr).toMatch(re(`FALHA: ${last.doc_no}: documento removido`));
  }, 60_000);

  it('the last document deleted but its seal left behind', () => {
    const last = read<{ id: number; doc_no: string }>(
      `select id, doc_no from fiscal_document where doc_type = 'FR' order by number desc limit 1`,
    );
    const r = tamper((db) => {
      for (const t of ['fiscal_line', 'fiscal_tax', 'fiscal_payment', 'fiscal_info'])
        db.prepare(`delete from ${t} where document_id = ?`).run(last.id);
      db.prepare('delete from fiscal_document where id = ?').run(last.id);
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(re(`${last.doc_no}: documento removido`));
  }, 60_000);

  it('the last document deleted and the newest head slot removed with it (the older slot is one write behind)', () => {
    const last = read<{ id: number; doc_no: string }>(
      `select id, doc_no from fiscal_document order by id desc limit 1`,
    );
    const slots = ['fiscal-seal.head-a', 'fiscal-seal.head-b'];
    const seqOf = (dir: string, f: string) =>
      (JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as { seq: number }).seq;
    let dir = '';
    const r = tamper((db) => {
      for (const t of ['fiscal_line', 'fiscal_tax', 'fiscal_payment', 'fiscal_info', 'fiscal_seal'])
        db.prepare(`delete from ${t} where document_id = ?`).run(last.id);
      db.prepare('delete from fiscal_document where id = ?').run(last.id);
      dir = path.dirname(db.name);
      const newest = slots.reduce((a, b) => (seqOf(dir, a) > seqOf(dir, b) ? a : b));
      fs.rmSync(path.join(dir, newest));
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/registo externo do selo \(fiscal-seal\.head-a\/-b\) está incompleto/);
  }, 60_000);

  it('verify without the seal key names what is missing instead of passing', () => {
    const dir = path.join(tmp.dir, 'nokey');
    fs.cpSync(pristine, dir, { recursive: true });
    fs.rmSync(path.join(dir, 'fiscal-seal.key'));
    const r = balcao('verify', '--data-dir', dir);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/falta a chave do selo \(fiscal-seal\.key\)/);
  }, 60_000);
});
