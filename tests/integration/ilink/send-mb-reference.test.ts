import { afterEach, describe, expect, it } from 'vitest';
import { createTestCore } from '../../helpers/core';
import { configure as configurePaypay, ftDraft, startSim as startPaypay } from '../paypay/helpers';
import { SIM_DEFAULTS } from '../../../electron/simulators/ilink/defaults';
import { simulator, takesEinvoices } from './ilink-helpers';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** Issue 10 × 11: the XML the iLink job sends carries the invoice's PayPay Multibanco reference in PaymentMeans. */
describe('iLink XML with a Multibanco reference', () => {
  it('an FT "com referência" goes to iLink with #ENTITY@ATMPAYMENT# and #REFERENCE@ATMPAYMENT#', async () => {
    const paypay = await startPaypay();
    cleanups.push(() => paypay.close());
    const ilink = await simulator();
    cleanups.push(() => ilink.close());
    const t = await createTestCore({ cash: { settings: { kind: 'none' } } });
    cleanups.push(() => t.close());
    configurePaypay(t.core, paypay);
    t.core.ilink.configure({
      baseUrl: ilink.baseUrl,
      auth: { mode: 'oauth2', clientId: SIM_DEFAULTS.clientId, clientSecret: SIM_DEFAULTS.clientSecret },
      send: 'manual',
      receive: false,
      pdf: false,
      timeoutMs: 2000,
    });
    takesEinvoices(t.core, ftDraft(t.core).customer);
    const { doc, reference } = await t.core.paypay.issueWithReference(ftDraft(t.core), 1, 30_000);
    expect(reference.reference).toMatch(/^\d{9}$/);
    const xml = await t.core.ilink.xml(doc.id);
    expect(xml).toContain(`#ENTITY@ATMPAYMENT#${reference.entity}`);
    expect(xml).toContain(`#REFERENCE@ATMPAYMENT#${reference.reference}#`);
  }, 90_000);
});
