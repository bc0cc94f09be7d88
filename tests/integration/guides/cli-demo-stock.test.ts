import { spawnSync } from 'node:child_process';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Dec } from '../../../shared/money';
import { tempDir } from '../../helpers/tmp';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const BIN = path.join(ROOT, 'electron/cli/balcao.mjs');
const balcao = (...args: string[]) =>
  spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 180_000 });

/**
 * Issue 13 "done when": after `balcao demo --sales 80`, `balcao stock --json` equals purchases − net sales ±
 * transfers, per article and warehouse. The expected figures come from the documents themselves (the sales,
 * credit notes and guides, and their cancellations) and the confirmed purchase documents (from the demo supplier,
 * through electron/core/purchases), not from the ledger that `balcao stock` reads.
 */
describe('balcao demo seeds stock that balcao stock accounts for', () => {
  const tmp = tempDir('balcao-demo-stock-');
  const dataDir = path.join(tmp.dir, 'data');
  let demoOut = '';
  beforeAll(() => {
    const r = balcao('demo', '--sales', '80', '--seed', '5', '--data-dir', dataDir);
    expect(r.status, r.stderr).toBe(0);
    demoOut = r.stdout;
  }, 240_000);
  afterAll(() => tmp.cleanup());

  it('says what it did: purchases from the demo supplier and GT transfers, one cancelled', () => {
    expect(demoOut).toMatch(/80 documentos de formação emitidos/);
    expect(demoOut).toMatch(
      /Stock: 2 compras ao fornecedor de demonstração \(\d+ linhas\); 4 guias de transporte entre armazéns \(1 anulada\)\./,
    );
  });

  it('stock --json = purchases − sales + returns − transfers out + transfers in', () => {
    const r = balcao('stock', '--json', '--data-dir', dataDir);
    expect(r.status, r.stderr).toBe(0);
    const shown = new Map<string, string>();
    for (const row of JSON.parse(r.stdout) as Array<{ code: string; warehouse: string; quantity: string }>)
      if (!new Dec(row.quantity).isZero())
        shown.set(`${row.code}@${row.warehouse}`, new Dec(row.quantity).toFixed());

    const db = new BetterSqlite3(path.join(dataDir, 'balcao.sqlite'), { readonly: true });
    const expected = new Map<string, Dec>();
    const add = (code: string, wh: string, q: Dec | string) =>
      expected.set(`${code}@${wh}`, (expected.get(`${code}@${wh}`) ?? new Dec(0)).plus(q));
    try {
      const whCode = new Map(
        (db.prepare('select id, code from warehouse').all() as Array<{ id: number; code: string }>).map(
          (w) => [w.id, w.code],
        ),
      );
      // Purchases: the confirmed purchase documents' lines (issue 13 item 4), not the ledger; every one of
      // them from the demo supplier, and every purchase movement belongs to one of them.
      const bought = db
        .prepare(
          `select a.code, p.warehouse_id, l.quantity, s.name from purchase_line l
           join purchase p on p.id = l.purchase_id join supplier s on s.id = p.supplier_id
           join article a on a.id = l.article_id
           where p.confirmed_at is not null and a.product_type = 'P' and a.stock_tracked = 1`,
        )
        .all() as Array<{ code: string; warehouse_id: number; quantity: string; name: string }>;
      expect(bought.length).toBeGreaterThan(50);
      expect(new Set(bought.map((b) => b.name))).toEqual(new Set(['Distribuidora Demonstração, Lda.']));
      for (const p of bought) add(p.code, whCode.get(p.warehouse_id)!, p.quantity);
      expect(
        db
          .prepare(
            `select count(*) as n from stock_movement m where m.cause = 'purchase'
             and not exists (select 1 from purchase p where 'purchase:' || p.id = m.reference and p.confirmed_at is not null)`,
          )
          .get(),
      ).toEqual({ n: 0 });
      const lines = db
        .prepare(
          `select d.doc_type, d.transport, l.product_code, l.quantity from fiscal_line l
           join fiscal_document d on d.id = l.document_id
           join article a on a.id = l.article_id and a.product_type = 'P' and a.stock_tracked = 1
           where d.doc_type in ('FS','FR','FT','NC','GT','GR')
             and not exists (select 1 from fiscal_status s where s.document_id = d.id)`,
        )
        .all() as Array<{
        doc_type: string;
        transport: string | null;
        product_code: string;
        quantity: string;
      }>;
      let sold = 0;
      let returned = 0;
      let moved = 0;
      for (const l of lines) {
        if (l.doc_type === 'NC') {
          add(l.product_code, 'LOJA', l.quantity);
          returned++;
        } else if (l.doc_type === 'GT' || l.doc_type === 'GR') {
          const t = JSON.parse(l.transport!) as {
            ownGoods: boolean;
            fromWarehouseId: number | null;
            toWarehouseId: number | null;
          };
          add(l.product_code, whCode.get(t.fromWarehouseId ?? 1)!, new Dec(l.quantity).neg());
          if (t.ownGoods) add(l.product_code, whCode.get(t.toWarehouseId!)!, l.quantity);
          moved++;
        } else {
          add(l.product_code, 'LOJA', new Dec(l.quantity).neg());
          sold++;
        }
      }
      // The demo really exercised every cause.
      expect(sold).toBeGreaterThan(50);
      expect(returned).toBeGreaterThan(0);
      expect(moved).toBeGreaterThan(3);
    } finally {
      db.close();
    }
    const want = new Map([...expected].filter(([, q]) => !q.isZero()).map(([k, q]) => [k, q.toFixed()]));
    expect(Object.fromEntries([...shown].sort())).toEqual(Object.fromEntries([...want].sort()));
    expect([...shown.keys()].some((k) => k.endsWith('@ARM'))).toBe(true);
  }, 120_000);

  it('verify passes over sales and guides alike', () => {
    const r = balcao('verify', '--data-dir', dataDir);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^OK: 84 documentos/);
  }, 120_000);
});
