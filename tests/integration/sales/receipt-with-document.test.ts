import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { printJobKey, PRINT_KIND } from '../../../electron/core/printing/worker';
import type { TestCore } from '../../helpers/core';
import { LEITE, openTill } from './sales-helpers';

/**
 * The receipt's print job is written in the transaction that issues the sale's document (one durable commit per
 * sale, issue 15), in a savepoint of its own: a queue that refuses it must neither fail the sale nor leave half a
 * job behind (a print_job row without its runner job).
 */
describe('the receipt is queued with its document', () => {
  let t: TestCore;
  let caixa: string;
  beforeEach(async () => ({ t, caixa } = await openTill()));
  afterEach(async () => t.close());

  const cardSale = async () => {
    await t.call('sales/add-line', { articleId: LEITE.id }, caixa);
    const card = await t.call('sales/pay-start', { method: 'card' }, caixa);
    return t.call('sales/pay-confirm', { paymentId: card.payment!.id, approvedAmount: LEITE.price }, caixa);
  };
  const db = () => t.core.ctx.db;
  const printRows = () => db().all(db().k.selectFrom('print_job').select(['id', 'document_id', 'kind']));

  it('a card sale: the document and its pending receipt job, both committed when the answer comes', async () => {
    const paid = await cardSale();
    const doc = paid.completed!.document;
    expect(paid.completed).toMatchObject({ printQueued: true, printMessage: null });
    expect(printRows()).toEqual([expect.objectContaining({ document_id: doc.id, kind: 'document' })]);
    const job = t.core.jobs.byKey(printJobKey(t.core.ctx.terminalId, printRows()[0]!.id));
    expect(job).toMatchObject({ kind: PRINT_KIND });
    await t.core.jobs.drain();
    expect(t.core.jobs.get(job!.id)?.state).toBe('succeeded');
  });

  it('a queue that refuses the receipt: the sale is issued all the same, no half-written job stays', async () => {
    // The next print job's runner key is already taken by another kind of job: the runner refuses the enqueue
    // after the print_job row was written (CONFLICT), so only the savepoint can take that row back.
    const last = db().get(
      db()
        .k.selectFrom('print_job')
        .select((eb) => eb.fn.max('id').as('id')),
    );
    const squatter = t.core.jobs.register({
      kind: 'test.squatter',
      payload: z.object({}),
      partner: () => 'nobody',
      run: async () => ({ outcome: 'succeeded' as const }),
    });
    squatter.enqueue({}, { key: printJobKey(t.core.ctx.terminalId, Number(last?.id ?? 0) + 1) });

    const paid = await cardSale();
    expect(paid.completed).toMatchObject({
      printQueued: false,
      printMessage: expect.stringContaining('reimprima-o mais tarde'),
    });
    expect(paid.sale.status).toBe('completed');
    const docs = db().all(db().k.selectFrom('fiscal_document').select(['id', 'doc_no']));
    expect(docs).toEqual([expect.objectContaining({ id: paid.completed!.document.id })]);
    expect(printRows()).toEqual([]);
    expect(db().all(db().k.selectFrom('job').select('kind').where('kind', '=', PRINT_KIND))).toEqual([]);
  });
});
