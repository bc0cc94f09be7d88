import crypto from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isPosError } from '../../../shared/errors';
import { signatureMessage } from '../../../shared/fiscal/signature';
import type { Core } from '../../../electron/core/core';
import { printableFromFiscal } from '../../../electron/core/printing/from-fiscal';
import { layoutReceipt } from '../../../electron/core/printing/layout/receipt';
import { renderA4Pdf } from '../../../electron/core/printing/pdf/a4';
import { localDateTime } from '../../../electron/core/util/clock';
import { fiscalTestCore, type FiscalTestCore } from '../fiscal/fiscal-helpers';
import { article, onHand } from '../stock/stock-helpers';

/** Issue 13 item 7: GT/GR as fiscal documents that move stock (real core, real SQLite file). */
describe('transport guides (GT/GR)', () => {
  let f: FiscalTestCore;
  let core: Core;
  let kg: { id: number };
  let un: { id: number };
  let arm: number;

  beforeEach(async () => {
    f = await fiscalTestCore('2025-03-14T10:15:30');
    core = f.core;
    kg = article(core, 'A0057');
    un = article(core, 'A0005');
    arm = core.stock.warehouses.create({ code: 'ARM', name: 'Armazém' }, core.ctx.clock.now()).id;
    core.stock.postPurchase({
      purchaseRef: 'P-1',
      warehouseId: 1,
      cause: 'purchase',
      lines: [
        { articleId: kg.id, quantity: '10', unitCost: '4.2' },
        { articleId: un.id, quantity: '30', unitCost: '0.5' },
      ],
      operatorId: 2,
    });
  });
  afterEach(async () => {
    await f.close();
  });

  const transfer = (extra: Record<string, unknown> = {}) =>
    core.guides.issue(
      {
        type: 'GT',
        ownGoods: true,
        fromWarehouseId: 1,
        toWarehouseId: arm,
        lines: [
          { articleId: kg.id, quantity: '2.5' },
          { articleId: un.id, quantity: '6' },
        ],
        vehicle: 'aa-12-bc',
        ...extra,
      },
      2,
    );
  const refusal = (fn: () => unknown): { code: string; message: string } => {
    try {
      fn();
    } catch (e) {
      if (isPosError(e)) return { code: e.code, message: e.message };
      throw e;
    }
    throw new Error('not refused');
  };
  const guideCount = () =>
    (
      core.ctx.db.sqlite
        .prepare(`select count(*) as n from fiscal_document where doc_type in ('GT','GR')`)
        .get() as {
        n: number;
      }
    ).n;

  it('a GT of own goods: to the company, no value, QR I1:0, transfer out/in in its transaction', () => {
    const g = transfer();
    expect(g.type).toBe('GT');
    expect(g.docNo).toMatch(/^GT \S+\/1$/);
    expect(g.atcud).toMatch(/^[A-Z0-9]{8,}-1$/);
    expect(g.customer.nif).toBe(g.issuer.nif);
    expect(g.totals.gross).toBe('0.00');
    expect(g.lines.map((l) => l.unitPriceGross)).toEqual(['0', '0']);
    expect(g.qr).toContain('*D:GT*');
    expect(g.qr).toContain(`*H:${g.atcud}*I1:0*N:0.00*O:0.00*`);
    expect(g.notices).toContain('Este documento não serve de fatura');
    expect(g.transport).toMatchObject({
      ownGoods: true,
      fromWarehouseId: 1,
      toWarehouseId: arm,
      vehicle: 'AA-12-BC',
      startTime: '2025-03-14T10:15:30',
      endTime: null,
      atCode: null,
    });
    expect(onHand(core, kg.id, 1)).toBe('7.5');
    expect(onHand(core, kg.id, arm)).toBe('2.5');
    expect(onHand(core, un.id, 1)).toBe('24');
    expect(onHand(core, un.id, arm)).toBe('6');
    const moves = core.stock.movements({ articleId: kg.id });
    const mine = moves.filter((m) => m.documentId === g.id);
    expect(mine.map((m) => [m.cause, m.warehouseId, m.quantity, m.unitCost]).sort()).toEqual(
      [
        ['transfer-in', arm, '2.5', '4.2'],
        ['transfer-out', 1, '-2.5', '4.2'],
      ].sort(),
    );
    expect(mine.every((m) => m.reference === `transfer:${g.docNo}`)).toBe(true);
    expect(core.stock.mismatches()).toEqual([]);
  });

  it('gapless numbering on its own signature chain, separate from the sales chain', () => {
    const g1 = transfer();
    f.clock.advance(60_000);
    const fs = core.fiscal.issue(
      {
        type: 'FS',
        lines: [{ articleId: un.id, quantity: '1' }],
        payments: [{ method: 'cash', amount: '2.69' }],
      },
      1,
    );
    f.clock.advance(60_000);
    const g2 = transfer();
    expect(Number(g2.docNo.split('/')[1])).toBe(Number(g1.docNo.split('/')[1]) + 1);
    expect(fs.docNo.startsWith('FS ')).toBe(true);
    const pem = core.fiscal.keys.active().publicPem;
    const verify = (g: typeof g1, prev: string) =>
      crypto.verify(
        'sha1',
        Buffer.from(
          signatureMessage({
            date: g.date,
            systemEntryDate: g.systemEntryDate,
            docNo: g.docNo,
            grossTotal: g.totals.gross,
            previousHash: prev,
          }),
        ),
        { key: pem, padding: crypto.constants.RSA_PKCS1_PADDING },
        Buffer.from(g.hash, 'base64'),
      );
    // The first GT opens its chain (empty previous hash); the second chains to it, not to the FS in between.
    expect(verify(g1, '')).toBe(true);
    expect(verify(g2, g1.hash)).toBe(true);
    expect(verify(g2, fs.hash)).toBe(false);
  });

  it('dates: the transport starts at or after the issue, the unload not before the start; a refusal uses no number', () => {
    const before = refusal(() => transfer({ startTime: '2025-03-14T10:15:29' }));
    expect(before.code).toBe('FISCAL_RULE');
    expect(before.message).toMatch(/não pode ser anterior à emissão da guia/);
    const end = refusal(() => transfer({ startTime: '2025-03-14T11:00:00', endTime: '2025-03-14T10:59:59' }));
    expect(end.message).toMatch(/descarga .* não pode ser anterior ao início/i);
    expect(guideCount()).toBe(0);
    const g = transfer({ startTime: '2025-03-14T11:00:00', endTime: '2025-03-14T12:30:00' });
    expect(g.docNo).toMatch(/\/1$/);
    expect(g.transport?.endTime).toBe('2025-03-14T12:30:00');
  });

  it('refuses a GR of own goods, own goods without a destination or to the same warehouse, and rolls back', () => {
    expect(refusal(() => transfer({ type: 'GR' })).message).toMatch(/guia de remessa é para um cliente/);
    expect(refusal(() => transfer({ toWarehouseId: undefined })).message).toMatch(/armazém de destino/);
    expect(refusal(() => transfer({ toWarehouseId: 1 })).message).toMatch(/dois armazéns diferentes/);
    expect(refusal(() => transfer({ vehicle: 'x' })).code).toBe('VALIDATION');
    expect(guideCount()).toBe(0);
    expect(onHand(core, kg.id, 1)).toBe('10');
    expect(core.stock.movements({ warehouseId: arm })).toEqual([]);
  });

  it('with stock.below-zero = refuse, a transfer of more than is on hand is refused and issues nothing', () => {
    core.stock.setBelowZero('refuse');
    const r = refusal(() =>
      core.guides.issue(
        { ownGoods: true, toWarehouseId: arm, lines: [{ articleId: kg.id, quantity: '10.001' }] },
        2,
      ),
    );
    expect(r.message).toMatch(/Stock insuficiente/);
    expect(guideCount()).toBe(0);
    expect(core.stock.mismatches()).toEqual([]);
  });

  it('a GT to a customer is valued and takes the goods out; the unload place comes from the customer or is asked for', () => {
    const customer = {
      nif: '501964843',
      name: 'Restaurante O Tasco, Lda.',
      address: 'Rua das Flores, 12',
      postalCode: '4050-262',
      city: 'Porto',
    };
    const g = core.guides.issue({ type: 'GR', customer, lines: [{ articleId: un.id, quantity: '4' }] }, 2);
    expect(g.type).toBe('GR');
    expect(Number(g.totals.gross)).toBeGreaterThan(0);
    expect(g.qr).toContain('*I1:PT*');
    expect(g.transport?.deliverTo).toMatchObject({ address: 'Rua das Flores, 12', city: 'Porto' });
    expect(onHand(core, un.id, 1)).toBe('26');
    const out = core.stock.movements({ articleId: un.id }).find((m) => m.documentId === g.id);
    expect(out).toMatchObject({ cause: 'sale', quantity: '-4', warehouseId: 1 });
    const anon = refusal(() =>
      core.guides.issue(
        {
          type: 'GT',
          customer: { nif: '123456789', name: 'Maria' },
          lines: [{ articleId: un.id, quantity: '1' }],
        },
        2,
      ),
    );
    expect(anon.message).toMatch(/Indique o local de descarga/);
    const ok = core.guides.issue(
      {
        type: 'GT',
        customer: { nif: '123456789', name: 'Maria' },
        deliverTo: { address: 'Rua A, 1', postalCode: '1000-001', city: 'Lisboa' },
        lines: [{ articleId: un.id, quantity: '1' }],
      },
      2,
    );
    expect(ok.docNo).toMatch(/^GT \S+\/1$/);
  });

  it('cancellation: allowed before the transport starts (stock comes back), refused once it has begun', () => {
    const later = transfer({ startTime: '2025-03-14T12:00:00' });
    const cancelled = core.fiscal.cancel(later.id, 'Transporte adiado', 2);
    expect(cancelled.status).toBe('A');
    expect(onHand(core, kg.id, 1)).toBe('10');
    expect(onHand(core, kg.id, arm)).toBe('0');
    const now = transfer();
    f.clock.advance(1000);
    const r = refusal(() => core.fiscal.cancel(now.id, 'Engano', 2));
    expect(r.code).toBe('FISCAL_RULE');
    expect(r.message).toMatch(/o transporte já começou \(2025-03-14 10:15:30\)/);
    expect(core.fiscal.get(now.id).status).toBe('N');
    expect(core.stock.mismatches()).toEqual([]);
  });

  it('the AT code is typed after issue, kept (corrections too), printed and refused when malformed or cancelled', async () => {
    const g = transfer({ startTime: localDateTime(new Date(f.clock.now().getTime() + 3_600_000)) });
    expect(refusal(() => core.guides.setAtCode(g.id, 'abc 123', 2)).code).toBe('VALIDATION');
    const v = core.guides.setAtCode(g.id, 'ATDOC123456', 2);
    expect(v.transport?.atCode).toBe('ATDOC123456');
    expect(core.guides.setAtCode(g.id, 'ATDOC123457', 2).transport?.atCode).toBe('ATDOC123457');
    expect(refusal(() => core.guides.setAtCode(g.id, 'ATDOC123457', 2)).code).toBe('CONFLICT');
    expect(core.guides.list()[0]).toMatchObject({
      id: g.id,
      atCode: 'ATDOC123457',
      ownGoods: true,
      toWarehouseId: arm,
    });
    const receipt = layoutReceipt(printableFromFiscal(core.fiscal.get(g.id), { copy: true }), { columns: 48 })
      .flatMap((b) => (b.kind === 'text' ? [b.text] : []))
      .join('\n');
    for (const s of [
      'Bens próprios: transferência entre armazéns',
      'Local de carga:',
      'Local de descarga:',
      'Início do transporte: 14/03/2025 11:15',
      'Matrícula: AA-12-BC',
      'Código AT: ATDOC123457',
      'Este documento não serve de fatura',
      `ATCUD:${g.atcud}`,
    ])
      expect(receipt).toContain(s);
    const pdf = await renderA4Pdf(printableFromFiscal(core.fiscal.get(g.id)));
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    core.fiscal.cancel(g.id, 'Transporte adiado', 2);
    expect(refusal(() => core.guides.setAtCode(g.id, 'ATDOC9', 2)).message).toMatch(/anulada/);
  });
});
