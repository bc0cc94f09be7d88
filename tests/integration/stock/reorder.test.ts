import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { suggestedQuantity } from '../../../electron/core/stock/reorder';
import { createTestCore, type TestCore } from '../../helpers/core';
import { article } from './stock-helpers';

/** A supplier and one of its purchases (the purchases domain's rows), so a movement can name it. */
function supplierPurchase(t: TestCore, purchaseId: string, name: string): void {
  const { db } = t.core.ctx;
  const at = '2025-03-01T10:00:00.000Z';
  db.run(
    db.k.insertInto('supplier').values({
      id: `S-${purchaseId}`,
      vat_country: 'PT',
      vat_id: '509999990',
      name,
      address: 'Rua A',
      postal_code: '1000-001',
      city: 'Lisboa',
      country: 'PT',
      email: null,
      created_at: at,
      updated_at: null,
    }),
  );
  db.run(
    db.k.insertInto('purchase').values({
      id: purchaseId,
      supplier_id: `S-${purchaseId}`,
      doc_kind: 'invoice',
      type_code: 'FT',
      number: `FT ${purchaseId}`,
      issue_date: '2025-03-01',
      due_date: null,
      currency: 'EUR',
      customization_id: null,
      order_reference: null,
      billing_reference: null,
      line_total: '0',
      allowance_total: '0',
      charge_total: '0',
      net_total: '0',
      vat_total: '0',
      gross_total: '0',
      prepaid_total: '0',
      rounding_total: '0',
      payable_total: '0',
      source: 'manual',
      ilink_id: null,
      received_at: at,
      state: 'aceite',
      state_reason: null,
      decided_at: null,
      decided_by: null,
      xml: null,
      created_at: at,
    }),
  );
}

describe('suggested reorder quantity', () => {
  it('is what is missing, or the smallest number of lots reaching the minimum; nothing at the minimum', () => {
    expect(suggestedQuantity('2', '5', null)).toBe('3');
    expect(suggestedQuantity('2', '5', '12')).toBe('12');
    expect(suggestedQuantity('-3', '20', '12')).toBe('24');
    expect(suggestedQuantity('0.25', '1.5', null)).toBe('1.25');
    expect(suggestedQuantity('5', '5', '12')).toBeNull();
    expect(suggestedQuantity('7', '5', null)).toBeNull();
  });
});

/** Reorder rules and "Artigos a encomendar" through the real dispatcher (real SQLite file). */
describe('reorder rules and the list of articles to order', () => {
  let t: TestCore;
  let caixa: string;
  let gerente: string;
  beforeAll(async () => {
    t = await createTestCore();
    caixa = await t.login('caixa');
    gerente = await t.login('gerente');
  });
  afterAll(async () => {
    await t.close();
  });

  it('the manager sets a minimum; a sale below it puts the article on the list with its supplier and cost', async () => {
    const a = article(t.core, 'A0012');
    const b = article(t.core, 'A0013');
    await expect(
      t.call(
        'stock/reorder-save',
        { articleId: a.id, warehouseId: 1, minimum: '5', reorderQty: '12' },
        caixa,
      ),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(
      await t.call(
        'stock/reorder-save',
        { articleId: a.id, warehouseId: 1, minimum: '5', reorderQty: '12' },
        gerente,
      ),
    ).toEqual({ articleId: a.id, warehouseId: 1, minimum: '5', reorderQty: '12' });
    await t.call(
      'stock/reorder-save',
      { articleId: b.id, warehouseId: 1, minimum: '1', reorderQty: null },
      gerente,
    );
    expect(await t.call('stock/reorder-rules', { articleId: a.id }, caixa)).toEqual([
      { articleId: a.id, warehouseId: 1, minimum: '5', reorderQty: '12' },
    ]);

    // No stock at all: both are below their minimum (no balance counts as 0), no supplier known yet.
    expect((await t.call('stock/to-order', {}, caixa)).map((l) => [l.code, l.quantity, l.suggested])).toEqual(
      [
        ['A0012', '0', '12'],
        ['A0013', '0', '1'],
      ],
    );

    supplierPurchase(t, 'P-77', 'Fornecedor Exemplo, Lda.');
    t.core.stock.postPurchase({
      purchaseRef: 'P-77',
      warehouseId: 1,
      cause: 'purchase',
      lines: [
        { articleId: a.id, quantity: '6', unitCost: '0.42' },
        { articleId: b.id, quantity: '3', unitCost: '1.1' },
      ],
      operatorId: 2,
    });
    expect(await t.call('stock/to-order', {}, caixa)).toEqual([]);

    // Two sold: 4 left, below the minimum of 5 → one lot of 12.
    const price = t.core.ctx.db.get(
      t.core.ctx.db.k.selectFrom('article').select('price').where('id', '=', a.id),
    )!.price;
    t.core.fiscal.issue(
      {
        type: 'FS',
        lines: [{ articleId: a.id, quantity: '2' }],
        payments: [{ method: 'cash', amount: (Number(price) * 2).toFixed(2) }],
      },
      1,
    );
    expect(await t.call('stock/to-order', {}, caixa)).toEqual([
      {
        articleId: a.id,
        code: 'A0012',
        name: expect.any(String),
        unit: 'UN',
        warehouseId: 1,
        warehouse: 'LOJA',
        quantity: '4',
        minimum: '5',
        reorderQty: '12',
        suggested: '12',
        lastCost: '0.42',
        supplier: 'Fornecedor Exemplo, Lda.',
      },
    ]);
    // Another warehouse's list is empty; removing the rule takes the article off the list.
    const arm = await t.call('stock/warehouse-save', { code: 'ARM', name: 'Armazém' }, gerente);
    expect(await t.call('stock/to-order', { warehouseId: arm.id }, caixa)).toEqual([]);
    expect(
      await t.call(
        'stock/reorder-save',
        { articleId: a.id, warehouseId: 1, minimum: null, reorderQty: null },
        gerente,
      ),
    ).toBeNull();
    expect(await t.call('stock/to-order', {}, caixa)).toEqual([]);
  });

  it('refuses a rule for an untracked article or a missing warehouse', async () => {
    const service = article(t.core, 'A0054');
    await expect(
      t.call(
        'stock/reorder-save',
        { articleId: service.id, warehouseId: 1, minimum: '1', reorderQty: null },
        gerente,
      ),
    ).rejects.toMatchObject({ code: 'VALIDATION' });
    const a = article(t.core, 'A0012');
    await expect(
      t.call(
        'stock/reorder-save',
        { articleId: a.id, warehouseId: 99, minimum: '1', reorderQty: null },
        gerente,
      ),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
