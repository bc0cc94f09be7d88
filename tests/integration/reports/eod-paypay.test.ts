import { afterEach, describe, expect, it } from 'vitest';
import type { EodRecord } from '../../../shared/api/eod';
import { toCents } from '../../../shared/money';
import { createTestCore, type TestCore } from '../../helpers/core';
import { runEod } from '../../../electron/core/reports/eod/run';
import { eodCsv } from '../../../electron/core/reports/eod/csv';
import { addBusinessDays, ptDate } from '../../../electron/core/reports/eod/settlement';
import { localDate } from '../../../electron/core/util/clock';
import { articleOf } from '../fiscal/fiscal-helpers';
import { configure, control, ftDraft, startSim } from '../paypay/helpers';

/**
 * Issue 14 §1.3–1.4 (paypay-office) at the real boundary: a real core on a real SQLite file, references created
 * and checked against the PayPay simulator over HTTP, then the end-of-day run on its read-only connection.
 */
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const day = (): string => localDate(new Date());
const run = (t: TestCore) =>
  runEod({
    db: t.core.ctx.db,
    dataDir: t.dataDir,
    terminalId: t.core.ctx.terminalId,
    clock: t.core.ctx.clock,
    day: day(),
    trigger: 'manual',
  }).then((r) => r.record);
const sectionOf = (r: EodRecord, id: string) => r.sections.find((s) => s.id === id)!;
const lineOf = (r: EodRecord, key: string) => r.sections.flatMap((s) => s.lines).find((l) => l.key === key);
const factOf = (r: EodRecord, id: string, label: string) =>
  sectionOf(r, id).facts.find((f) => f.label.startsWith(label))?.value;

/**
 * An MB WAY sale as the counter's provider (branch paypay-counter) will record it: through the real checkout with a
 * stand-in provider 'mbway' that settles at once, then its confirmed PayPay payment. ASSUMPTION: that provider writes
 * a `paypay_payment` row of kind 'mbway' (state paid, paid_at, fee) for the sale's document.
 */
async function mbwaySale(t: TestCore, fee = '0.33') {
  t.core.sales.registerProvider({
    id: 'mbway',
    name: 'MB WAY',
    fiscalMethod: 'mbway',
    mechanism: 'OU',
    givesChange: false,
    needsConfirmation: false,
    availability: () => ({ available: true, reason: null }),
    start: (req) => ({
      wait: true,
      outcome: Promise.resolve({ status: 'settled', amount: req.amount, message: null }),
    }),
    cancel: () => undefined,
    refund: async (req) => ({ ok: true, amount: req.amount, message: null }),
  });
  const caixa = await t.login('caixa');
  await t.call('shifts/open', { openingFloat: '0.00' }, caixa);
  await t.call('sales/add-line', { articleId: articleOf(t.core, 'NOR').id, quantity: '1' }, caixa);
  const r = await t.call('sales/pay-start', { method: 'mbway' }, caixa);
  const fr = r.completed!.document;
  await t.call('shifts/close', { countedCash: '0.00', print: false }, caixa);
  const now = new Date().toISOString();
  t.core.paypay.store.insert({
    kind: 'mbway',
    document_id: fr.id,
    doc_no: fr.docNo,
    amount: fr.totals.gross,
    amount_cents: toCents(fr.totals.gross),
    mb_type: null,
    state: 'paid',
    code: `balcao-T1-mbway-${fr.id}`,
    remote_id: `mw-${fr.id}`,
    paid_cents: toCents(fr.totals.gross),
    paid_at: now,
    fee,
    created_at: now,
    updated_at: now,
  });
  return fr;
}

async function paypayDay() {
  const sim = await startSim();
  cleanups.push(() => sim.close());
  const t = await createTestCore();
  cleanups.push(() => t.close());
  configure(t.core, sim);
  // Goods on the shelf (the stock section would rightly flag a day that sells what it never had).
  t.core.stock.adjust({
    articleId: articleOf(t.core, 'NOR').id,
    warehouseId: 1,
    quantity: '100',
    cause: 'adjustment',
    unitCost: '0.40',
    operatorId: null,
  });
  const paid = await t.core.paypay.issueWithReference(ftDraft(t.core, '2'), 1, 30_000);
  const expired = await t.core.paypay.issueWithReference(ftDraft(t.core, '1'), 1, 30_000);
  expect((await control(sim, 'pay', { reference: paid.reference.reference })).status).toBe(200);
  expect((await control(sim, 'expire', { paymentId: expired.reference.remote_id })).status).toBe(200);
  const poll = await t.core.paypay.pollOnce();
  expect(poll.receipts).toHaveLength(1);
  const fr = await mbwaySale(t);
  return { sim, t, paid, expired, fr, rg: poll.receipts[0] };
}

describe('EOD PayPay and Cards sections', () => {
  it('a day with a paid reference, an expired one and a confirmed MB WAY: every figure, all certo, in the CSV', async () => {
    const { t, paid, expired, fr, rg } = await paypayDay();
    const record = await run(t);
    const pp = sectionOf(record, 'paypay');
    expect(pp).toMatchObject({ configured: true, light: 'certo' });
    expect(pp.lines.filter((l) => l.light !== 'certo')).toEqual([]);
    const paidCents = toCents(paid.doc.totals.gross);
    const expiredCents = toCents(expired.doc.totals.gross);
    const mbwayCents = toCents(fr.totals.gross);
    expect(factOf(record, 'paypay', 'Referências criadas')).toBe(`2 (${euroText(paidCents + expiredCents)})`);
    expect(factOf(record, 'paypay', 'Referências pagas')).toBe(`1 (${euroText(paidCents)})`);
    expect(factOf(record, 'paypay', 'Referências expiradas')).toBe(`1 (${euroText(expiredCents)})`);
    expect(factOf(record, 'paypay', 'Referências por pagar')).toBe('0 (0,00 €)');
    expect(factOf(record, 'paypay', 'MB WAY confirmados')).toBe(`1 (${euroText(mbwayCents)})`);
    // The simulator reports 0,27750 + 0,04995 € per payment (0,33 €); the MB WAY row carries 0,33 € too.
    expect(factOf(record, 'paypay', 'Comissões')).toBe('0,66 €');
    expect(factOf(record, 'paypay', 'Liquidação prevista MB (pressuposto: D+1')).toBe(
      `${ptDate(addBusinessDays(day(), 1))}: ${euroText(paidCents)}`,
    );
    expect(factOf(record, 'paypay', 'Liquidação prevista MB WAY (pressuposto: D+2')).toBe(
      `${ptDate(addBusinessDays(day(), 2))}: ${euroText(mbwayCents)}`,
    );
    expect(lineOf(record, 'paypay:mbway')).toMatchObject({
      expectedCents: mbwayCents,
      actualCents: mbwayCents,
      light: 'certo',
    });
    expect(lineOf(record, 'paypay:references')?.explanation).toBe('Pagas com recibo RG: 1 de 1.');
    expect(pp.summary).toBe(
      '2 referências criadas, 1 paga, 1 expirada; MB WAY 1 confirmado, 0 recusados: certo.',
    );
    expect(pp.lines.some((l) => l.key.startsWith('paypay:no-receipt'))).toBe(false);
    // The paid reference's RG and its mb_reference payment reconcile in the documents section too.
    expect(lineOf(record, 'payments:mb_reference')?.light ?? 'certo').toBe('certo');
    expect(
      record.sections.flatMap((s) =>
        s.lines.filter((l) => l.light !== 'certo').map((l) => `${s.id} ${l.key} ${l.item} ${l.explanation}`),
      ),
    ).toEqual([]);
    expect(record.light).toBe('certo');
    expect(rg).toMatch(/^RG /);
    // No card payment and no terminal: the Cards section says so and counts for nothing.
    expect(sectionOf(record, 'cards')).toMatchObject({ configured: false, summary: 'não configurado' });
    const csv = eodCsv(record);
    expect(csv).toContain('PayPay;Referências Multibanco: 2 criadas');
    expect(csv).toContain(
      `PayPay;MB WAY: documentos ⇄ confirmados pelo PayPay;${(mbwayCents / 100).toFixed(2)}`,
    );
    expect(csv).toContain('Cartões;não configurado');
  }, 60_000);

  it('paid without a receipt and a receipt without a confirmed payment are each found, to the cent', async () => {
    const { t, sim } = await paypayDay();
    // A payment PayPay confirmed whose RG was never issued (as if the receipt had been lost).
    const third = await t.core.paypay.issueWithReference(ftDraft(t.core, '3'), 1, 30_000);
    await control(sim, 'pay', { reference: third.reference.reference });
    t.core.paypay.store.update(third.reference.id, {
      state: 'paid',
      paid_cents: third.reference.amount_cents,
      paid_at: new Date().toISOString(),
    });
    // A receipt "por referência Multibanco" issued by hand, with no PayPay payment behind it.
    const ft = t.core.fiscal.issue(ftDraft(t.core, '1'), 1);
    const rg = t.core.fiscal.issueReceipt(
      {
        settlements: [{ documentId: ft.id, amount: ft.totals.gross }],
        payments: [{ method: 'mb_reference', amount: ft.totals.gross }],
      },
      1,
    );
    const record = await run(t);
    expect(sectionOf(record, 'paypay').light).toBe('por-explicar');
    expect(lineOf(record, `paypay:no-receipt:${third.reference.id}`)).toMatchObject({
      expectedCents: third.reference.amount_cents,
      actualCents: 0,
      differenceCents: -third.reference.amount_cents,
      explainedCents: 0,
      light: 'por-explicar',
    });
    expect(lineOf(record, `paypay:receipt-unconfirmed:${rg.id}`)).toMatchObject({
      expectedCents: 0,
      actualCents: toCents(rg.totals.gross),
      light: 'por-explicar',
      refs: [{ kind: 'document', id: rg.id, label: rg.docNo }],
    });
    expect(record.verdict).toContain('pay');
  }, 60_000);

  it('a paid reference whose invoice was cancelled is flagged for the manager: explicada, not por explicar', async () => {
    const sim = await startSim();
    cleanups.push(() => sim.close());
    const t = await createTestCore();
    cleanups.push(() => t.close());
    configure(t.core, sim);
    const { doc, reference } = await t.core.paypay.issueWithReference(ftDraft(t.core), 1, 30_000);
    t.core.fiscal.cancel(doc.id, 'Cliente desistiu da compra', 1);
    // MB NORMAL may still be paid after its withdrawal (FACT §1.2).
    await control(sim, 'pay', { reference: reference.reference });
    await t.core.paypay.pollOnce();
    const record = await run(t);
    expect(lineOf(record, `paypay:no-receipt:${reference.id}`)).toMatchObject({
      light: 'explicadas',
      explanation: expect.stringContaining('anulada'),
    });
  }, 60_000);

  it('PayPay not configured: "não configurado"; a card sale on the external terminal is reconciled as "não declarado"', async () => {
    const t = await createTestCore();
    cleanups.push(() => t.close());
    const caixa = await t.login('caixa');
    await t.call('shifts/open', { openingFloat: '20.00' }, caixa);
    await t.call('sales/add-line', { articleId: 1, quantity: '2' }, caixa);
    const started = await t.call('sales/pay-start', { method: 'card' }, caixa);
    const done = await t.call(
      'sales/pay-confirm',
      { paymentId: started.payment!.id, approvedAmount: started.sale.totals.gross },
      caixa,
    );
    expect(done.completed).not.toBeNull();
    const record = await run(t);
    expect(sectionOf(record, 'paypay')).toMatchObject({
      configured: false,
      light: null,
      summary: 'não configurado',
    });
    const cards = sectionOf(record, 'cards');
    const cents = toCents(started.sale.totals.gross);
    expect(cards).toMatchObject({ configured: true, light: 'certo' });
    expect(lineOf(record, 'cards:external')).toMatchObject({ light: 'certo' });
    expect(lineOf(record, 'cards:external')?.item).toBe(
      `Cartão no terminal externo: ${euroText(cents)} nos documentos ⇄ total do terminal não declarado`,
    );
    expect(lineOf(record, 'cards:paypay-terminal')).toBeUndefined();
    expect(factOf(record, 'cards', 'Total declarado do terminal externo')).toBe('não declarado');
    // The rest of the run works as before.
    expect(sectionOf(record, 'documents').light).toBe('certo');
    expect(eodCsv(record)).toContain('PayPay;não configurado');
  }, 60_000);
});

/** "1,89 €" as the report writes it (integer arithmetic, as types.ts euros()). */
function euroText(cents: number): string {
  return `${Math.floor(cents / 100)},${String(cents % 100).padStart(2, '0')} €`;
}
