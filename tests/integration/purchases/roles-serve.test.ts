import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, startBalcao, type BalcaoServer } from '../../e2e/balcao-server';
import { serveCall, type ServeReply } from '../../helpers/serve-call';

/**
 * Issue 13 item 4 on the real HTTP transport of a real `balcao serve`: the gerente registers, confirms and
 * returns purchases; the contabilista reads them and is refused every write (403, pt-PT, nothing changes).
 * And a purchase never enters the sales side: no fiscal document, `balcao verify` unchanged, not in SAF-T.
 */
let server: BalcaoServer & { stop(): Promise<void> };
let token = '';

type Reply = ServeReply;
const call = (channel: string, input: unknown, session: string | null = null): Promise<Reply> =>
  serveCall(server.url, token, channel, input, session);

async function login(operatorId: number, pin: string): Promise<string> {
  const r = await call('auth/login', { operatorId, pin });
  expect(r.ok, r.error?.message).toBe(true);
  return (r.value as { token: string }).token;
}

const balcao = (...args: string[]) =>
  spawnSync(process.execPath, [path.join(ROOT, 'electron/cli/balcao.mjs'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 180_000,
  });

let gerente = '';
let contabilista = '';
let purchaseId = '';

beforeAll(async () => {
  server = await startBalcao();
  const page = await (await fetch(server.url)).text();
  token = /<meta name="balcao-token" content="([^"]+)"/.exec(page)?.[1] ?? '';
  gerente = await login(2, '9999');
  const created = await call(
    'operators/save',
    { operator: { name: 'Carla Contas', role: 'contabilista', pin: '4321' } },
    gerente,
  );
  expect(created.ok, created.error?.message).toBe(true);
  contabilista = await login((created.value as { id: number }).id, '4321');
  const supplier = await call(
    'suppliers/save',
    { supplier: { nif: '589309340', name: 'Distribuidora Tejo, Lda.', country: 'PT' } },
    gerente,
  );
  expect(supplier.ok, supplier.error?.message).toBe(true);
  const p = await call(
    'purchases/create-manual',
    {
      supplierId: (supplier.value as { id: string }).id,
      number: 'FTFORN 2026/4711',
      issueDate: '2026-01-15',
      lines: [{ articleId: 3, quantity: '24', unitCost: '0.52', vatRate: '6' }],
      typedTotals: { net: '12.48', vat: '0.75', gross: '13.23' },
    },
    gerente,
  );
  expect(p.ok, p.error?.message).toBe(true);
  purchaseId = (p.value as { id: string }).id;
}, 180_000);

afterAll(async () => {
  await server?.stop();
});

describe('purchases through balcao serve', () => {
  it('the contabilista reads purchases but registers, confirms, matches and returns nothing', async () => {
    for (const [channel, input] of [
      ['purchases/list', {}],
      ['purchases/get', { id: purchaseId }],
    ] as const) {
      expect(await call(channel, input, contabilista), channel).toMatchObject({ status: 200, ok: true });
    }
    const refused: Array<[string, unknown]> = [
      [
        'purchases/create-manual',
        {
          supplierId: 'x',
          number: 'X 1',
          issueDate: '2026-01-15',
          lines: [{ articleId: 3, quantity: '1', unitCost: '1', vatRate: '6' }],
          typedTotals: { net: '1.00', vat: '0.06', gross: '1.06' },
        },
      ],
      ['purchases/confirm', { id: purchaseId, warehouseId: 1 }],
      ['purchases/match-line', { id: purchaseId, lineNo: 1, articleId: 4 }],
      ['purchases/return', { id: purchaseId, reason: 'x', lines: [{ lineNo: 1, quantity: '1' }] }],
    ];
    for (const [channel, input] of refused) {
      const r = await call(channel, input, contabilista);
      expect(r, channel).toMatchObject({ status: 403, ok: false, error: { code: 'FORBIDDEN' } });
      expect(r.error?.message, channel).toMatch(/[a-zà-ú]/i);
    }
    const p = await call('purchases/get', { id: purchaseId }, contabilista);
    expect(p.value).toMatchObject({ stage: 'por-confirmar', warehouse: null });
  });

  it('the gerente confirms it into stock once; it stays out of the fiscal documents, verify and SAF-T', async () => {
    const c = await call('purchases/confirm', { id: purchaseId, warehouseId: 1 }, gerente);
    expect(c, c.error?.message).toMatchObject({ ok: true, value: { stage: 'confirmada' } });
    const twice = await call('purchases/confirm', { id: purchaseId, warehouseId: 1 }, gerente);
    expect(twice).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    const r = await call(
      'purchases/return',
      { id: purchaseId, reason: 'Embalagem partida', lines: [{ lineNo: 1, quantity: '4' }] },
      gerente,
    );
    expect(r.ok, r.error?.message).toBe(true);
    const stock = await call('stock/levels', { articleId: 3, warehouseId: 1 }, gerente);
    expect(stock.ok, stock.error?.message).toBe(true);
    expect(JSON.stringify(stock.value)).toMatch(/"quantity":"20"/);

    const db = new BetterSqlite3(path.join(server.dataDir, 'balcao.sqlite'), { readonly: true });
    try {
      expect(db.prepare('select count(*) as n from fiscal_document').get()).toEqual({ n: 0 });
    } finally {
      db.close();
    }
    const v = balcao('verify', '--data-dir', server.dataDir);
    expect(v.status, v.stderr + v.stdout).toBe(0);
    expect(v.stdout).toMatch(/^OK: 0 documentos/);
    const out = path.join(server.dataDir, 'saft.xml');
    const s = balcao(
      'saft',
      '--from',
      '2020-01-01',
      '--to',
      '2099-12-31',
      '--out',
      out,
      '--data-dir',
      server.dataDir,
    );
    expect(s.status, s.stderr).toBe(0);
    const xml = fs.readFileSync(out, 'latin1');
    expect(xml).toMatch(/<SalesInvoices>\s*<NumberOfEntries>0<\/NumberOfEntries>/);
    expect(xml).not.toContain('FTFORN 2026/4711');
  }, 240_000);
});
