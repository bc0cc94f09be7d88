import { afterEach, describe, expect, it } from 'vitest';
import type { ManualPurchaseInput } from '../../../shared/api/purchases-stock';
import { PosError } from '../../../shared/errors';
import { createSupplierStore } from '../../../electron/core/parties/suppliers';
import { createTestCore, type TestCore } from '../../helpers/core';
import { purchaseXml } from '../../helpers/purchase-xml';
import { article, onHand } from '../stock/stock-helpers';

/**
 * Issue 13 item 4 through the real dispatcher on a real SQLite file: purchases typed by hand (totals checked
 * against the paper, duplicates refused), confirmed into stock once (average and last cost), iLink purchases
 * matched by each key and resolved by the operator (remembered), and returns to the supplier within what was
 * bought.
 */
const open: TestCore[] = [];
afterEach(async () => {
  for (const t of open.splice(0)) await t.close();
});

async function setup() {
  const t = await createTestCore();
  open.push(t);
  const manager = await t.login('gerente');
  const db = t.core.ctx.db;
  const { supplier } = createSupplierStore(db).findOrCreate(
    {
      vatCountry: 'PT',
      vatId: '589309340',
      name: 'Distribuidora Tejo & Filhos, Lda.',
      address: 'Rua da Prata, 10',
      postalCode: '1100-420',
      city: 'Lisboa',
      country: 'PT',
      email: null,
    },
    'T1-SUP1',
    '2025-06-01T09:00:00.000Z',
  );
  const count = (table: 'purchase' | 'purchase_line' | 'stock_movement' | 'purchase_return') =>
    db.all(db.k.selectFrom(table).selectAll()).length;
  const refusal = async (p: Promise<unknown>): Promise<PosError> => {
    try {
      await p;
    } catch (e) {
      if (e instanceof PosError) return e;
      throw e;
    }
    throw new Error('not refused');
  };
  return { t, manager, db, supplier, count, refusal };
}

describe('a supplier invoice typed by hand', () => {
  it('is refused, in pt-PT and with nothing written, when its totals differ from the paper', async () => {
    const { t, manager, supplier, count, refusal } = await setup();
    const pao = article(t.core, 'A0001');
    const input: ManualPurchaseInput = {
      supplierId: supplier.id,
      number: 'FT 2025/88',
      issueDate: '2025-06-01',
      lines: [
        // 12 × 1,1234 = 13,4808 − 5 % = 12,80676 → 12,81; 7 × 0,35 = 2,45
        { articleId: pao.id, quantity: '12', unitCost: '1.1234', discountPct: '5', vatRate: '6' },
        { articleId: article(t.core, 'A0010').id, quantity: '7', unitCost: '0.35', vatRate: '23' },
      ],
      // The VAT typed one cent short: 12,81 × 6 % = 0,7686 → 0,77; 2,45 × 23 % = 0,5635 → 0,56: 1,33.
      typedTotals: { net: '15.26', vat: '1.32', gross: '16.58' },
    };
    const before = [count('purchase'), count('purchase_line')];
    const e = await refusal(t.call('purchases/create-manual', input, manager));
    expect(e.code).toBe('VALIDATION');
    expect(e.message).toBe(
      'Os totais não conferem com o documento do fornecedor: IVA calculado 1,33\u00a0€, indicado 1,32\u00a0€; total com IVA calculado 16,59\u00a0€, indicado 16,58\u00a0€. Verifique as linhas (quantidade, custo, desconto, IVA) ou os totais escritos.',
    );
    expect([count('purchase'), count('purchase_line')]).toEqual(before);

    const ok = await t.call(
      'purchases/create-manual',
      { ...input, typedTotals: { net: '15.26', vat: '1.33', gross: '16.59' } },
      manager,
    );
    expect(ok).toMatchObject({
      source: 'manual',
      stage: 'por-confirmar',
      state: 'registado',
      netTotal: '15.26',
      grossTotal: '16.59',
      warehouse: null,
    });
    expect(ok.lines.map((l) => [l.lineNet, l.discount, l.unitCost, l.matchBy, l.article?.code])).toEqual([
      ['12.81', '0.67', '1.0675', 'manual', 'A0001'],
      ['2.45', '0.00', '0.35', 'manual', 'A0010'],
    ]);
    expect(ok.taxes.map((x) => [x.rate, x.taxable, x.tax])).toEqual([
      ['6', '12.81', '0.77'],
      ['23', '2.45', '0.56'],
    ]);
    // A draft moves no stock.
    expect(onHand(t.core, pao.id)).toBe('0');
  });

  it('is refused a second time for the same supplier and number (spacing and case aside)', async () => {
    const { t, manager, db, supplier, count, refusal } = await setup();
    const a = article(t.core, 'A0003');
    const input = (number: string, supplierId = supplier.id): ManualPurchaseInput => ({
      supplierId,
      number,
      issueDate: '2025-06-01',
      lines: [{ articleId: a.id, quantity: '10', unitCost: '0.50', vatRate: '6' }],
      typedTotals: { net: '5.00', vat: '0.30', gross: '5.30' },
    });
    await t.call('purchases/create-manual', input('FT A/17'), manager);
    const e = await refusal(t.call('purchases/create-manual', input('ft  a/17'), manager));
    expect(e.code).toBe('CONFLICT');
    expect(e.message).toMatch(
      /^O documento ft a\/17 do fornecedor Distribuidora Tejo & Filhos, Lda\. já está registado \(\d\d\/\d\d\/\d{4}\): não é registado duas vezes\.$/,
    );
    expect(count('purchase')).toBe(1);
    // The same number from another supplier is another document.
    const other = createSupplierStore(db).findOrCreate(
      {
        vatCountry: 'PT',
        vatId: '503504564',
        name: 'Outro Fornecedor, S.A.',
        address: 'Av. 1',
        postalCode: '4000-001',
        city: 'Porto',
        country: 'PT',
        email: null,
      },
      'T1-SUP2',
      '2025-06-01T09:00:00.000Z',
    );
    await t.call('purchases/create-manual', input('FT A/17', other.supplier.id), manager);
    expect(count('purchase')).toBe(2);
  });
});

describe('confirming a purchase into a warehouse', () => {
  it('posts its stock once, updating average and last cost (worked example)', async () => {
    const { t, manager, supplier, count, refusal } = await setup();
    const leite = article(t.core, 'A0003');
    const buy = async (
      number: string,
      quantity: string,
      unitCost: string,
      discountPct: string,
      net: string,
    ) => {
      const vat = (Number(net) * 0.06).toFixed(2); // only for the typed figure; the core checks it exactly
      const gross = (Number(net) + Number(vat)).toFixed(2);
      return t.call(
        'purchases/create-manual',
        {
          supplierId: supplier.id,
          number,
          issueDate: '2025-06-01',
          lines: [{ articleId: leite.id, quantity, unitCost, discountPct, vatRate: '6' }],
          typedTotals: { net, vat, gross },
        },
        manager,
      );
    };
    // 1) 10 at 2,00 €: average 2.
    const p1 = await buy('FT 1', '10', '2.00', '0', '20.00');
    const moves0 = count('stock_movement');
    const c1 = await t.call('purchases/confirm', { id: p1.id, warehouseId: 1 }, manager);
    expect(c1).toMatchObject({ stage: 'confirmada', state: 'aceite', warehouse: { id: 1, code: 'LOJA' } });
    expect(count('stock_movement')).toBe(moves0 + 1);
    // Confirmed twice: refused, nothing posted again.
    const again = await refusal(t.call('purchases/confirm', { id: p1.id, warehouseId: 1 }, manager));
    expect(again.code).toBe('CONFLICT');
    expect(again.message).toMatch(
      /^Esta compra já entrou em stock \(LOJA, \d\d\/\d\d\/\d{4}\): não entra duas vezes\.$/,
    );
    expect(count('stock_movement')).toBe(moves0 + 1);
    // 2) 10 at 3,00 € − 10 % = 2,70 €: average (10 × 2 + 10 × 2,70) / 20 = 2,35; last cost 2,70.
    const p2 = await buy('FT 2', '10', '3.00', '10', '27.00');
    await t.call('purchases/confirm', { id: p2.id, warehouseId: 1 }, manager);
    // 3) 0,5 at 4,00 € (a decimal quantity): (20 × 2,35 + 0,5 × 4) / 20,5 = 49 / 20,5 = 2,390244 (6 decimals).
    const p3 = await buy('FT 3', '0.5', '4.00', '0', '2.00');
    await t.call('purchases/confirm', { id: p3.id, warehouseId: 1 }, manager);
    const [bal] = t.core.stock.stock({ articleId: leite.id, warehouseId: 1 });
    expect(bal).toMatchObject({ quantity: '20.5', avgCost: '2.390244', lastCost: '4' });
    const ledger = t.core.stock.movements({ articleId: leite.id, warehouseId: 1 });
    expect(ledger.map((m) => [m.cause, m.quantity, m.unitCost, m.reference])).toEqual(
      expect.arrayContaining([
        ['purchase', '10', '2', `purchase:${p1.id}`],
        ['purchase', '10', '2.7', `purchase:${p2.id}`],
        ['purchase', '0.5', '4', `purchase:${p3.id}`],
      ]),
    );
    expect(t.core.stock.mismatches()).toEqual([]);
  });

  it('refuses an inactive or unknown warehouse, and a rejected purchase', async () => {
    const { t, manager, supplier, refusal } = await setup();
    const a = article(t.core, 'A0003');
    const p = await t.call(
      'purchases/create-manual',
      {
        supplierId: supplier.id,
        number: 'VD 9',
        typeCode: 'VD',
        issueDate: '2025-06-01',
        lines: [{ articleId: a.id, quantity: '1', unitCost: '1', vatRate: '6' }],
        typedTotals: { net: '1.00', vat: '0.06', gross: '1.06' },
      },
      manager,
    );
    expect((await refusal(t.call('purchases/confirm', { id: p.id, warehouseId: 99 }, manager))).code).toBe(
      'NOT_FOUND',
    );
    const w = t.core.stock.warehouses.create({ code: 'VELHO', name: 'Velho' }, new Date());
    t.core.stock.warehouses.update(w.id, { active: false });
    expect(
      (await refusal(t.call('purchases/confirm', { id: p.id, warehouseId: w.id }, manager))).message,
    ).toBe('O armazém VELHO está desativado.');
    await t.call('purchases/reject', { id: p.id, reason: 'Não encomendado' }, manager);
    expect((await refusal(t.call('purchases/confirm', { id: p.id, warehouseId: 1 }, manager))).message).toBe(
      'Uma compra recusada não entra em stock.',
    );
    expect(onHand(t.core, a.id)).toBe('0');
  });
});

describe('an iLink purchase into stock', () => {
  it('matches lines by remembered supplier reference, barcode and code; the operator resolves the rest', async () => {
    const { t, manager, db, refusal } = await setup();
    const cafe = db.get(
      db.k
        .selectFrom('article')
        .select(['id', 'code', 'barcode'])
        .where('barcode', 'is not', null)
        .where('code', '=', 'A0001'),
    )!;
    const byCode = article(t.core, 'A0004');
    const byOperator = article(t.core, 'A0005');
    const xml = (number: string) =>
      purchaseXml({
        number,
        lines: [
          {
            name: 'Pão de forma 500 g',
            quantity: '24',
            price: '1.10',
            category: 'RED',
            barcode: cafe.barcode!,
          },
          {
            name: 'Iogurte natural 4x120',
            quantity: '6',
            price: '1.05',
            category: 'RED',
            buyerRef: byCode.id ? 'A0004' : '',
          },
          {
            name: 'Manteiga 250g (ref. fornecedor)',
            quantity: '5',
            price: '1.60',
            category: 'RED',
            sellerRef: 'MT-250',
          },
          { name: 'Caixa de cartão nova', quantity: '3', price: '0.40', category: 'NOR' },
        ],
      });
    const imp = await t.call('purchases/import-xml', { xml: xml('FT 2025/201') }, manager);
    if (!imp.ok) throw new Error(imp.reason);
    const d = await t.call('purchases/get', { id: imp.purchaseId }, manager);
    expect(d.lines.map((l) => [l.lineNo, l.matchBy, l.article?.code ?? null])).toEqual([
      [1, 'barcode', 'A0001'],
      [2, 'code', 'A0004'],
      [3, null, null],
      [4, null, null],
    ]);
    const e = await refusal(t.call('purchases/confirm', { id: imp.purchaseId, warehouseId: 1 }, manager));
    expect(e.message).toBe(
      'Há linhas sem artigo (3, 4): associe cada uma a um artigo ou crie-o a partir da linha antes de confirmar.',
    );
    expect(onHand(t.core, cafe.id)).toBe('0');

    // Line 3 → an existing article; line 4 → a new article made from the line.
    await t.call(
      'purchases/match-line',
      { id: imp.purchaseId, lineNo: 3, articleId: byOperator.id },
      manager,
    );
    const made = await t.call(
      'purchases/create-article',
      {
        id: imp.purchaseId,
        lineNo: 4,
        article: { code: 'CX-NOVA', name: 'Caixa de cartão nova', unit: 'UN', price: '0.99', taxCode: 'NOR' },
      },
      manager,
    );
    expect(made.lines[3]).toMatchObject({ matchBy: 'created', article: { code: 'CX-NOVA' } });
    const created = made.lines[3].article!.id;

    const c = await t.call('purchases/confirm', { id: imp.purchaseId, warehouseId: 1 }, manager);
    // From iLink, confirming accepts it too (the decision goes to the outbox with it).
    expect(c).toMatchObject({ stage: 'confirmada', state: 'aceite', decision: { state: 'pending' } });
    expect([
      onHand(t.core, cafe.id),
      onHand(t.core, byCode.id),
      onHand(t.core, byOperator.id),
      onHand(t.core, created),
    ]).toEqual(['24', '6', '5', '3']);
    // Cost that entered: line net ÷ quantity.
    expect(t.core.stock.stock({ articleId: byOperator.id, warehouseId: 1 })[0]).toMatchObject({
      avgCost: '1.6',
    });

    // Next time, every line of this supplier matches by what was remembered at the confirmation: its reference
    // (MT-250), or its name when it has none.
    const imp2 = await t.call('purchases/import-xml', { xml: xml('FT 2025/202') }, manager);
    if (!imp2.ok) throw new Error(imp2.reason);
    const d2 = await t.call('purchases/get', { id: imp2.purchaseId }, manager);
    expect(d2.lines.map((l) => [l.matchBy, l.article?.id])).toEqual([
      ['supplier-ref', cafe.id],
      ['supplier-ref', byCode.id],
      ['supplier-ref', byOperator.id],
      ['supplier-ref', created],
    ]);
    await t.call('purchases/confirm', { id: imp2.purchaseId, warehouseId: 1 }, manager);
    expect(onHand(t.core, byOperator.id)).toBe('10');
    expect(t.core.stock.mismatches()).toEqual([]);
  });

  it('a credit note from the supplier does not enter stock', async () => {
    const { t, manager, refusal } = await setup();
    const imp = await t.call(
      'purchases/import-xml',
      { xml: purchaseXml({ creditNote: true, number: 'NC 5' }) },
      manager,
    );
    if (!imp.ok) throw new Error(imp.reason);
    const e = await refusal(t.call('purchases/confirm', { id: imp.purchaseId, warehouseId: 1 }, manager));
    expect(e.message).toMatch(/^Uma nota de crédito do fornecedor não entra em stock/);
  });
});

describe('returns to the supplier', () => {
  it('take out at most what was bought, line by line, as purchase-return movements', async () => {
    const { t, manager, supplier, count, refusal } = await setup();
    const kg = article(t.core, 'A0056'); // bananas, weighed
    const un = article(t.core, 'A0003');
    const p = await t.call(
      'purchases/create-manual',
      {
        supplierId: supplier.id,
        number: 'FT 300',
        issueDate: '2025-06-01',
        lines: [
          { articleId: kg.id, quantity: '12.5', unitCost: '0.80', vatRate: '6' },
          { articleId: un.id, quantity: '10', unitCost: '0.50', vatRate: '6' },
        ],
        typedTotals: { net: '15.00', vat: '0.90', gross: '15.90' },
      },
      manager,
    );
    const early = await refusal(
      t.call(
        'purchases/return',
        { id: p.id, reason: 'Fruta pisada', lines: [{ lineNo: 1, quantity: '1' }] },
        manager,
      ),
    );
    expect(early.message).toBe(
      'Só se devolve ao fornecedor o que entrou em stock: confirme a compra primeiro.',
    );
    await t.call('purchases/confirm', { id: p.id, warehouseId: 1 }, manager);

    const r1 = await t.call(
      'purchases/return',
      { id: p.id, reason: 'Fruta pisada', lines: [{ lineNo: 1, quantity: '2.25' }] },
      manager,
    );
    expect(r1.lines[0].returned).toBe('2.25');
    expect(onHand(t.core, kg.id)).toBe('10.25');
    const before = count('stock_movement');
    const tooMuch = await refusal(
      t.call(
        'purchases/return',
        {
          id: p.id,
          reason: 'Mais',
          lines: [
            { lineNo: 2, quantity: '1' },
            { lineNo: 1, quantity: '10.251' },
          ],
        },
        manager,
      ),
    );
    expect(tooMuch.message).toBe(
      'Linha 1 (Bananas da Madeira (kg)): comprou 12.5, já devolveu 2.25; no máximo 10.25 a devolver.',
    );
    // All or nothing: line 2 of the refused return did not go out either.
    expect([count('stock_movement'), onHand(t.core, un.id)]).toEqual([before, '10']);
    const r2 = await t.call(
      'purchases/return',
      {
        id: p.id,
        reason: 'Resto',
        lines: [
          { lineNo: 1, quantity: '10.25' },
          { lineNo: 2, quantity: '10' },
        ],
      },
      manager,
    );
    expect(r2.returns.map((r) => r.lines)).toEqual([
      [{ lineNo: 1, quantity: '2.25' }],
      [
        { lineNo: 1, quantity: '10.25' },
        { lineNo: 2, quantity: '10' },
      ],
    ]);
    expect([onHand(t.core, kg.id), onHand(t.core, un.id)]).toEqual(['0', '0']);
    const last = await refusal(
      t.call(
        'purchases/return',
        { id: p.id, reason: 'x', lines: [{ lineNo: 2, quantity: '0.001' }] },
        manager,
      ),
    );
    expect(last.message).toBe(
      'Linha 2 (Leite meio-gordo Mimosa 1 L): comprou 10, já devolveu 10; no máximo 0 a devolver.',
    );
    const moves = t.core.stock.movements({ articleId: kg.id, warehouseId: 1 });
    expect(moves.filter((m) => m.cause === 'purchase-return').map((m) => [m.quantity, m.unitCost])).toEqual(
      expect.arrayContaining([
        ['-2.25', '0.8'],
        ['-10.25', '0.8'],
      ]),
    );
    expect(count('purchase_return')).toBe(2);
    expect(t.core.stock.mismatches()).toEqual([]);
  });
});
