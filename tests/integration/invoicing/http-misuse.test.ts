import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../electron/core/util/clock';
import { createTestCore, type TestCore } from '../../helpers/core';
import { httpApi } from '../misuse/http';

/**
 * The back-office invoice, receipt and SAF-T channels called over the real HTTP API without the screen: a bad
 * payload gets the same pt-PT refusal the form shows, and nothing is written (no document, no customer, no
 * number taken).
 */
describe('invoicing over HTTP: misuse is refused and changes nothing', () => {
  let t: TestCore;
  let api: Awaited<ReturnType<typeof httpApi>>;
  let caixa: string;
  let gerente: string;
  let ftId: number;
  const good = {
    customer: { nif: '501964843', name: 'Papelaria Central, Lda.' },
    dueDate: '2025-07-02',
    lines: [{ articleId: 1, quantity: '2' }],
  };
  const counts = () => ({
    docs: t.core.ctx.db.sqlite.prepare('select count(*) as n from fiscal_document').get(),
    customers: t.core.ctx.db.sqlite.prepare('select count(*) as n from customer').get(),
    info: t.core.ctx.db.sqlite.prepare('select count(*) as n from fiscal_info').get(),
  });

  beforeAll(async () => {
    t = await createTestCore({ clock: fixedClock(new Date('2025-06-02T10:00:00')) });
    api = await httpApi(t);
    caixa = await api.login(1, '1111');
    gerente = await api.login(2, '9999');
    const r = await api.call('invoicing/issue-invoice', good, gerente);
    expect(r.ok).toBe(true);
    ftId = (r.value as { id: number }).id;
  });
  afterAll(async () => {
    await api.srv.close();
    await t.close();
  });

  it.each([
    ['a caixa issuing an FT', 'caixa', 'invoicing/issue-invoice', () => good, 'FORBIDDEN', /gerente/],
    [
      'a caixa registering a payment',
      'caixa',
      'invoicing/register-payment',
      () => ({ settlements: [{ documentId: ftId, amount: '1' }], method: 'cash' }),
      'FORBIDDEN',
      /gerente/,
    ],
    [
      'a caixa exporting SAF-T',
      'caixa',
      'saft/export-start',
      () => ({ from: '2025-06-01', to: '2025-06-30' }),
      'FORBIDDEN',
      /gerente/,
    ],
    ['no session', null, 'invoicing/issue-invoice', () => good, 'UNAUTHENTICATED', /./],
    [
      'a negative quantity',
      'gerente',
      'invoicing/issue-invoice',
      () => ({ ...good, lines: [{ articleId: 1, quantity: '-1' }] }),
      'VALIDATION',
      /quantidade/,
    ],
    [
      'a free line without VAT',
      'gerente',
      'invoicing/issue-invoice',
      () => ({ ...good, lines: [{ description: 'X', quantity: '1', unitPrice: '5' }] }),
      'VALIDATION',
      /taxa de IVA/,
    ],
    [
      'an unknown article',
      'gerente',
      'invoicing/issue-invoice',
      () => ({ ...good, lines: [{ articleId: 999999, quantity: '1' }] }),
      'NOT_FOUND',
      /artigo 999999/,
    ],
    [
      'a wrong NIF check digit',
      'gerente',
      'invoicing/issue-invoice',
      () => ({ ...good, customer: { nif: '501964842', name: 'X Lda' } }),
      'VALIDATION',
      /NIF/,
    ],
    [
      'Consumidor final',
      'gerente',
      'invoicing/issue-invoice',
      () => ({ ...good, customer: { nif: '999999990', name: 'Consumidor final' } }),
      'VALIDATION',
      /indique o NIF/,
    ],
    [
      'a due date in the past',
      'gerente',
      'invoicing/issue-invoice',
      () => ({ ...good, dueDate: '2025-05-31' }),
      'VALIDATION',
      /vencimento/,
    ],
    [
      'a money float',
      'gerente',
      'invoicing/issue-invoice',
      () => ({ ...good, lines: [{ description: 'X', quantity: '1', unitPrice: 1.5, taxCode: 'NOR' }] }),
      'VALIDATION',
      /./,
    ],
    [
      'an unknown field',
      'gerente',
      'invoicing/issue-invoice',
      () => ({ ...good, hash: 'forged' }),
      'VALIDATION',
      /./,
    ],
    [
      'an order number of 61 characters',
      'gerente',
      'invoicing/issue-invoice',
      () => ({ ...good, orderReference: 'E'.repeat(61) }),
      'VALIDATION',
      /N\.º Encomenda/,
    ],
    [
      'paying more than is due',
      'gerente',
      'invoicing/register-payment',
      () => ({ settlements: [{ documentId: ftId, amount: '3.79' }], method: 'cash' }),
      'FISCAL_RULE',
      /em dívida/,
    ],
    [
      'paying a zero amount',
      'gerente',
      'invoicing/register-payment',
      () => ({ settlements: [{ documentId: ftId, amount: '0' }], method: 'cash' }),
      'VALIDATION',
      /./,
    ],
    [
      'paying an unknown document',
      'gerente',
      'invoicing/register-payment',
      () => ({ settlements: [{ documentId: 424242, amount: '1' }], method: 'cash' }),
      'NOT_FOUND',
      /424242/,
    ],
    [
      'an impossible SAF-T period',
      'gerente',
      'saft/export-start',
      () => ({ from: '2025-02-30', to: '2025-03-31' }),
      'VALIDATION',
      /período válido/,
    ],
    [
      'an unknown document state',
      'gerente',
      'documents/search',
      () => ({ state: 'pago' }),
      'VALIDATION',
      /./,
    ],
  ] as const)('%s', async (_name, who, channel, input, code, message) => {
    const before = counts();
    const r = await api.call(channel, input(), who === 'caixa' ? caixa : who === 'gerente' ? gerente : null);
    expect(r.ok).toBe(false);
    expect(r.error).toMatchObject({ code, message: expect.stringMatching(message) });
    expect(counts()).toEqual(before);
  });

  it('the same FT the refusals left alone is still due in full, and the next one takes the next number', async () => {
    const doc = await api.call('fiscal/get-document', { id: ftId }, gerente);
    expect(doc.value).toMatchObject({ references: { outstanding: '3.78' } });
    const next = await api.call('invoicing/issue-invoice', good, gerente);
    const a = (doc.value as { number: number }).number;
    expect(
      (await api.call('fiscal/get-document', { id: (next.value as { id: number }).id }, gerente)).value,
    ).toMatchObject({
      number: a + 1,
    });
  });
});
