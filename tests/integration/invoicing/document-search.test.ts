import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestCore, type TestCore } from '../../helpers/core';
import { fixedClock } from '../../../electron/core/util/clock';

/**
 * Documentos search through the indexed paths (electron/core/invoicing/search.ts, bench
 * backoffice.document_search_p95_ms): a whole number is that document (not 10, 11… as a text match finds), digits
 * are that number in every series, a rare name goes through the customer file and still matches accent- and
 * case-insensitively, and a name that was typed for an FS to Consumidor final is found too.
 */
describe('Documentos: number and name search through the indexes', () => {
  let t: TestCore;
  let gerente: string;
  beforeEach(async () => {
    t = await createTestCore({ clock: fixedClock(new Date('2025-06-02T10:00:00')) });
    gerente = await t.login('gerente');
  });
  afterEach(async () => t.close());

  const ft = (nif: string, name: string) =>
    t.call(
      'invoicing/issue-invoice',
      {
        customer: { nif, name },
        dueDate: '2025-07-02',
        lines: [{ description: 'Serviço', quantity: '1', unitPrice: '12.30', taxCode: 'NOR' }],
      },
      gerente,
    );

  it('finds a whole number exactly, digits in every series, rare names without accents', async () => {
    const issued = [];
    for (let i = 0; i < 11; i++)
      issued.push(await ft(i % 2 ? '501964843' : '123456789', i % 2 ? 'Açoriana, Lda.' : 'João Falcão'));
    const first = await t.call('fiscal/get-document', { id: issued[0]!.id }, gerente);
    const search = (q: object) => t.call('documents/search', q, gerente);
    // "FT T1F/1" and "T1F/1" are document 1, not also 10 and 11.
    expect((await search({ number: first.docNo })).map((h) => h.id)).toEqual([first.id]);
    expect((await search({ number: `${first.series}/1` })).map((h) => h.id)).toEqual([first.id]);
    expect((await search({ number: `${first.series.toLowerCase()}/10` })).map((h) => h.docNo)).toEqual([
      issued[9]!.docNo,
    ]);
    expect(await search({ number: 'NC XYZ/1' })).toEqual([]);
    expect((await search({ number: '11' })).map((h) => h.id)).toEqual([issued[10]!.id]);
    // A part that is no whole number still matches as text.
    expect((await search({ number: `${first.series}/` })).length).toBe(11);
    // Names: through the customer file, accent- and case-insensitive, parts of words.
    expect((await search({ customer: 'falcao' })).length).toBe(6);
    expect((await search({ customer: 'ACORIANA' })).length).toBe(5);
    expect((await search({ customer: 'joao falc' })).length).toBe(6);
    expect(await search({ customer: 'inexistente' })).toEqual([]);
  });

  it('finds the Consumidor final sales by that name', async () => {
    const fs = await t.call(
      'fiscal/issue-document',
      {
        type: 'FS',
        lines: [{ description: 'Café', quantity: '1', unitPrice: '0.70', taxCode: 'RED' }],
        payments: [{ method: 'cash', amount: '0.70' }],
      },
      gerente,
    );
    await ft('501964843', 'Açoriana, Lda.');
    expect((await t.call('documents/search', { customer: 'consumidor' }, gerente)).map((h) => h.id)).toEqual([
      fs.id,
    ]);
  });
});
