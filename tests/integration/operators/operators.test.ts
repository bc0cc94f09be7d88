import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import BetterSqlite3 from 'better-sqlite3';
import path from 'node:path';
import { PosError } from '../../../shared/errors';
import type { TestCore } from '../../helpers/core';
import { openShift, PAO, payCash, salesCore } from '../sales/sales-helpers';

/** Issue 12 item 6: operators, PINs and the approval limits, through the real dispatcher on a real file. */
let tc: TestCore;
let gerente: string;
beforeEach(async () => {
  tc = await salesCore();
  gerente = await tc.login('gerente');
});
afterEach(async () => {
  await tc.close();
});

const refusal = async (p: Promise<unknown>): Promise<PosError> => {
  try {
    await p;
  } catch (e) {
    if (e instanceof PosError) return e;
    throw e;
  }
  throw new Error('expected a refusal');
};
const audits = (action: string) =>
  tc.core.ctx.db.all(tc.core.ctx.db.k.selectFrom('audit_log').selectAll().where('action', '=', action));

describe('operators', () => {
  it('a manager adds an operator with a PIN; the PIN is stored hashed and never returned', async () => {
    const op = await tc.call(
      'operators/save',
      { operator: { name: 'Beatriz Loja', role: 'caixa', pin: '2468' } },
      gerente,
    );
    expect(op).toMatchObject({ name: 'Beatriz Loja', role: 'caixa', active: true, pinChangedAt: null });
    expect(JSON.stringify(op)).not.toContain('2468');
    const row = tc.core.ctx.db.get(
      tc.core.ctx.db.k.selectFrom('operator').selectAll().where('id', '=', op.id),
    );
    expect(row?.pin_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(row?.pin_hash).not.toContain('2468');
    const s = await tc.call('auth/login', { operatorId: op.id, pin: '2468' });
    expect(s.operator).toMatchObject({ id: op.id, role: 'caixa' });
    expect(audits('operators.created')).toHaveLength(1);
    // A new operator needs a PIN; an edit never carries one.
    expect(
      (await refusal(tc.call('operators/save', { operator: { name: 'Sem PIN', role: 'caixa' } }, gerente)))
        .code,
    ).toBe('VALIDATION');
    expect(
      (
        await refusal(
          tc.call(
            'operators/save',
            { id: op.id, operator: { name: 'Beatriz', role: 'caixa', pin: '1357' } },
            gerente,
          ),
        )
      ).message,
    ).toMatch(/Mudar PIN/);
  });

  it('the operator changes their own PIN only with the old one; wrong old PINs count toward the lockout', async () => {
    const caixa = await tc.login('caixa');
    const wrong = await refusal(tc.call('operators/change-pin', { oldPin: '0000', newPin: '5555' }, caixa));
    expect(wrong.code).toBe('UNAUTHENTICATED');
    expect(wrong.message).toMatch(/PIN atual não está certo/);
    expect(wrong.details).toMatchObject({ attemptsLeft: 4 });
    await tc.call('operators/change-pin', { oldPin: '1111', newPin: '5555' }, caixa);
    expect((await refusal(tc.call('auth/login', { operatorId: 1, pin: '1111' }))).code).toBe(
      'UNAUTHENTICATED',
    );
    expect((await tc.call('auth/login', { operatorId: 1, pin: '5555' })).operator.id).toBe(1);
    const listed = await tc.call('operators/list', {}, gerente);
    expect(listed.find((o) => o.id === 1)?.pinChangedAt).not.toBeNull();
    expect(audits('operators.pin-changed')).toHaveLength(1);
  });

  it('a manager resets a forgotten PIN: the old one stops working and the operator’s sessions end', async () => {
    const caixa = await tc.login('caixa');
    await tc.call('operators/reset-pin', { id: 1, newPin: '7777' }, gerente);
    expect((await refusal(tc.call('auth/whoami', {}, caixa))).code).toBe('UNAUTHENTICATED');
    expect((await refusal(tc.call('auth/login', { operatorId: 1, pin: '1111' }))).code).toBe(
      'UNAUTHENTICATED',
    );
    expect((await tc.call('auth/login', { operatorId: 1, pin: '7777' })).operator.id).toBe(1);
    // Only a gerente resets; a caixa's call is refused by the policy.
    const again = await tc.login('caixa').catch(() => null);
    expect(again).toBeNull();
    const c2 = (await tc.call('auth/login', { operatorId: 1, pin: '7777' })).token;
    expect((await refusal(tc.call('operators/reset-pin', { id: 2, newPin: '1234' }, c2))).code).toBe(
      'FORBIDDEN',
    );
  });

  it('a deactivated operator cannot log in and their open session is refused at once', async () => {
    const caixa = await tc.login('caixa');
    const off = await tc.call('operators/set-active', { id: 1, active: false }, gerente);
    expect(off.active).toBe(false);
    expect((await refusal(tc.call('sales/current', {}, caixa))).code).toBe('UNAUTHENTICATED');
    const e = await refusal(tc.call('auth/login', { operatorId: 1, pin: '1111' }));
    expect(e.code).toBe('NOT_FOUND');
    expect((await tc.call('auth/list-operators', {})).map((o) => o.id)).not.toContain(1);
    await tc.call('operators/set-active', { id: 1, active: true }, gerente);
    expect((await tc.call('auth/login', { operatorId: 1, pin: '1111' })).operator.id).toBe(1);
    expect(audits('operators.deactivated')).toHaveLength(1);
  });

  it('the last active gerente cannot be deactivated or demoted, nor deactivate themself', async () => {
    expect(
      (await refusal(tc.call('operators/set-active', { id: 2, active: false }, gerente))).message,
    ).toMatch(/desativar-se/);
    const other = await tc.call(
      'operators/save',
      { operator: { name: 'Outro Gerente', role: 'gerente', pin: '8642' } },
      gerente,
    );
    const s2 = (await tc.call('auth/login', { operatorId: other.id, pin: '8642' })).token;
    await tc.call('operators/set-active', { id: other.id, active: false }, gerente);
    expect((await refusal(tc.call('auth/whoami', {}, s2))).code).toBe('UNAUTHENTICATED');
    // Rui is now the only gerente: a role change of theirs is refused (by themself, and there is no other).
    expect(
      (
        await refusal(
          tc.call('operators/save', { id: 2, operator: { name: 'Rui Gerente', role: 'caixa' } }, gerente),
        )
      ).code,
    ).toBe('CONFLICT');
  });
});

describe('approval limits (Gestão › Operadores › Limites)', () => {
  it('are validated, audited field by field (who, when, old → new) and applied to the next approval', async () => {
    const caixa = await tc.login('caixa');
    await openShift(tc, caixa);
    const sale = await tc.call('sales/add-line', { articleId: PAO.id }, caixa);
    const lineId = sale.lines[0].id;
    // Default limit 10 %: 15 % needs a gerente.
    expect((await refusal(tc.call('sales/update-line', { lineId, discountPct: '15' }, caixa))).code).toBe(
      'MANAGER_APPROVAL_REQUIRED',
    );

    const bad = await refusal(
      tc.call(
        'settings/set-approval-limits',
        {
          discountPct: '120',
          priceOverridePct: '0',
          refundAmount: '0.00',
          payoutAmount: '0.00',
          drawerOpenNeedsManager: true,
        },
        gerente,
      ),
    );
    expect(bad.code).toBe('VALIDATION');
    expect(bad.message).toMatch(/desconto máximo sem gerente/i);
    expect(
      (
        await refusal(
          tc.call(
            'settings/set-approval-limits',
            {
              discountPct: '20',
              priceOverridePct: '5',
              refundAmount: '10.00',
              payoutAmount: '20.00',
              drawerOpenNeedsManager: false,
            },
            caixa,
          ),
        )
      ).code,
    ).toBe('FORBIDDEN');

    const saved = await tc.call(
      'settings/set-approval-limits',
      {
        discountPct: '20',
        priceOverridePct: '5',
        refundAmount: '10.00',
        payoutAmount: '20.00',
        drawerOpenNeedsManager: true,
      },
      gerente,
    );
    expect(saved.limits).toEqual({
      discountPct: '20',
      priceOverridePct: '5',
      refundAmount: '10.00',
      payoutAmount: '20.00',
      drawerOpenNeedsManager: true,
    });
    expect(saved.history).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'discountPct', from: '10', to: '20', operatorName: 'Rui Gerente' }),
        expect.objectContaining({ field: 'payoutAmount', from: '0.00', to: '20.00' }),
      ]),
    );
    expect(saved.history.map((h) => h.field)).not.toContain('drawerOpenNeedsManager');

    // 15 % is now within the caixa's limit; 25 % still needs a gerente.
    expect(
      (await tc.call('sales/update-line', { lineId, discountPct: '15' }, caixa)).lines[0].discountPct,
    ).toBe('15');
    expect((await refusal(tc.call('sales/update-line', { lineId, discountPct: '25' }, caixa))).code).toBe(
      'MANAGER_APPROVAL_REQUIRED',
    );
    // A price 5 % under the catalogue's (1,89 → 1,80 is 4,8 %) is within; 1,50 is not.
    expect(
      (await tc.call('sales/update-line', { lineId, unitPrice: '1.80' }, caixa)).lines[0].unitPrice,
    ).toBe('1.80');
    expect((await refusal(tc.call('sales/update-line', { lineId, unitPrice: '1.50' }, caixa))).code).toBe(
      'MANAGER_APPROVAL_REQUIRED',
    );
    await tc.call('sales/abandon', { reason: 'teste' }, caixa);

    // Withdrawals up to 20,00 € without a gerente, above with one.
    const small = await tc.call(
      'shifts/cash-movement',
      { kind: 'payout', amount: '5.00', reason: 'Selos' },
      caixa,
    );
    expect(small).toMatchObject({ kind: 'payout', amount: '5.00' });
    expect(
      (
        await refusal(
          tc.call('shifts/cash-movement', { kind: 'payout', amount: '25.00', reason: 'Fornecedor' }, caixa),
        )
      ).message,
    ).toMatch(/acima de 20,00\s€/);
  });

  it('a return within the refund limit needs no gerente; above it, it does', async () => {
    const caixa = await tc.login('caixa');
    await openShift(tc, caixa);
    await tc.call('sales/add-line', { articleId: PAO.id, quantity: '2' }, caixa);
    const paid = await payCash(tc, caixa);
    const docNo = (paid as { completed: { document: { docNo: string } } }).completed.document.docNo;
    const found = await tc.call('sales/find-document', { query: docNo }, caixa);
    const line = found.returnable[0];
    const ret = (quantity: string) => ({
      documentId: found.document.id,
      lines: [{ lineId: line.lineId, quantity }],
      reason: 'Devolução',
      refundMethod: 'cash-manual',
    });
    // Default: every return needs a gerente.
    expect((await refusal(tc.call('sales/return', ret('1'), caixa))).code).toBe('MANAGER_APPROVAL_REQUIRED');
    await tc.call(
      'settings/set-approval-limits',
      {
        discountPct: '10',
        priceOverridePct: '0',
        refundAmount: '2.00',
        payoutAmount: '0.00',
        drawerOpenNeedsManager: true,
      },
      gerente,
    );
    const done = await tc.call('sales/return', ret('1'), caixa);
    expect(done.document).toMatchObject({ type: 'NC', totals: { gross: '1.89' } });
    const row = tc.core.ctx.db.get(
      tc.core.ctx.db.k.selectFrom('sale_return').selectAll().where('document_id', '=', done.document.id),
    );
    expect(row?.approved_by).toBeNull();
    await tc.call('sales/add-line', { articleId: PAO.id, quantity: '2' }, caixa);
    const paid2 = await payCash(tc, caixa);
    const doc2 = (paid2 as { completed: { document: { docNo: string } } }).completed.document.docNo;
    const f2 = await tc.call('sales/find-document', { query: doc2 }, caixa);
    const both = {
      documentId: f2.document.id,
      lines: [{ lineId: f2.returnable[0].lineId, quantity: '2' }],
      reason: 'Devolução',
      refundMethod: 'cash-manual',
    };
    expect((await refusal(tc.call('sales/return', both, caixa))).message).toMatch(
      /devolução acima de 2,00\s€/,
    );
  });
});

describe('migration 0680', () => {
  it('keeps every operator (ids, PINs) and admits the contabilista role in the CHECK', async () => {
    const file = path.join(tc.dataDir, 'balcao.sqlite');
    const raw = new BetterSqlite3(file, { readonly: true });
    const sql = (
      raw.prepare(`select sql from sqlite_master where name = 'operator'`).get() as { sql: string }
    ).sql;
    raw.close();
    expect(sql).toMatch(/'contabilista'/);
    expect((await tc.call('auth/list-operators', {})).map((o) => o.name)).toEqual([
      'Ana Caixa',
      'Rui Gerente',
    ]);
    expect(tc.core.ctx.db.sqlite.pragma('foreign_key_check')).toEqual([]);
    expect(tc.core.ctx.db.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
  });
});
