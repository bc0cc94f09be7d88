import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestCore, type TestCore } from '../../helpers/core';
import { fixedClock } from '../../../electron/core/util/clock';
import type { DocumentSearch, InvoiceDraft } from '../../../shared/api/invoicing';

/**
 * Back-office invoicing through the real dispatcher (issue 12 item 4): FT with due date, terms, N.º Encomenda and
 * notes; partial RG then the RG that settles; one RG over several FT; NC with its reason; cancellation rules; the
 * states Documentos filters on.
 */
const BUYER = {
  nif: '501964843',
  name: 'Papelaria Central, Lda.',
  address: 'Rua Direita 1',
  postalCode: '1100-001',
  city: 'Lisboa',
};
const OTHER = { nif: '123456789', name: 'Maria Gonçalves' };

const invoice = (over: Partial<InvoiceDraft> = {}): InvoiceDraft => ({
  customer: BUYER,
  dueDate: '2025-07-02',
  paymentTerms: '30 dias',
  orderReference: 'ENC-2025/77',
  notes: 'Entregar no armazém',
  lines: [
    { articleId: 1, quantity: '10', discountPct: '5' },
    { description: 'Serviço de montagem', quantity: '1', unitPrice: '61.50', taxCode: 'NOR' },
  ],
  ...over,
});

describe('Faturação na Gestão (FT → RG, NC, anulação, estados)', () => {
  let t: TestCore;
  let gerente: string;
  beforeEach(async () => {
    t = await createTestCore({ clock: fixedClock(new Date('2025-06-02T10:00:00')) });
    gerente = await t.login('gerente');
  });
  afterEach(async () => t.close());

  const search = (q: DocumentSearch) => t.call('documents/search', q, gerente);

  it('issues an FT with due date, terms, order number and notes; a partial RG, then a second RG settles it', async () => {
    const ft = await t.call('invoicing/issue-invoice', invoice(), gerente);
    const doc = await t.call('fiscal/get-document', { id: ft.id }, gerente);
    expect(doc.type).toBe('FT');
    expect(doc.customer).toMatchObject({ nif: '501964843', name: 'Papelaria Central, Lda.' });
    expect(doc.additionalInfo).toEqual([
      { name: 'Data de vencimento', value: '02/07/2025' },
      { name: 'Condições de pagamento', value: '30 dias' },
      { name: 'N.º Encomenda', value: 'ENC-2025/77' },
      { name: 'Observações', value: 'Entregar no armazém' },
    ]);
    // 10 × 1,89 € − 5 % = 17,96 €; + 61,50 € = 79,46 €
    expect(doc.totals.gross).toBe('79.46');
    expect(doc.references.outstanding).toBe('79.46');

    const [hit] = await search({ customer: '501964843' });
    expect(hit).toMatchObject({ id: ft.id, state: 'por-liquidar', outstanding: '79.46', series: doc.series });

    const open = await t.call('invoicing/open-invoices', { customerId: doc.customer.id! }, gerente);
    expect(open).toEqual([
      expect.objectContaining({ id: ft.id, outstanding: '79.46', dueDate: '2025-07-02' }),
    ]);

    const rg1 = await t.call(
      'invoicing/register-payment',
      { settlements: [{ documentId: ft.id, amount: '30' }], method: 'transfer' },
      gerente,
    );
    expect((await t.call('fiscal/get-document', { id: ft.id }, gerente)).references.outstanding).toBe(
      '49.46',
    );
    expect((await search({ customer: '501964843', type: 'FT' }))[0]).toMatchObject({
      state: 'por-liquidar',
      outstanding: '49.46',
    });
    // More than is due: the fiscal core's refusal, and nothing is issued.
    await expect(
      t.call(
        'invoicing/register-payment',
        { settlements: [{ documentId: ft.id, amount: '49.47' }], method: 'cash' },
        gerente,
      ),
    ).rejects.toMatchObject({
      code: 'FISCAL_RULE',
      message: expect.stringMatching(/e 49,46\s€ \(em dívida\)/),
    });

    const rg2 = await t.call(
      'invoicing/register-payment',
      { settlements: [{ documentId: ft.id, amount: '49.46' }], method: 'card' },
      gerente,
    );
    const settled = await t.call('fiscal/get-document', { id: ft.id }, gerente);
    expect(settled.references.outstanding).toBe('0.00');
    expect(settled.references.settledBy.map((r) => r.docNo)).toEqual([rg1.docNo, rg2.docNo]);
    const receipt = await t.call('fiscal/get-document', { id: rg2.id }, gerente);
    expect(receipt).toMatchObject({ type: 'RG', totals: { gross: '49.46' } });
    expect(receipt.payments).toEqual([expect.objectContaining({ method: 'card', amount: '49.46' })]);

    expect((await search({ state: 'liquidado' })).map((h) => h.id)).toEqual([ft.id]);
    expect(await search({ state: 'por-liquidar' })).toEqual([]);
    expect((await search({ type: 'RG' })).map((h) => [h.docNo, h.state])).toEqual([
      [rg2.docNo, 'normal'],
      [rg1.docNo, 'normal'],
    ]);
    // A settled FT cannot be cancelled while its receipts stand (fiscal-pt.md); the receipt can.
    await expect(
      t.call('fiscal/cancel-document', { id: ft.id, reason: 'Erro de faturação' }, gerente),
    ).rejects.toMatchObject({
      code: 'FISCAL_RULE',
      message: expect.stringContaining('liquidado pelo recibo'),
    });
    await t.call('fiscal/cancel-document', { id: rg2.id, reason: 'Pagamento devolvido' }, gerente);
    expect((await search({ number: String(rg2.docNo.split('/')[1]), type: 'RG' }))[0].state).toBe('anulado');
    expect((await search({ customer: '501964843', type: 'FT' }))[0]).toMatchObject({
      state: 'por-liquidar',
      outstanding: '49.46',
    });
  });

  it('settles several FT of one customer in one RG, and refuses one mixing customers', async () => {
    const a = await t.call('invoicing/issue-invoice', invoice({ orderReference: '' }), gerente);
    const b = await t.call(
      'invoicing/issue-invoice',
      invoice({ lines: [{ description: 'Consultoria', quantity: '2', unitPrice: '100', taxCode: 'NOR' }] }),
      gerente,
    );
    const c = await t.call('invoicing/issue-invoice', invoice({ customer: OTHER }), gerente);
    await expect(
      t.call(
        'invoicing/register-payment',
        {
          settlements: [
            { documentId: a.id, amount: '1' },
            { documentId: c.id, amount: '1' },
          ],
          method: 'cash',
        },
        gerente,
      ),
    ).rejects.toMatchObject({
      code: 'FISCAL_RULE',
      message: 'Um recibo só liquida documentos do mesmo cliente.',
    });

    const rg = await t.call(
      'invoicing/register-payment',
      {
        settlements: [
          { documentId: a.id, amount: '79.46' },
          { documentId: b.id, amount: '50' },
        ],
        method: 'transfer',
      },
      gerente,
    );
    const v = await t.call('fiscal/get-document', { id: rg.id }, gerente);
    expect(v.totals.gross).toBe('129.46');
    expect(v.references.settles.map((s) => [s.docNo, s.amount])).toEqual([
      [a.docNo, '79.46'],
      [b.docNo, '50.00'],
    ]);
    const states = await search({ type: 'FT' });
    expect(states.map((h) => [h.docNo, h.state, h.outstanding])).toEqual([
      [c.docNo, 'por-liquidar', '79.46'],
      [b.docNo, 'por-liquidar', '150.00'],
      [a.docNo, 'liquidado', '0.00'],
    ]);
  });

  it('issues an NC against the FT with its reason; the credited part leaves what is due', async () => {
    const ft = await t.call('invoicing/issue-invoice', invoice(), gerente);
    const issued = await t.call(
      'invoicing/credit-note',
      { documentId: ft.id, reason: 'Montagem não realizada', lines: [{ lineNo: 2, quantity: '1' }] },
      gerente,
    );
    const nc = await t.call('fiscal/get-document', { id: issued.id }, gerente);
    expect(nc).toMatchObject({
      type: 'NC',
      references: { origin: { docNo: ft.docNo, reason: 'Montagem não realizada' } },
    });
    expect(nc.totals.gross).toBe('61.50');
    expect((await t.call('fiscal/get-document', { id: ft.id }, gerente)).references.outstanding).toBe(
      '17.96',
    );
    expect((await search({ customer: 'papelaria' })).map((h) => [h.type, h.state, h.outstanding])).toEqual([
      ['NC', 'normal', null],
      ['FT', 'por-liquidar', '17.96'],
    ]);
    // No reason, no NC (CIVA 36.º n.º 6): the contract refuses it before the fiscal core; so does the raw channel.
    await expect(
      t.call(
        'invoicing/credit-note',
        { documentId: ft.id, reason: ' ', lines: [{ lineNo: 1, quantity: '1' }] },
        gerente,
      ),
    ).rejects.toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('motivo') });
    await expect(
      t.call(
        'fiscal/issue-document',
        {
          type: 'NC',
          origin: { documentId: ft.id, reason: '' },
          lines: [{ originLineId: lineIdOf(t, ft.id, 1), quantity: '1' }],
        },
        gerente,
      ),
    ).rejects.toMatchObject({ code: 'VALIDATION' });
    // Crediting more than remains of the line: the fiscal core's rule.
    await expect(
      t.call(
        'invoicing/credit-note',
        { documentId: ft.id, reason: 'Devolução', lines: [{ lineNo: 2, quantity: '1' }] },
        gerente,
      ),
    ).rejects.toMatchObject({
      code: 'FISCAL_RULE',
      message: expect.stringContaining('só pode creditar até 0'),
    });
    // An ND adds to what is due.
    const nd = await t.call(
      'invoicing/debit-note',
      {
        documentId: ft.id,
        reason: 'Portes de envio',
        lines: [{ description: 'Portes', quantity: '1', unitPrice: '6.15', taxCode: 'NOR' }],
      },
      gerente,
    );
    expect(await t.call('fiscal/get-document', { id: nd.id }, gerente)).toMatchObject({
      type: 'ND',
      totals: { gross: '6.15' },
      references: { origin: { docNo: ft.docNo, reason: 'Portes de envio' }, outstanding: '6.15' },
    });
    // The FT cannot be cancelled while the NC stands.
    await expect(
      t.call('fiscal/cancel-document', { id: ft.id, reason: 'Engano' }, gerente),
    ).rejects.toMatchObject({ code: 'FISCAL_RULE', message: expect.stringContaining('Anule-a primeiro') });
  });

  it('finds documents by number, series, name without accents, NIF, period, amount and state', async () => {
    const a = await t.call('invoicing/issue-invoice', invoice(), gerente);
    const b = await t.call('invoicing/issue-invoice', invoice({ customer: OTHER }), gerente);
    const vb = await t.call('fiscal/get-document', { id: b.id }, gerente);
    expect((await search({ customer: 'GONCALVES' })).map((h) => h.id)).toEqual([b.id]);
    expect((await search({ customer: 'PT123456789' })).map((h) => h.id)).toEqual([b.id]);
    expect((await search({ customer: '5019' })).map((h) => h.id)).toEqual([a.id]);
    expect((await search({ number: b.docNo })).map((h) => h.id)).toEqual([b.id]);
    expect((await search({ number: String(vb.number), type: 'FT' })).map((h) => h.id)).toEqual([b.id]);
    expect((await search({ series: vb.series, type: 'FT' })).map((h) => h.id)).toEqual([b.id, a.id]);
    expect(await search({ series: 'NAOEXISTE' })).toEqual([]);
    expect((await search({ from: '2025-06-02', to: '2025-06-02' })).length).toBe(2);
    expect(await search({ from: '2025-06-03' })).toEqual([]);
    expect((await search({ amountMin: '79.46', amountMax: '79.46' })).length).toBe(2);
    expect(await search({ amountMin: '79.47' })).toEqual([]);
    await t.call('fiscal/cancel-document', { id: b.id, reason: 'Cliente errado' }, gerente);
    expect((await search({ state: 'anulado' })).map((h) => h.id)).toEqual([b.id]);
    expect((await search({ state: 'por-liquidar' })).map((h) => h.id)).toEqual([a.id]);
    // Paging: newest first, beforeId continues.
    const first = await search({ limit: 1 });
    expect(first.map((h) => h.id)).toEqual([b.id]);
    expect((await search({ limit: 1, beforeId: b.id })).map((h) => h.id)).toEqual([a.id]);
  });

  it('refuses a due date before the invoice date and an invoice without an identified customer', async () => {
    await expect(
      t.call('invoicing/issue-invoice', invoice({ dueDate: '2025-06-01' }), gerente),
    ).rejects.toMatchObject({
      code: 'VALIDATION',
      message: 'A data de vencimento (01/06/2025) não pode ser anterior à data da fatura (02/06/2025).',
    });
    await expect(
      t.call(
        'invoicing/issue-invoice',
        invoice({ customer: { nif: '999999990', name: 'Consumidor final' } }),
        gerente,
      ),
    ).rejects.toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('indique o NIF') });
    expect(await search({})).toEqual([]);
  });
});

function lineIdOf(t: TestCore, documentId: number, lineNo: number): number {
  const r = t.core.ctx.db.get(
    t.core.ctx.db.k
      .selectFrom('fiscal_line')
      .select('id')
      .where('document_id', '=', documentId)
      .where('line_no', '=', lineNo),
  );
  return r!.id;
}
