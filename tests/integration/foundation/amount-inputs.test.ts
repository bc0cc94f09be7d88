import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../../electron/server/http-server';
import { silentLogger } from '../../../electron/core/log/logger';
import { channels, contract, type Channel, type Output } from '../../../shared/api';
import { createTestCoreWithCi5, type TestCore } from '../../helpers/core';
import { tempDir } from '../../helpers/tmp';

/**
 * Issue 9, items 4 and 5, at the real HTTP boundary: every amount, quantity and percentage is refused at the
 * contract (400 VALIDATION, pt-PT message) when it cannot become a fiscal document; no input answers 500; the
 * sale stays open and scannable; no payment is settled for a cart the fiscal service would refuse.
 */

const PAO = { barcode: '5601234100013', price: '1.89' };
const NIF = '501964843';

let tc: TestCore;
let srv: RunningServer;
let session = '';
const staticDir = tempDir();

interface Reply {
  status: number;
  body: { ok: boolean; value?: unknown; error?: { code: string; message: string } };
}

function post(channel: string, input: unknown): Promise<Reply> {
  const body = JSON.stringify(input);
  return new Promise((resolve, reject) => {
    const req = http.request(
      `${srv.url}api/${channel}`,
      {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'X-Balcao-Token': srv.token,
          'X-Balcao-Session': session,
        },
      },
      (res) => {
        let data = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (data += c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: JSON.parse(data) as Reply['body'] }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

async function ok<C extends Channel>(channel: C, input: unknown): Promise<Output<C>> {
  const r = await post(channel, input);
  expect(r.body, `${channel} ${JSON.stringify(input).slice(0, 200)}`).toMatchObject({ ok: true });
  return r.body.value as Output<C>;
}

/** A 400 VALIDATION whose message is the dispatcher's pt-PT sentence. */
function expectRefused(r: Reply, what: string): void {
  expect({ what, status: r.status, code: r.body.error?.code }).toEqual({
    what,
    status: 400,
    code: 'VALIDATION',
  });
  expect(r.body.error?.message).toMatch(/^Dados inválidos — /);
}

/** The open sale (there must be one). */
async function current(): Promise<NonNullable<Output<'sales/current'>>> {
  const sale = await ok('sales/current', {});
  if (!sale) throw new Error('no sale in progress');
  return sale;
}

const paymentRows = (): number =>
  (tc.core.ctx.db.sqlite.prepare('select count(*) as n from sale_payment').get() as { n: number }).n;

beforeAll(async () => {
  tc = await createTestCoreWithCi5();
  srv = await startServer({ core: tc.core, port: 0, staticDir: staticDir.dir, log: silentLogger });
  // A manager: item 5 is about validation, not approvals (part C owns access and policies).
  session = (await ok('auth/login', { operatorId: 2, pin: '9999' })).token;
  await ok('shifts/open', { openingFloat: '50.00' });
});
afterAll(async () => {
  await srv.close();
  await tc.close();
  staticDir.cleanup();
});

describe('item 5: sub-cent, exponent and very long amounts are a 400, never a 500', () => {
  it('refuses each reproduction and leaves the sale open and scannable', async () => {
    const sale = await ok('sales/scan', { barcode: PAO.barcode });
    const lineId = sale.lines[0].id;
    const before = await current();
    const piece = (value: string) => [{ value, count: 1 }];
    const reproductions: Array<[string, unknown]> = [
      ['cash/sale', { amountDue: '0.001' }],
      ['cash/sale', { amountDue: '9999999999999.99999999' }],
      ['cash/sale', { amountDue: '1.00', surprise: true }],
      ['cash/payout', { amount: '0.005', reason: 'teste' }],
      ['cash/cashout', { pieces: piece('0.001'), reason: 'teste' }],
      ['cash/cashout', { pieces: piece('0.005'), reason: 'teste' }],
      ['cash/sim-insert', { pieces: piece('0.001') }],
      ['cash/sim-insert', { pieces: piece('0.005') }],
      ['sales/scan', { barcode: PAO.barcode, quantity: '0.00000001' }],
      ['sales/set-quantity', { lineId, quantity: '0.00000001' }],
      [
        'sales/add-line',
        { description: 'Diversos', unitPrice: '1.00', taxCode: 'NOR', quantity: '0.0000001' },
      ],
    ];
    for (const [channel, input] of reproductions) {
      expectRefused(await post(channel, input), `${channel} ${JSON.stringify(input)}`);
    }
    expect(await current()).toEqual(before);
    const after = await ok('sales/scan', { barcode: PAO.barcode });
    expect(after.status).toBe('open');
    expect(after.lines[0].quantity).toBe('2');
    await ok('sales/void-line', { lineId });
  });

  /** For each channel carrying an amount: an otherwise valid input, with the amount replaced. */
  const NUMERIC_JUNK = [
    '',
    ' 1',
    '1 ',
    '+1',
    '-1',
    '-0',
    '1e2',
    '1E-8',
    'NaN',
    'Infinity',
    '0x10',
    '1,5',
    '.5',
    '1.',
    '1.2.3',
    '9'.repeat(5000),
    '9999999999999.99999999',
    '0.00000001',
  ];
  const MONEY_JUNK = [...NUMERIC_JUNK, '0.001', '0.005', '1000000000.00', '999999999.991'];
  const QTY_JUNK = [...NUMERIC_JUNK, '0', '0.000', '0.0001', '100000', '99999.9991'];
  const PCT_JUNK = [...NUMERIC_JUNK, '100.01', '101', '0.001', '0.00000001'];
  const PRICE_JUNK = [...NUMERIC_JUNK, '0.00001', '1000000000'];
  const PIECE_JUNK = [...MONEY_JUNK, '0.03', '0.00', '3.00', '1000.00'];
  const freeLine = { description: 'Diversos', unitPrice: '1.00', taxCode: 'NOR' } as const;
  const draftLine = { description: 'Diversos', unitPrice: '1.00', taxCode: 'NOR', quantity: '1' };
  const fs = (over: Record<string, unknown>, line: Record<string, unknown> = {}) => ({
    type: 'FS',
    lines: [{ ...draftLine, ...line }],
    payments: [{ method: 'cash', amount: '1.00' }],
    ...over,
  });
  const table: Array<[string, string[], (v: unknown) => unknown]> = [
    ['cash/sale', MONEY_JUNK, (v) => ({ amountDue: v })],
    ['cash/sale', MONEY_JUNK, (v) => ({ amountDue: '1.00', tendered: v })],
    ['cash/payout', MONEY_JUNK, (v) => ({ amount: v, reason: 'teste' })],
    ['cash/cashout', PIECE_JUNK, (v) => ({ pieces: [{ value: v, count: 1 }], reason: 'teste' })],
    ['cash/collect', PIECE_JUNK, (v) => ({ pieces: [{ value: v, count: 1 }] })],
    ['cash/sim-insert', PIECE_JUNK, (v) => ({ pieces: [{ value: v, count: 1 }] })],
    ['sales/add-line', QTY_JUNK, (v) => ({ ...freeLine, quantity: v })],
    ['sales/add-line', PRICE_JUNK, (v) => ({ ...freeLine, unitPrice: v })],
    ['sales/add-line', PCT_JUNK, (v) => ({ ...freeLine, discountPct: v })],
    ['sales/scan', QTY_JUNK, (v) => ({ barcode: PAO.barcode, quantity: v })],
    ['sales/set-quantity', QTY_JUNK, (v) => ({ lineId: 1, quantity: v })],
    ['sales/update-line', QTY_JUNK, (v) => ({ lineId: 1, quantity: v })],
    ['sales/update-line', PRICE_JUNK, (v) => ({ lineId: 1, unitPrice: v })],
    ['sales/update-line', PCT_JUNK, (v) => ({ lineId: 1, discountPct: v })],
    ['sales/set-discount', PCT_JUNK, (v) => ({ pct: v })],
    ['sales/pay-start', MONEY_JUNK, (v) => ({ method: 'cash-manual', amount: v })],
    ['sales/pay-start', MONEY_JUNK, (v) => ({ method: 'cash-manual', tendered: v })],
    ['sales/pay-confirm', MONEY_JUNK, (v) => ({ paymentId: 1, approvedAmount: v })],
    [
      'sales/return',
      QTY_JUNK,
      (v) => ({ documentId: 1, lines: [{ lineId: 1, quantity: v }], reason: 'teste', refundMethod: 'card' }),
    ],
    ['shifts/open', MONEY_JUNK, (v) => ({ openingFloat: v })],
    ['shifts/cash-movement', MONEY_JUNK, (v) => ({ kind: 'payin', amount: v, reason: 'teste' })],
    ['shifts/close', MONEY_JUNK, (v) => ({ countedCash: v })],
    ['fiscal/issue-document', QTY_JUNK, (v) => fs({}, { quantity: v })],
    ['fiscal/issue-document', PRICE_JUNK, (v) => fs({}, { unitPrice: v })],
    ['fiscal/issue-document', PCT_JUNK, (v) => fs({}, { discountPct: v })],
    ['fiscal/issue-document', PCT_JUNK, (v) => fs({ globalDiscountPct: v })],
    ['fiscal/issue-document', MONEY_JUNK, (v) => fs({ payments: [{ method: 'cash', amount: v }] })],
    ['fiscal/issue-document', MONEY_JUNK, (v) => fs({ cashTendered: v })],
    [
      'fiscal/issue-receipt',
      MONEY_JUNK,
      (v) => ({
        settlements: [{ documentId: 1, amount: v }],
        payments: [{ method: 'cash', amount: '1.00' }],
      }),
    ],
    [
      'fiscal/issue-receipt',
      MONEY_JUNK,
      (v) => ({
        settlements: [{ documentId: 1, amount: '1.00' }],
        payments: [{ method: 'cash', amount: v }],
      }),
    ],
  ];

  it('refuses malformed, out-of-range and over-precise amounts on every channel that takes one', async () => {
    for (const [channel, junk, build] of table) {
      for (const v of [...junk, 1.5, 0, null, {}]) {
        expectRefused(await post(channel, build(v)), `${channel} ${JSON.stringify(build(v)).slice(0, 120)}`);
      }
    }
  });

  it('still takes the valid forms (the table above refuses amounts, not the inputs around them)', async () => {
    const line = await ok('sales/add-line', { ...freeLine, quantity: '0.125', discountPct: '12.5' });
    const id = line.lines.at(-1)!.id;
    await ok('sales/update-line', { lineId: id, unitPrice: '2.1234', quantity: '99999.999' });
    await ok('sales/set-quantity', { lineId: id, quantity: '007.50' });
    await ok('sales/set-discount', { pct: '100' });
    await ok('sales/set-discount', { pct: '0' });
    await ok('sales/void-line', { lineId: id });
  });
});

describe('item 5: every channel refuses wrong shapes and unknown keys, and never answers 500', () => {
  it('refuses non-object bodies and unknown keys on every channel (strict inputs)', async () => {
    for (const channel of channels) {
      for (const body of ['x', 42, [], true, { __unknown__: 1 }]) {
        expectRefused(await post(channel, body), `${channel} ${JSON.stringify(body)}`);
      }
    }
  });

  it('answers every top-level field filled with junk without a 500', async () => {
    const junk: unknown[] = ['9'.repeat(60_000), '-1', '1e-8', 'NaN', -1, 1e308, 0.5, {}, 'x'];
    for (const channel of channels) {
      const def = contract[channel].input as { shape?: Record<string, unknown> };
      for (const key of Object.keys(def.shape ?? {})) {
        for (const v of junk) {
          const r = await post(channel, { [key]: v });
          expect({ channel, key, v: String(v).slice(0, 20), status: r.status }).not.toMatchObject({
            status: 500,
          });
          expect(r.body.error?.code).not.toBe('INTERNAL');
        }
      }
    }
    expect(await ok('system/ping', {})).toBeTruthy();
    // Every channel × every field × 9 values over HTTP: grows with the API (issue 13 added stock/*).
  }, 120_000);
});

describe('item 4: no payment is settled for a cart the fiscal service would refuse', () => {
  it('refuses a sub-0.01 % discount at the contract; the sale pays and issues its document', async () => {
    await ok('sales/scan', { barcode: PAO.barcode });
    expectRefused(await post('sales/set-discount', { pct: '0.00000001' }), 'set-discount 1e-8');
    const sale = await current();
    expect(sale.globalDiscountPct).toBe('0');
    const paid = await ok('sales/pay-start', { method: 'cash-manual', tendered: '5.00' });
    expect(paid.completed?.document.totals.gross).toBe(PAO.price);
    expect(paid.sale.status).toBe('completed');
  });

  it('refuses a line, or a cart, above the documented maximum total before any money moves', async () => {
    await ok('sales/set-customer', { customer: { nif: NIF, name: 'Cliente Teste' } });
    expectRefused(
      await post('sales/add-line', {
        ...{ description: 'Enorme', taxCode: 'NOR' },
        unitPrice: '9999999999999.99',
        quantity: '9999999999999.99999999',
      }),
      'free line 9 999 999 999 999,99 × 9 999 999 999 999,99999999',
    );
    // Each value is in range, their product is not: the cart refuses it and is left as it was.
    await ok('sales/add-line', { description: 'Caro', unitPrice: '999999999.99', taxCode: 'NOR' });
    const big = await post('sales/add-line', {
      description: 'Caro',
      unitPrice: '999999999.99',
      taxCode: 'NOR',
    });
    expect({ status: big.status, code: big.body.error?.code }).toEqual({ status: 400, code: 'VALIDATION' });
    expect(big.body.error?.message).toMatch(/999\u00a0999\u00a0999,99\u00a0€/);
    const sale = await current();
    expect(sale.totals.gross).toBe('999999999.99');
    const lineId = sale.lines[0].id;
    for (const change of [{ quantity: '2' }, { unitPrice: '999999999.99', quantity: '1.001' }]) {
      const r = await post('sales/update-line', { lineId, ...change });
      expect(r.body.error?.code).toBe('VALIDATION');
    }
    expect((await post('sales/set-quantity', { lineId, quantity: '1.5' })).status).toBe(400);
    expect((await current()).lines[0].quantity).toBe('1');
    // Scanning the same article onto a line at the quantity maximum is refused too (merged quantity).
    await ok('sales/void-line', { lineId });
    const pao = await ok('sales/scan', { barcode: PAO.barcode, quantity: '99999.999' });
    expect((await post('sales/scan', { barcode: PAO.barcode })).status).toBe(400);
    expect((await current()).lines.at(-1)!.quantity).toBe('99999.999');
    await ok('sales/void-line', { lineId: pao.lines.at(-1)!.id });
    // The till is not blocked: the cart goes on and is paid and issued.
    await ok('sales/scan', { barcode: PAO.barcode });
    const paid = await ok('sales/pay-start', { method: 'cash-manual' });
    expect(paid.completed?.document.docNo).toMatch(/^FR /);
    expect((await ok('sales/scan', { barcode: PAO.barcode })).status).toBe('open');
  });

  it('the fiscal service refuses a document above the same maximum, whoever sends it', async () => {
    const docs = () =>
      (tc.core.ctx.db.sqlite.prepare('select count(*) as n from fiscal_document').get() as { n: number }).n;
    const before = docs();
    const line = { description: 'Caro', unitPrice: '999999999.99', taxCode: 'NOR' };
    const r = await post('fiscal/issue-document', {
      type: 'FT',
      customer: { nif: NIF, name: 'Cliente Teste' },
      lines: [
        { ...line, quantity: '1' },
        { ...line, quantity: '0.001' },
      ],
    });
    expect({ status: r.status, code: r.body.error?.code }).toEqual({ status: 400, code: 'VALIDATION' });
    expect(r.body.error?.message).toMatch(/máximo de um documento \(999\u00a0999\u00a0999,99\u00a0€\)/);
    expect(docs()).toBe(before);
    const one = await ok('fiscal/issue-document', {
      type: 'FT',
      customer: { nif: NIF, name: 'Cliente Teste' },
      lines: [{ ...line, quantity: '1' }],
    });
    expect(one.totals.gross).toBe('999999999.99');
  });

  it('refuses to start a payment for a stored cart that cannot be issued, and keeps it editable', async () => {
    // A cart written by an older version (or edited behind the core's back) with an exponent discount.
    const sale = await current();
    tc.core.ctx.db.sqlite
      .prepare('update sale set global_discount_pct = ? where id = ?')
      .run('1e-8', sale.id);
    const view = await current();
    expect(view.decision.ready).toBe(false);
    expect(view.decision.blockedReason).toMatch(/desconto/i);
    const paymentsBefore = paymentRows();
    const r = await post('sales/pay-start', { method: 'cash-manual' });
    expect({ status: r.status, code: r.body.error?.code }).toEqual({ status: 422, code: 'FISCAL_RULE' });
    expect(paymentRows()).toBe(paymentsBefore);
    // Still editable: the cashier fixes it, scans on, and the sale is paid and issued.
    await ok('sales/set-discount', { pct: '0' });
    expect((await ok('sales/scan', { barcode: PAO.barcode })).decision.ready).toBe(true);
    const paid = await ok('sales/pay-start', { method: 'cash-manual' });
    expect(paid.completed?.document.totals.gross).toBe('3.78');
  });
  it('a stored cart with un-issuable lines is mended by voiding them, one by one', async () => {
    await ok('sales/scan', { barcode: PAO.barcode });
    await ok('sales/add-line', { description: 'Diversos', unitPrice: '1.00', taxCode: 'NOR' });
    const ids = (await current()).lines.map((l) => l.id);
    const edit = tc.core.ctx.db.sqlite.prepare('update sale_line set quantity = ? where id = ?');
    for (const id of ids) edit.run('1e-8', id);
    const view = await current();
    expect(view.decision).toMatchObject({
      ready: false,
      blockedReason: expect.stringMatching(/linha 1: A quantidade/),
    });
    const paymentsBefore = paymentRows();
    expect((await post('sales/pay-start', { method: 'cash-manual' })).status).toBe(422);
    expect(paymentRows()).toBe(paymentsBefore);
    // Any other change is refused while the cart stays un-issuable; voiding is how it is mended.
    expect((await post('sales/scan', { barcode: PAO.barcode })).body.error?.code).toBe('VALIDATION');
    await ok('sales/void-line', { lineId: ids[0] });
    await ok('sales/void-line', { lineId: ids[1] });
    const mended = await ok('sales/scan', { barcode: PAO.barcode });
    expect(mended.decision.ready).toBe(true);
    const paid = await ok('sales/pay-start', { method: 'cash-manual' });
    expect(paid.completed?.document.totals.gross).toBe(PAO.price);
  });
});
