import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { AttemptResult } from '../../../electron/core/jobs/types';
import { enqueueInTx } from '../../../electron/core/sync/outbox';
import { createTestCore, type TestCore } from '../../helpers/core';
import { articleOf } from '../fiscal/fiscal-helpers';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function core(): Promise<TestCore> {
  const t = await createTestCore({ cash: { settings: { kind: 'none' } } });
  cleanups.push(() => t.close());
  return t;
}

describe('outbox in the fiscal transaction', () => {
  it('the message commits with the document, and rolls back with it', async () => {
    const t = await core();
    const outcomes: AttemptResult[] = [];
    const h = t.core.jobs.register({
      kind: 'test.outbox',
      payload: z.object({ docNo: z.string(), event: z.enum(['issued', 'cancelled']) }),
      partner: () => 'test-partner',
      syncStatus: true,
      // Long enough that the core's background runner never retries during the test.
      backoff: { baseMs: 600_000, factor: 1, maxMs: 600_000, jitter: 0 },
      run: async () => outcomes.shift() ?? { outcome: 'succeeded' },
    });
    t.core.sync.hooks.onIssued((d, tx) => {
      enqueueInTx(h, tx, { docNo: d.doc.doc_no, event: 'issued' }, `issued:${d.doc.doc_no}`);
    });
    t.core.sync.hooks.onCancelled((d, tx) => {
      enqueueInTx(h, tx, { docNo: d.docNo, event: 'cancelled' }, `cancelled:${d.docNo}`);
    });
    const db = t.core.ctx.db;
    const jobs = () =>
      db.all(db.k.selectFrom('job').select(['idempotency_key', 'state']).where('kind', '=', 'test.outbox'));
    const nor = articleOf(t.core, 'NOR');
    const issue = () => t.core.fiscal.issue({ type: 'FT', lines: [{ articleId: nor.id, quantity: '1' }] }, 1);

    // Outstanding network trouble: the message waits, the status says "sem rede".
    outcomes.push({ outcome: 'retry', network: true, message: 'Sem ligação ao parceiro.' });
    const ft = issue();
    // Committed with the document (the background runner may already be sending it).
    expect(jobs()).toMatchObject([{ idempotency_key: `issued:${ft.docNo}` }]);
    await t.core.jobs.drain();
    expect(t.core.sync.status()).toMatchObject([
      {
        partner: 'test-partner',
        state: 'offline',
        label: 'sem rede',
        pending: 1,
        lastError: 'Sem ligação ao parceiro.',
      },
    ]);

    // A sale update that fails after the document rolls both back: no message for a document that does not exist.
    expect(() =>
      db.tx(() => {
        issue();
        throw new Error('the sale update failed');
      }),
    ).toThrow(/sale update failed/);
    expect(jobs()).toHaveLength(1);

    // A listener that cannot write its message refuses the document: never a document without its message.
    const off = t.core.sync.hooks.onIssued(() => {
      throw new Error('outbox write failed');
    });
    expect(() => issue()).toThrow(/outbox write failed/);
    off();
    expect(db.all(db.k.selectFrom('fiscal_document').select('id'))).toHaveLength(1);

    // A permanent refusal shows "erro" until someone deals with it.
    outcomes.push({ outcome: 'permanent', code: 'e217', message: '[BR-CO-25] regra' });
    t.core.fiscal.cancel(ft.id, 'Engano no cliente', 1);
    expect(jobs().map((j) => j.idempotency_key)).toEqual([`issued:${ft.docNo}`, `cancelled:${ft.docNo}`]);
    await t.core.jobs.drain();
    expect(t.core.sync.status()).toMatchObject([
      { state: 'error', label: 'erro', pending: 1, failed: 1, lastError: '[BR-CO-25] regra' },
    ]);
    await t.core.jobs.drain({ force: ['test.outbox'] });
    expect(t.core.sync.status()).toMatchObject([{ state: 'error', pending: 0, failed: 1, lastError: null }]);
    expect(jobs().map((j) => j.state)).toEqual(['succeeded', 'failed']);
  });
});
