import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fiscalTestCore, type FiscalTestCore } from '../fiscal/fiscal-helpers';
import { article } from './stock-helpers';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const BIN = path.join(ROOT, 'electron/cli/balcao.mjs');
const balcao = (...args: string[]) =>
  spawnSync(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 120_000,
    maxBuffer: 64 * 1024 * 1024,
  });

/** `balcao stock` reads a real data folder (closed core) and prints stock per article and warehouse. */
describe('balcao stock', () => {
  let f: FiscalTestCore;
  beforeAll(async () => {
    f = await fiscalTestCore();
    const { core } = f;
    const kg = article(core, 'A0057');
    const un = article(core, 'A0005');
    const arm = core.stock.warehouses.create({ code: 'ARM', name: 'Armazém' }, core.ctx.clock.now());
    core.stock.postPurchase({
      purchaseRef: 'P-9',
      warehouseId: arm.id,
      cause: 'purchase',
      lines: [
        { articleId: kg.id, quantity: '5', unitCost: '4.10' },
        { articleId: un.id, quantity: '24', unitCost: '0.5' },
      ],
      operatorId: 2,
    });
    core.stock.transfer({
      fromWarehouseId: arm.id,
      toWarehouseId: 1,
      lines: [
        { articleId: kg.id, quantity: '2.5' },
        { articleId: un.id, quantity: '6' },
      ],
      operatorId: 2,
    });
    core.fiscal.issue({ type: 'FT', lines: [{ articleId: kg.id, quantity: '0.75' }] }, 1);
    await core.stop('test');
  }, 60_000);
  afterAll(async () => {
    await f.close();
  });

  it('--json: code, warehouse, quantity, avg_cost of every balance', () => {
    const r = balcao('stock', '--json', '--data-dir', f.dir);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([
      { code: 'A0005', warehouse: 'ARM', quantity: '18', avg_cost: '0.5' },
      { code: 'A0005', warehouse: 'LOJA', quantity: '6', avg_cost: '0.5' },
      { code: 'A0057', warehouse: 'ARM', quantity: '2.5', avg_cost: '4.1' },
      { code: 'A0057', warehouse: 'LOJA', quantity: '1.75', avg_cost: '4.1' },
    ]);
  }, 60_000);

  it('--warehouse filters by code; the table names its columns; an unknown warehouse is an error', () => {
    const r = balcao('stock', '--warehouse', 'loja', '--data-dir', f.dir);
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0].split(/\s+/)).toEqual(['code', 'warehouse', 'quantity', 'avg_cost', 'name']);
    expect(lines.slice(1).map((l) => l.split(/\s+/).slice(0, 4))).toEqual([
      ['A0005', 'LOJA', '6', '0.5'],
      ['A0057', 'LOJA', '1.75', '4.1'],
    ]);
    const bad = balcao('stock', '--warehouse', 'NADA', '--data-dir', f.dir);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('O armazém NADA não existe.');
  }, 60_000);
});

/**
 * At the size of issue 13's report (50 000 articles × 3 warehouses) the table prints every line: the column
 * widths were taken with `Math.max(...150 000 lengths)`, past V8's argument limit (~125 000): RangeError.
 */
describe('balcao stock at 150 000 lines', () => {
  let f: FiscalTestCore;
  const ARTICLES = 50_000;
  beforeAll(async () => {
    f = await fiscalTestCore();
    const { core } = f;
    const { db } = core.ctx;
    const at = core.ctx.clock.now();
    const ws = [
      1,
      ...['ARM', 'CAVE'].map((code) => core.stock.warehouses.create({ code, name: code }, at).id),
    ];
    db.tx(() => {
      for (let i = 0; i < ARTICLES; i++) {
        const id = db.run(
          db.k.insertInto('article').values({
            code: `B${String(i).padStart(6, '0')}`,
            barcode: null,
            name: `Artigo ${i}`,
            family: 'Bench',
            unit: 'UN',
            price: '1.00',
            tax_code: 'NOR',
            exemption_code: null,
            product_type: 'P',
            favourite: 0,
            active: 1,
            created_at: at.toISOString(),
          }),
        ).lastInsertRowid;
        for (const w of ws) {
          db.run(
            db.k.insertInto('stock_balance').values({
              article_id: id,
              warehouse_id: w,
              quantity: String(i % 7),
              avg_cost: '1.25',
              last_cost: '1.25',
              last_seq: 0,
              updated_at: at.toISOString(),
              value_cents: Math.round((i % 7) * 125),
            }),
          );
        }
      }
    });
    await core.stop('test');
  }, 120_000);
  afterAll(async () => {
    await f.close();
  });

  it('prints the header and every one of the 150 000 lines', () => {
    const r = balcao('stock', '--data-dir', f.dir);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(ARTICLES * 3 + 1);
    expect(lines[1].split(/\s+/)).toEqual(['B000000', 'ARM', '0', '1.25', 'Artigo', '0']);
    expect(lines.at(-1)!.split(/\s+/)).toEqual(['B049999', 'LOJA', '5', '1.25', 'Artigo', '49999']);
  }, 120_000);
});
