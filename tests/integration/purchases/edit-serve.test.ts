import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBalcao, type BalcaoServer } from '../../e2e/balcao-server';
import { purchaseXml } from '../../helpers/purchase-xml';
import type { PurchaseDetail } from '../../../shared/api/purchases';
import { serveCall, type ServeReply } from '../../helpers/serve-call';

/**
 * Issue 13: a purchase typed by hand is corrected (header, lines, totals checked again) or discarded while it is
 * not in stock, on the real HTTP transport of a real `balcao serve` over its SQLite file. Refused, in pt-PT and
 * with nothing written: bad input, a purchase already in stock, an iLink purchase, and anyone but the gerente.
 * Each correction is audited (who, when, what) and shown back with the purchase.
 */
let server: BalcaoServer & { stop(): Promise<void> };
let token = '';
let gerente = '';
let contabilista = '';
let caixa = '';
let supplierId = '';

type Reply = ServeReply;
const call = (channel: string, input: unknown, session: string | null = null): Promise<Reply> =>
  serveCall(server.url, token, channel, input, session);

async function ok<T>(channel: string, input: unknown, session = gerente): Promise<T> {
  const r = await call(channel, input, session);
  expect(r.ok, `${channel}: ${r.error?.message}`).toBe(true);
  return r.value as T;
}

async function login(operatorId: number, pin: string): Promise<string> {
  return (await ok<{ token: string }>('auth/login', { operatorId, pin }, '')).token;
}

/** What the database holds of one purchase (and its audit rows), read from the file itself. */
function snapshot(purchaseId: string) {
  const db = new BetterSqlite3(path.join(server.dataDir, 'balcao.sqlite'), { readonly: true });
  try {
    return {
      purchase: db.prepare('select * from purchase where id = ?').get(purchaseId),
      lines: db.prepare('select * from purchase_line where purchase_id = ? order by line_no').all(purchaseId),
      taxes: db.prepare('select * from purchase_tax where purchase_id = ? order by seq').all(purchaseId),
    };
  } finally {
    db.close();
  }
}

function auditRows(action: string) {
  const db = new BetterSqlite3(path.join(server.dataDir, 'balcao.sqlite'), { readonly: true });
  try {
    return db
      .prepare('select at, operator_id, details from audit_log where action = ? order by id')
      .all(action) as Array<{ at: string; operator_id: number | null; details: string }>;
  } finally {
    db.close();
  }
}

/** 21 × 0,52 at 6 % where the paper says 12: the owner typed the quantity wrong (and totals to match it). */
const wrongDraft = (number: string) => ({
  supplierId,
  number,
  issueDate: '2026-01-15',
  lines: [{ articleId: 3, quantity: '21', unitCost: '0.52', vatRate: '6' }],
  typedTotals: { net: '10.92', vat: '0.66', gross: '11.58' },
});

/** The paper: 12 × 0,52 at 6 % (6,24 + 0,37) and 2 × 1,50 at 23 % (3,00 + 0,69); another number and date. */
const fixed = (id: string, number = 'FTFORN 2026/12') => ({
  id,
  supplierId,
  typeCode: 'FT',
  number,
  issueDate: '2026-01-16',
  warehouseId: 1,
  lines: [
    { articleId: 3, quantity: '12', unitCost: '0.52', vatRate: '6' },
    { articleId: 4, quantity: '2', unitCost: '1.50', vatRate: '23' },
  ],
  typedTotals: { net: '9.24', vat: '1.06', gross: '10.30' },
});

beforeAll(async () => {
  server = await startBalcao();
  const page = await (await fetch(server.url)).text();
  token = /<meta name="balcao-token" content="([^"]+)"/.exec(page)?.[1] ?? '';
  gerente = await login(2, '9999');
  caixa = await login(1, '1111');
  const created = await ok<{ id: number }>('operators/save', {
    operator: { name: 'Carla Contas', role: 'contabilista', pin: '4321' },
  });
  contabilista = await login(created.id, '4321');
  supplierId = (
    await ok<{ id: string }>('suppliers/save', {
      supplier: { nif: '589309340', name: 'Distribuidora Tejo, Lda.', country: 'PT' },
    })
  ).id;
}, 180_000);

afterAll(async () => {
  await server?.stop();
});

describe('correcting a typed purchase before it enters stock (balcao serve)', () => {
  it('the gerente fixes the quantity, a line, the number, date and warehouse; the edit is audited', async () => {
    const draft = await ok<PurchaseDetail>('purchases/create-manual', wrongDraft('FTFORN 2026/11'));
    expect(draft).toMatchObject({ stage: 'por-confirmar', grossTotal: '11.58', warehouse: null, edits: [] });

    const p = await ok<PurchaseDetail>('purchases/update-manual', fixed(draft.id));
    expect(p).toMatchObject({
      id: draft.id,
      number: 'FTFORN 2026/12',
      issueDate: '2026-01-16',
      stage: 'por-confirmar',
      netTotal: '9.24',
      grossTotal: '10.30',
      warehouse: { id: 1, code: 'LOJA' },
      totals: { net: '9.24', vat: '1.06', gross: '10.30', payable: '10.30' },
    });
    expect(
      p.lines.map((l) => [l.lineNo, l.article?.id, l.quantity, l.unitPrice, l.lineNet, l.matchBy]),
    ).toEqual([
      [1, 3, '12', '0.52', '6.24', 'manual'],
      [2, 4, '2', '1.5', '3.00', 'manual'],
    ]);
    expect(p.taxes.map((x) => [x.rate, x.taxable, x.tax])).toEqual([
      ['6', '6.24', '0.37'],
      ['23', '3.00', '0.69'],
    ]);
    // Who and when: the audit trail, shown back with the purchase.
    expect(p.edits).toEqual([
      {
        at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        operator: 'Rui Gerente',
        fields: ['number', 'issueDate', 'warehouse', 'lines'],
        lines: { added: 1, removed: 0, changed: 1 },
        grossBefore: '11.58',
        grossAfter: '10.30',
      },
    ]);
    const [row] = auditRows('purchases.manual-edited');
    expect(row.operator_id).toBe(2);
    expect(JSON.parse(row.details)).toMatchObject({
      purchaseId: draft.id,
      before: {
        number: 'FTFORN 2026/11',
        issueDate: '2026-01-15',
        warehouseId: null,
        lines: [{ articleId: 3, quantity: '21', unitCost: '0.52', discountPct: '0', vatRate: '6' }],
      },
    });
    expect(auditRows('purchases.update-manual').map((r) => r.operator_id)).toEqual([2]);

    // The same correction again changes nothing and writes no second domain audit row.
    await ok('purchases/update-manual', fixed(draft.id));
    expect(auditRows('purchases.manual-edited')).toHaveLength(1);

    // Removing a line is a correction too (the totals typed again for what is left).
    const one = await ok<PurchaseDetail>('purchases/update-manual', {
      ...fixed(draft.id),
      lines: [fixed(draft.id).lines[0]],
      typedTotals: { net: '6.24', vat: '0.37', gross: '6.61' },
    });
    expect(one.lines).toHaveLength(1);
    expect(one.edits[0]).toMatchObject({ fields: ['lines'], lines: { added: 0, removed: 1, changed: 0 } });

    // Confirmed: the corrected quantity enters stock, once.
    const before = await ok<Array<{ quantity: string }>>('stock/levels', { articleId: 3, warehouseId: 1 });
    const c = await ok<PurchaseDetail>('purchases/confirm', { id: draft.id, warehouseId: 1 });
    expect(c).toMatchObject({ stage: 'confirmada' });
    const after = await ok<Array<{ quantity: string }>>('stock/levels', { articleId: 3, warehouseId: 1 });
    expect(Number(after[0].quantity) - Number(before[0]?.quantity ?? 0)).toBe(12);
  });

  it('bad input is refused in pt-PT next to its field, and nothing changes', async () => {
    const draft = await ok<PurchaseDetail>('purchases/create-manual', wrongDraft('FTFORN 2026/21'));
    await ok('purchases/create-manual', wrongDraft('FTFORN 2026/22'));
    const stored = snapshot(draft.id);
    const refusals: Array<[string, unknown, string, RegExp, string?]> = [
      [
        'totals that differ from the paper',
        { ...fixed(draft.id, 'FTFORN 2026/21'), typedTotals: { net: '9.24', vat: '1.05', gross: '10.29' } },
        'VALIDATION',
        /^Os totais não conferem com o documento do fornecedor: IVA calculado 1,06\u00a0€, indicado 1,05\u00a0€; total com IVA calculado 10,30\u00a0€, indicado 10,29\u00a0€\./,
        'typedTotals',
      ],
      [
        'the number of another purchase of this supplier',
        fixed(draft.id, 'ftforn  2026/22'),
        'CONFLICT',
        /^O documento ftforn 2026\/22 do fornecedor Distribuidora Tejo, Lda\. já está registado/,
        'number',
      ],
      [
        'an empty number',
        fixed(draft.id, '  '),
        'VALIDATION',
        /N\.º do documento do fornecedor: obrigatório\./,
      ],
      [
        'a negative quantity',
        {
          ...fixed(draft.id),
          lines: [{ articleId: 3, quantity: '-12', unitCost: '0.52', vatRate: '6' }],
        },
        'VALIDATION',
        /quantidade/i,
      ],
      ['no lines', { ...fixed(draft.id), lines: [] }, 'VALIDATION', /Indique pelo menos uma linha\./],
      [
        'an unknown article',
        {
          ...fixed(draft.id, 'FTFORN 2026/21'),
          lines: [{ articleId: 99999, quantity: '12', unitCost: '0.52', vatRate: '6' }],
          typedTotals: { net: '6.24', vat: '0.37', gross: '6.61' },
        },
        'NOT_FOUND',
        /^Linha 1: o artigo 99999 não existe\.$/,
        'lines',
      ],
      [
        'an unknown warehouse',
        { ...fixed(draft.id, 'FTFORN 2026/21'), warehouseId: 999 },
        'NOT_FOUND',
        /^O armazém 999 não existe\.$/,
        'warehouseId',
      ],
      [
        'an unknown supplier',
        { ...fixed(draft.id, 'FTFORN 2026/21'), supplierId: 'T1-NINGUEM' },
        'NOT_FOUND',
        /^Fornecedor inexistente\.$/,
        'supplierId',
      ],
      ['an unknown purchase', fixed('T1-NAOEXISTE'), 'NOT_FOUND', /[a-zà-ú]/i],
      [
        'a field the form does not have',
        { ...fixed(draft.id), confirmedAt: null },
        'VALIDATION',
        /[a-zà-ú]/i,
      ],
    ];
    for (const [why, input, code, message, field] of refusals) {
      const r = await call('purchases/update-manual', input, gerente);
      expect(r, why).toMatchObject({ ok: false, error: { code } });
      expect(r.error?.message, why).toMatch(message);
      if (field) expect(r.error?.details?.field, why).toBe(field);
    }
    expect(snapshot(draft.id), 'nothing changed').toEqual(stored);
    const again = await ok<PurchaseDetail>('purchases/get', { id: draft.id });
    expect(again.edits).toEqual([]);
  });

  it('the contabilista and the caixa may not correct or discard (403, pt-PT); nothing changes', async () => {
    const draft = await ok<PurchaseDetail>('purchases/create-manual', wrongDraft('FTFORN 2026/31'));
    const stored = snapshot(draft.id);
    for (const [who, session] of [
      ['contabilista', contabilista],
      ['caixa', caixa],
    ] as const) {
      for (const [channel, input] of [
        ['purchases/update-manual', fixed(draft.id, 'FTFORN 2026/31')],
        ['purchases/discard-manual', { id: draft.id }],
      ] as const) {
        const r = await call(channel, input, session);
        expect(r, `${who} ${channel}`).toMatchObject({
          status: 403,
          ok: false,
          error: { code: 'FORBIDDEN' },
        });
        expect(r.error?.message, `${who} ${channel}`).toMatch(/[a-zà-ú]/i);
      }
    }
    // The contabilista still reads it.
    expect(await call('purchases/get', { id: draft.id }, contabilista)).toMatchObject({ ok: true });
    expect(snapshot(draft.id)).toEqual(stored);
  });

  it('a purchase in stock and an iLink purchase are refused, whoever calls the core', async () => {
    const draft = await ok<PurchaseDetail>('purchases/create-manual', wrongDraft('FTFORN 2026/41'));
    await ok('purchases/confirm', { id: draft.id, warehouseId: 1 });
    const confirmed = snapshot(draft.id);
    const edit = await call('purchases/update-manual', fixed(draft.id, 'FTFORN 2026/41'), gerente);
    expect(edit).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(edit.error?.message).toMatch(
      /^Esta compra já entrou em stock \(LOJA, \d\d\/\d\d\/\d{4}\): já não se altera\. Para corrigir quantidades, registe uma devolução ao fornecedor\.$/,
    );
    const gone = await call('purchases/discard-manual', { id: draft.id }, gerente);
    expect(gone).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(gone.error?.message).toMatch(/^Esta compra já entrou em stock \(LOJA, .*\): não se descarta\./);
    expect(snapshot(draft.id)).toEqual(confirmed);

    const imported = await ok<{ ok: true; purchaseId: string }>('purchases/import-xml', {
      xml: purchaseXml({ number: 'FT 2026/900' }),
      ilinkId: 'il-edit-1',
    });
    const stored = snapshot(imported.purchaseId);
    const i = await call('purchases/update-manual', fixed(imported.purchaseId, 'FT 2026/900'), gerente);
    expect(i).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(i.error?.message).toBe(
      'Esta compra foi importada do iLink: os dados do fornecedor (cabeçalho, linhas e totais) vêm do documento eletrónico e não se alteram. Se estiver errada, recuse-a no Histórico de importação.',
    );
    const d = await call('purchases/discard-manual', { id: imported.purchaseId }, gerente);
    expect(d).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(d.error?.message).toMatch(/^Esta compra foi importada do iLink: não se descarta\./);
    expect(snapshot(imported.purchaseId)).toEqual(stored);
  });

  it('the gerente discards a draft: it is gone with its lines, audited, and its number is free again', async () => {
    const draft = await ok<PurchaseDetail>('purchases/create-manual', wrongDraft('FTFORN 2026/51'));
    const r = await ok<{ id: string; number: string }>('purchases/discard-manual', { id: draft.id });
    expect(r).toEqual({ id: draft.id, number: 'FTFORN 2026/51' });
    expect(snapshot(draft.id)).toEqual({ purchase: undefined, lines: [], taxes: [] });
    const missing = await call('purchases/get', { id: draft.id }, gerente);
    expect(missing).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const audit = auditRows('purchases.manual-discarded').map((a) => ({
      by: a.operator_id,
      ...(JSON.parse(a.details) as object),
    }));
    expect(audit).toEqual([
      expect.objectContaining({
        by: 2,
        purchaseId: draft.id,
        number: 'FTFORN 2026/51',
        gross: '11.58',
        lines: [{ articleId: 3, quantity: '21', unitCost: '0.52', discountPct: '0', vatRate: '6' }],
      }),
    ]);
    expect(await call('purchases/discard-manual', { id: draft.id }, gerente)).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    await ok('purchases/create-manual', wrongDraft('FTFORN 2026/51'));
  });
});
