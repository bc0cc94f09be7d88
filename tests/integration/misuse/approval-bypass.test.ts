import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract, channels } from '../../../shared/api';
import type { TestCore } from '../../helpers/core';
import { openShift, salesCore } from '../sales/sales-helpers';
import { httpApi } from './http';

/**
 * Issue 9 §C.6 over real HTTP with a caixa session and no PIN: each bypass of a manager's approval is closed,
 * and the till's legitimate path (with the PIN) still works.
 */
let tc: TestCore;
let api: Awaited<ReturnType<typeof httpApi>>;
let caixa: string;
let gerente: string;
let cafe: { id: number; price: string };

beforeAll(async () => {
  tc = await salesCore();
  api = await httpApi(tc);
  caixa = await api.login(1, '1111');
  gerente = await api.login(2, '9999');
  await openShift(tc, caixa);
  const r = await api.call('catalog/by-barcode', { barcode: '5601234100211' }, caixa);
  cafe = (r.value as { article: { id: number; price: string } }).article;
  expect(cafe.price).toBe('3.49');
});
afterAll(async () => {
  await api.srv.close();
  await tc.close();
});

const countDocs = (): number =>
  Number(
    tc.core.ctx.db.get(
      tc.core.ctx.db.k.selectFrom('fiscal_document').select((e) => e.fn.countAll<number>().as('n')),
    )?.n ?? 0,
  );

/** A sale of one café at the catalogue price through the till (sales/*), paid in drawer cash. */
async function sellCafe(): Promise<{ id: number; lineId: number }> {
  expect((await api.call('sales/add-line', { articleId: cafe.id }, caixa)).ok).toBe(true);
  const paid = await api.call('sales/pay-start', { method: 'cash-manual' }, caixa);
  expect(paid.ok).toBe(true);
  const doc = (paid.value as { completed: { document: { id: number; docNo: string } } }).completed.document;
  const found = await api.call('sales/find-document', { query: doc.docNo }, caixa);
  const lineId = (found.value as { returnable: Array<{ lineId: number }> }).returnable[0].lineId;
  return { id: doc.id, lineId };
}

describe('approval bypasses (a caixa, no PIN)', () => {
  it('fiscal/issue-document cannot issue an NC, nor an FS below the catalogue price; the till path still works', async () => {
    const sold = await sellCafe();
    const before = countDocs();

    const nc = await api.call(
      'fiscal/issue-document',
      {
        type: 'NC',
        lines: [{ articleId: cafe.id, quantity: '1' }],
        origin: { documentId: sold.id, reason: 'Devolução' },
      },
      caixa,
    );
    expect(nc).toMatchObject({ status: 403, ok: false, error: { code: 'FORBIDDEN' } });
    const cheap = await api.call(
      'fiscal/issue-document',
      {
        type: 'FS',
        lines: [{ articleId: cafe.id, quantity: '1', unitPrice: '0.01' }],
        payments: [{ method: 'cash', amount: '0.01' }],
      },
      caixa,
    );
    expect(cheap).toMatchObject({ status: 403, error: { code: 'FORBIDDEN' } });
    // Not even with a manager's PIN riding along: the raw channel is the back office's.
    const withPin = await api.call(
      'fiscal/issue-document',
      {
        type: 'FS',
        lines: [{ articleId: cafe.id, quantity: '1', unitPrice: '0.01' }],
        payments: [{ method: 'cash', amount: '0.01' }],
        approval: { pin: '9999' },
      },
      caixa,
    );
    expect(withPin.status).toBe(403);
    expect(countDocs()).toBe(before);

    // The till: the same price change asks for a manager, the same NC needs one.
    const line = await api.call('sales/add-line', { articleId: cafe.id }, caixa);
    const lineId = (line.value as { lines: Array<{ id: number }> }).lines[0].id;
    expect(await api.call('sales/update-line', { lineId, unitPrice: '0.01' }, caixa)).toMatchObject({
      status: 403,
      error: { code: 'MANAGER_APPROVAL_REQUIRED' },
    });
    const approved = await api.call(
      'sales/update-line',
      { lineId, unitPrice: '0.01', approval: { pin: '9999' } },
      caixa,
    );
    expect(approved.ok).toBe(true);
    expect((await api.call('sales/abandon', { reason: 'teste' }, caixa)).ok).toBe(true);

    const ret = { documentId: sold.id, lines: [{ lineId: sold.lineId, quantity: '1' }], reason: 'Devolução' };
    const refund = { ...ret, refundMethod: 'cash-manual' };
    expect(await api.call('sales/return', refund, caixa)).toMatchObject({
      status: 403,
      error: { code: 'MANAGER_APPROVAL_REQUIRED' },
    });
    const done = await api.call('sales/return', { ...refund, approval: { pin: '9999' } }, caixa);
    expect(done).toMatchObject({ ok: true, value: { document: { type: 'NC', totals: { gross: '3.49' } } } });
  });

  it('a manager may still issue a manual document through fiscal/issue-document, audited', async () => {
    const doc = await api.call(
      'fiscal/issue-document',
      {
        type: 'FS',
        lines: [{ articleId: cafe.id, quantity: '1' }],
        payments: [{ method: 'cash', amount: '3.49' }],
      },
      gerente,
    );
    expect(doc).toMatchObject({ ok: true, value: { type: 'FS', totals: { gross: '3.49' } } });
    const db = tc.core.ctx.db;
    const audit = db.all(
      db.k.selectFrom('audit_log').selectAll().where('action', '=', 'fiscal.issue-document-direct'),
    );
    expect(audit).toHaveLength(1);
    expect(audit[0].operator_id).toBe(2);
    expect(JSON.parse(audit[0].details)).toMatchObject({ transport: 'http' });
  });

  it('printing/open-drawer does not open the drawer for a caixa; shifts/open-drawer asks for a manager', async () => {
    const db = tc.core.ctx.db;
    const drawerEvents = () => db.all(db.k.selectFrom('drawer_event').selectAll()).length;
    const before = drawerEvents();
    expect(await api.call('printing/open-drawer', { reason: 'Troco para a caixa' }, caixa)).toMatchObject({
      status: 403,
      error: { code: 'FORBIDDEN' },
    });
    expect(await api.call('shifts/open-drawer', { reason: 'Troco para a caixa' }, caixa)).toMatchObject({
      status: 403,
      error: { code: 'MANAGER_APPROVAL_REQUIRED', details: { action: 'shifts.open-drawer' } },
    });
    expect(drawerEvents()).toBe(before);
    expect(
      await api.call(
        'shifts/open-drawer',
        { reason: 'Troco para a caixa', approval: { pin: '1111' } },
        caixa,
      ),
    ).toMatchObject({ status: 403, error: { code: 'FORBIDDEN' } });
    const ok = await api.call(
      'shifts/open-drawer',
      { reason: 'Troco para a caixa', approval: { pin: '9999' } },
      caixa,
    );
    expect(ok.ok).toBe(true);
    expect(drawerEvents()).toBe(before + 1);
    expect((await api.call('printing/open-drawer', { reason: 'Teste da gaveta' }, gerente)).ok).toBe(true);
  });

  it('cash pay-outs: cash/payout and cash/cashout are the manager’s, shifts/cash-movement asks for one', async () => {
    expect(await api.call('cash/payout', { amount: '5.00', reason: 'Selos' }, caixa)).toMatchObject({
      status: 403,
      error: { code: 'FORBIDDEN' },
    });
    expect(
      await api.call('shifts/cash-movement', { kind: 'payout', amount: '5.00', reason: 'Selos' }, caixa),
    ).toMatchObject({ status: 403, error: { code: 'MANAGER_APPROVAL_REQUIRED' } });
  });
});

describe('access is checked before validation', () => {
  it('an anonymous call to a non-public channel is 401 whatever its input', async () => {
    for (const [ch, input] of [
      ['sales/add-line', { nonsense: true }],
      ['cash/sale', { amountDue: '0.001' }],
      ['cash/payout', { amount: '0.005', extra: 1 }],
      ['fiscal/issue-document', 'not even an object'],
      ['sales/return', {}],
    ] as const) {
      const r = await api.call(ch, input);
      expect(r, ch).toMatchObject({ status: 401, error: { code: 'UNAUTHENTICATED' } });
    }
    // A caixa on a manager channel is refused before the input is looked at, too.
    expect(await api.call('cash/cashout', { nonsense: true }, caixa)).toMatchObject({ status: 403 });
    // Public channels still validate.
    expect(await api.call('auth/login', { operatorId: 'x' })).toMatchObject({ status: 400 });
  });
});

describe('one policy per action', () => {
  const shapeOf = (c: (typeof channels)[number]): Record<string, unknown> => {
    const input = contract[c].input as unknown as { shape?: Record<string, unknown> };
    return input.shape ?? {};
  };
  it('every channel that takes a manager PIN (`approval`) is registered with an approval policy', () => {
    const takesPin = channels.filter((c) => 'approval' in shapeOf(c));
    expect(takesPin.length).toBeGreaterThan(5);
    for (const c of takesPin) expect(tc.core.policies[c].approval, c).toBeDefined();
  });
  it('raw channels for approval-guarded actions are manager-only, simulator channels training-only', () => {
    for (const c of [
      'fiscal/issue-document',
      'fiscal/issue-receipt',
      'fiscal/cancel-document',
      'printing/open-drawer',
      'cash/payout',
      'cash/cashout',
    ] as const)
      expect(tc.core.policies[c].who, c).toBe('manager');
    for (const c of ['cash/sim-insert', 'cash/sim-take', 'cash/sim-fault', 'cash/sim-clear'] as const)
      expect(tc.core.policies[c].trainingOnly, c).toBe(true);
  });
});
