import { afterEach, describe, expect, it } from 'vitest';
import { computeReadOnly } from '../../../electron/core/reports/eod/run';
import { createTestCore, type TestCore } from '../../helpers/core';
import { configure as configurePaypay, startSim as startPaypay } from '../paypay/helpers';
import { today } from '../reports/eod-helpers';
import { SIM_DEFAULTS } from '../../../electron/simulators/ilink/defaults';
import { configureForSim, documents, issueFt, simulator } from './ilink-helpers';

/**
 * Issue 11 review: a Multibanco reference created AFTER its FT was delivered to iLink. iLink does not let a
 * delivered document change (only a resend the customer asks for, "Regularizar"), so it is not re-sent: the
 * iLink history (back office) and the EOD iLink section say the document in iLink lacks it. Through the outbox
 * (the `ilink.send` job) against both simulators over real HTTP.
 */
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function setup(): Promise<{ t: TestCore; ilink: Awaited<ReturnType<typeof simulator>> }> {
  const paypay = await startPaypay();
  cleanups.push(() => paypay.close());
  const ilink = await simulator();
  cleanups.push(() => ilink.close());
  const t = await createTestCore({ cash: { settings: { kind: 'none' } } });
  cleanups.push(() => t.close());
  configurePaypay(t.core, paypay);
  configureForSim(t.core, ilink);
  return { t, ilink };
}

const ilinkConfig = (sim: Awaited<ReturnType<typeof simulator>>) => ({
  baseUrl: sim.baseUrl,
  auth: { mode: 'oauth2' as const, clientId: SIM_DEFAULTS.clientId, clientSecret: SIM_DEFAULTS.clientSecret },
  send: 'auto' as const,
  receive: false,
  pdf: false,
  timeoutMs: 2000,
});

const ilinkSection = (t: TestCore) =>
  computeReadOnly({
    dataDir: t.dataDir,
    terminalId: t.core.ctx.terminalId,
    day: today(),
    now: new Date().toISOString(),
    previous: null,
  }).sections.find((s) => s.id === 'ilink')!;

describe('Multibanco reference created after the FT went to iLink', () => {
  it('is not re-sent; the history and the EOD iLink section say the iLink document lacks it', async () => {
    const { t, ilink } = await setup();
    const ft = issueFt(t.core);
    await t.core.jobs.drain();
    expect(t.core.ilink.history()[0]).toMatchObject({ state: 'sent', error_code: null });
    const xmlBefore = await t.core.ilink.xml(ft.id);
    expect(xmlBefore).not.toContain('@ATMPAYMENT#');

    const ref = await t.core.paypay.referenceFor(ft.id, 30_000);
    expect(ref.reference).toMatch(/^\d{9}$/);
    await t.core.jobs.drain();

    // Not posted again: iLink still has the first and only version.
    const remote = (await documents(ilink)).issued.find((d) => d.number === ft.docNo)!;
    expect(remote.versions).toBe(1);
    // What we would send now has it; what iLink has does not, and the back office says so.
    expect(await t.core.ilink.xml(ft.id)).toContain(`#REFERENCE@ATMPAYMENT#${ref.reference}#`);
    const row = t.core.ilink.history().find((r) => r.document_id === ft.id)!;
    expect(row).toMatchObject({ state: 'sent', error_code: 'mb-after-send' });
    expect(row.error_message).toMatch(/criada depois do envio ao iLink: o documento no iLink não a tem/);
    const line = ilinkSection(t).lines.find((l) => l.key === `ilink:mb-after-send:${ft.id}`)!;
    expect(line).toMatchObject({
      item: expect.stringContaining(`${ft.docNo}`),
      light: 'explicadas',
      explanation: row.error_message,
    });
  }, 120_000);

  it('a reference that exists before the job runs goes in the XML the outbox delivers (nothing flagged)', async () => {
    const { t, ilink } = await setup();
    // Manual sending, so the delivery surely comes after the reference (the outbox job is queued by "Enviar agora").
    t.core.ilink.configure({ ...ilinkConfig(ilink), send: 'manual' });
    const ft = issueFt(t.core);
    const ref = await t.core.paypay.referenceFor(ft.id, 30_000);
    t.core.ilink.sendNow(ft.id);
    await t.core.jobs.drain({ force: ['ilink.send'] });
    const row = t.core.ilink.history().find((r) => r.document_id === ft.id)!;
    expect(row.state).toBe('sent');
    expect(row.error_code).toBeNull();
    expect(await t.core.ilink.xml(ft.id)).toContain(`#REFERENCE@ATMPAYMENT#${ref.reference}#`);
    expect(ilinkSection(t).lines.some((l) => l.key.startsWith('ilink:mb-after-send:'))).toBe(false);
  }, 120_000);
});
