import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { createCore } from '../../../electron/core/core';
import { openReadOnly } from '../../../electron/core/fiscal/open-readonly';
import { verifySeals } from '../../../electron/core/fiscal/verify-seal';
import { createLogger } from '../../../electron/core/log/logger';
import { fixedClock } from '../../../electron/core/util/clock';
import { tempDir } from '../../helpers/tmp';
import { articleOf } from './fiscal-helpers';

const quiet = createLogger('test', () => {});

/**
 * An existing database upgraded to the seal (0500): the documents that were there get sealed at the first start,
 * so the upgraded data folder verifies; rows added behind the terminal's back later are never sealed for them.
 */
describe('seal on an upgraded database', () => {
  const tmp = tempDir('balcao-seal-upgrade-');
  const dir = tmp.dir;
  afterAll(() => tmp.cleanup());
  const clock = fixedClock(new Date('2025-03-14T09:00:00'));
  const seals = () => {
    const db = openReadOnly(dir);
    try {
      return verifySeals(db, dir);
    } finally {
      db.close();
    }
  };

  it('seals the documents and cancellations that existed before the upgrade, once', async () => {
    let core = await createCore({ dataDir: dir, clock, log: quiet });
    const nor = articleOf(core, 'NOR');
    const ids: number[] = [];
    for (let i = 0; i < 5; i++) {
      clock.advance(60_000);
      const d = core.fiscal.issue({ type: 'FT', lines: [{ articleId: nor.id, quantity: '2' }] }, 1);
      ids.push(d.id);
    }
    core.fiscal.cancel(ids[1], 'Engano no artigo', 1);
    await core.stop('test');

    // Back to a database from before 0500: no seal tables, no migration row, no key or head file. The
    // migrations after 0500 are undone too (Kysely refuses a missing migration below an executed one): 0510
    // rebuilds sale_payment in place (re-runnable), 0530 creates pin_guard, 0600 the job runner's tables, 0640
    // the catalogue's (its article columns are re-runnable).
    const raw = new BetterSqlite3(path.join(dir, 'balcao.sqlite'));
    // 0640's triggers live on `article` (which stays) but name its own tables: dropped with them, re-created by it.
    for (const { name } of raw
      .prepare(`select name from sqlite_master where type = 'trigger' and name like 'article_%'`)
      .all() as Array<{ name: string }>)
      raw.exec(`drop trigger ${name}`);
    raw.exec(`drop table fiscal_seal; drop table fiscal_status_seal; drop table fiscal_seal_backfill;
      drop table pin_guard; drop table job_attempt; drop table job; drop table job_partner;
      drop table purchase_return_line; drop table purchase_return; drop table supplier_article_ref;
      drop table purchase_tax; drop table purchase_line; drop table purchase; drop table supplier;
      drop table article_barcode; drop table article_family; drop table ilink_document;
      drop table eod_record;
      drop table paypay_terminal_op;
      drop table paypay_payment;
      drop table movement_at_code;
      drop table stock_reorder; drop table stock_count_line; drop table stock_count; drop table stock_balance; drop table stock_movement; drop table warehouse; alter table article drop column stock_tracked;
      drop index audit_log_purchase_edit; drop index article_favourite;
      drop index fiscal_document_settle; create index fiscal_document_date on fiscal_document (doc_date);
      drop index fiscal_document_nif; alter table sale drop column order_reference;
      drop index fiscal_line_sales; drop index fiscal_document_sales; create index fiscal_line_article on fiscal_line (article_id);
      alter table company drop column share_capital; alter table company drop column registry_office; alter table company drop column receipt_header; alter table company drop column receipt_footer; alter table company drop column logo_mime; alter table company drop column logo_base64;
      delete from kysely_migration where name >= '0500';`);
    const later = raw.prepare(`select name from kysely_migration order by name desc limit 1`).get() as {
      name: string;
    };
    expect(later.name).toBe('0402-fiscal-compact-pages');
    raw.close();
    fs.rmSync(path.join(dir, 'fiscal-seal.key'));
    fs.rmSync(path.join(dir, 'fiscal-seal.head-a'));
    fs.rmSync(path.join(dir, 'fiscal-seal.head-b'));
    expect(seals()).toEqual({ state: 'legacy', problems: [] });

    core = await createCore({ dataDir: dir, clock, log: quiet });
    const db = core.ctx.db.sqlite;
    expect(db.prepare('select count(*) as n from fiscal_seal').get()).toEqual({ n: 5 });
    expect(db.prepare('select count(*) as n from fiscal_status_seal').get()).toEqual({ n: 1 });
    expect(db.prepare('select count(*) as n from fiscal_seal_backfill').get()).toEqual({ n: 0 });
    expect(
      db.prepare(`select count(*) as n from audit_log where action = 'fiscal.seal-backfill'`).get(),
    ).toEqual({
      n: 1,
    });
    clock.advance(60_000);
    core.fiscal.issue({ type: 'FT', lines: [{ articleId: nor.id, quantity: '1' }] }, 1);
    await core.stop('test');
    expect(seals()).toEqual({ state: 'sealed', problems: [] });
  });

  it('a forged backfill marker does not get rows inserted later sealed at the next start', async () => {
    const raw = new BetterSqlite3(path.join(dir, 'balcao.sqlite'));
    for (const t of raw
      .prepare(`select name from sqlite_master where type = 'trigger' and tbl_name like 'fiscal_%'`)
      .all() as { name: string }[]) {
      raw.exec(`drop trigger ${t.name}`);
    }
    const last = raw.prepare(`select id from fiscal_document order by id desc limit 1`).get() as {
      id: number;
    };
    const doc = raw.prepare(`select doc_no from fiscal_document where id = ?`).get(last.id) as {
      doc_no: string;
    };
    raw
      .prepare(
        `insert into fiscal_status (document_id, status, at, operator_id, reason) values (?, 'A', '2025-03-14T10:00:00', 1, 'Forjada')`,
      )
      .run(last.id);
    raw
      .prepare(
        `insert into fiscal_seal_backfill (id, max_document_id, max_status_id) values (1, 999999, 999999)`,
      )
      .run();
    raw.close();
    const core = await createCore({ dataDir: dir, clock, log: quiet });
    await core.stop('test');
    const r = seals();
    expect(r.problems).toContainEqual({
      docNo: doc.doc_no,
      problem: 'anulação sem selo (registo acrescentado diretamente na base de dados)',
    });
  });
});
