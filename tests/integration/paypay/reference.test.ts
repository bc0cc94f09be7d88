import { afterEach, describe, expect, it } from 'vitest';
import { createTestCore, type TestCore } from '../../helpers/core';
import type { PaypaySimulator } from '../../../electron/simulators/paypay';
import { printableFromFiscal } from '../../../electron/core/printing/from-fiscal';
import { fiscalDocumentLoader } from '../../../electron/core/printing/wire';
import { flat, printReceipt } from '../../unit/printing/helpers';
import { configure, control, ftDraft, startSim } from './helpers';
import { writeCiusPt } from '../../../electron/core/integrations/ilink/codec';
import { ciusPtMultibancoOf } from '../../../electron/core/integrations/paypay/documents';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function setup(simOpts = {}): Promise<{ t: TestCore; sim: PaypaySimulator }> {
  const sim = await startSim(simOpts);
  cleanups.push(() => sim.close());
  const t = await createTestCore();
  cleanups.push(() => t.close());
  configure(t.core, sim);
  return { t, sim };
}

describe('Multibanco reference on an invoice (FT), against the simulator over HTTP', () => {
  it('issuing an FT "com referência" creates one reference (entity 5 digits, reference 9) for its total', async () => {
    const { t, sim } = await setup();
    const { doc, reference } = await t.core.paypay.issueWithReference(ftDraft(t.core), 1, 30_000);
    expect(reference.state).toBe('pending');
    expect(reference.entity).toMatch(/^\d{5}$/);
    expect(reference.reference).toMatch(/^\d{9}$/);
    expect(reference.amount).toBe(doc.totals.gross);
    const remote = sim.account.payments.get(reference.remote_id!)!;
    expect(remote.amount).toBe(Math.round(Number(doc.totals.gross) * 100));
    expect(sim.requests.filter((r) => r.path === '/payments/references')).toHaveLength(1);
  });

  for (const kind of ['5xx', 'timeout', 'reset'] as const) {
    it(`a ${kind} on the first attempt: the FT is issued, the reference follows, created exactly once`, async () => {
      const { t, sim } = await setup();
      // Shorter than the simulator's hang (3 s): the first attempt times out after PayPay processed it.
      configure(t.core, sim, { timeoutMs: 1_000 });
      await control(sim, 'fault', { kind, count: 1 });
      const { doc, reference } = await t.core.paypay.issueWithReference(ftDraft(t.core), 1, 0);
      expect(doc.docNo).toMatch(/^FT /);
      // The first attempt failed (or its outcome is unknown); the next round delivers it.
      for (let i = 0; i < 5 && t.core.paypay.store.get(reference.id)!.state === 'creating'; i++)
        await t.core.paypay.pollOnce();
      const row = t.core.paypay.store.get(reference.id)!;
      expect(row.state).toBe('pending');
      const refs = [...sim.account.payments.values()].filter((p) => p.method === 'MB');
      expect(refs).toHaveLength(1);
      expect(refs[0].reference).toBe(row.reference);
      const attempts = t.core.jobs.attempts(row.create_job_id!).map((a) => a.outcome);
      expect(attempts[0]).toBe(kind === '5xx' ? 'retry' : 'unknown');
      expect(attempts.at(-1)).toBe('succeeded');
    }, 30_000);
  }

  it('PayPay unreachable: the FT is issued, printed "segue em 2.ª via", and the reference follows; the 2.ª via prints it', async () => {
    const { t, sim } = await setup();
    configure(t.core, sim, { baseUrl: 'http://127.0.0.1:9/api' });
    const { doc, reference } = await t.core.paypay.issueWithReference(ftDraft(t.core), 1, 0);
    expect(reference.state).toBe('creating');
    const load = fiscalDocumentLoader(t.core.ctx, t.core.fiscal, (id) => t.core.paypay.printInfo(id));
    expect(flat(printReceipt(load(doc.id)).text)).toContain('segue numa 2.ª via');
    configure(t.core, sim);
    await t.core.paypay.pollOnce();
    const row = t.core.paypay.store.get(reference.id)!;
    expect(row.state).toBe('pending');
    const copy = flat(printReceipt(load(doc.id, { copy: true })).text);
    expect(copy).toContain('2.ª via');
    expect(copy).toContain(row.entity!);
    expect(copy).toContain(row.reference!.replace(/(\d{3})(?=\d)/g, '$1 '));
    expect(printableFromFiscal(doc).mbReference).toBeNull();
  });

  it('the CIUS-PT XML of the invoice carries entity and reference in PaymentMeans, amount and validity in its description', async () => {
    const { t } = await setup();
    const { doc, reference } = await t.core.paypay.issueWithReference(ftDraft(t.core), 1, 30_000);
    const multibanco = ciusPtMultibancoOf(t.core.ctx.db, doc.id);
    const xml = writeCiusPt({ doc, options: { multibanco } });
    expect(xml).toContain(`#ENTITY@ATMPAYMENT#${reference.entity}#`);
    expect(xml).toContain(`<cbc:PaymentID>#REFERENCE@ATMPAYMENT#${reference.reference}#</cbc:PaymentID>`);
    expect(xml).toContain(
      `#DESCRIPTION@ATMPAYMENT#Pagamento Multibanco: ${doc.totals.gross} EUR, válida até ${reference.valid_until!.slice(0, 10)}#`,
    );
  });

  it('training, not configured: the simulator is started in-process and gives the reference', async () => {
    const t = await createTestCore();
    cleanups.push(() => t.close());
    const { reference } = await t.core.paypay.issueWithReference(ftDraft(t.core), 1, 30_000);
    expect(reference).toMatchObject({ state: 'pending', entity: '12797' });
    const sim = await t.core.paypay.simulator()!;
    expect(sim.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api$/);
  });

  it('a training terminal refuses a non-loopback PayPay address with a pt-PT message', async () => {
    const { t, sim } = await setup();
    configure(t.core, sim, { baseUrl: 'https://paypay.pt/api' });
    const { reference } = await t.core.paypay.issueWithReference(ftDraft(t.core), 1, 0);
    await t.core.paypay.pollOnce();
    const job = t.core.jobs.get(reference.create_job_id!)!;
    expect(job.last_error).toMatch(/modo formação: só comunica com o simulador PayPay/);
    expect(sim.requests).toHaveLength(0);
  });
});
