import { afterEach, describe, expect, it } from 'vitest';
import { createTestCore } from '../../helpers/core';
import { readPaypayConfig } from '../../../electron/core/integrations/paypay/config';
import type { PaypaySimulator } from '../../../electron/simulators/paypay';
import { startSim } from './helpers';

/**
 * Gestão › Integrações › PayPay (issue 11 item 6, paypay-office) through the dispatcher, against the simulator
 * over HTTP: the private key never comes back, "Testar ligação" is GET /entities/{NIF}, terminals are the
 * remote-capable ones, the webhook listener follows the settings, and a training terminal refuses any address
 * that is not this computer's (pt-PT), saving nothing.
 */
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const input = (sim: PaypaySimulator, extra: Record<string, unknown> = {}) => ({
  baseUrl: sim.baseUrl,
  platformCode: sim.credentials.platformCode,
  privateKey: sim.credentials.privateKey,
  nif: sim.credentials.clientId,
  mbType: 'NORMAL' as const,
  validityDays: 10,
  mbwayEnabled: true,
  terminalUuid: null,
  webhookEnabled: false,
  webhookPort: null,
  webhookHost: '127.0.0.1',
  ...extra,
});

async function setup() {
  const sim = await startSim();
  cleanups.push(() => sim.close());
  const t = await createTestCore();
  cleanups.push(() => t.close());
  return { sim, t, gerente: await t.login('gerente'), caixa: await t.login('caixa') };
}

describe('paypay/config, paypay/configure, paypay/test-connection, paypay/terminals', () => {
  it('saves the settings, never returns the private key, tests the entity and lists only Cloud terminals', async () => {
    const { sim, t, gerente, caixa } = await setup();
    expect(await t.call('paypay/config', {}, gerente)).toMatchObject({
      configured: false,
      privateKeyStored: false,
    });
    await expect(t.call('paypay/configure', input(sim), caixa)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const saved = await t.call('paypay/configure', input(sim), gerente);
    expect(saved).toMatchObject({
      configured: true,
      privateKeyStored: true,
      validityDays: 10,
      mbwayEnabled: true,
    });
    expect(JSON.stringify(saved)).not.toContain(sim.credentials.privateKey);
    expect(JSON.stringify(await t.call('paypay/config', {}, gerente))).not.toContain(
      sim.credentials.privateKey,
    );
    // The audit never holds the key either.
    const audit = t.core.ctx.db.all(t.core.ctx.db.k.selectFrom('audit_log').select('details'));
    expect(audit.some((a) => a.details.includes(sim.credentials.privateKey))).toBe(false);

    expect(await t.call('paypay/test-connection', {}, gerente)).toEqual({
      ok: true,
      message: 'Ligação testada: Loja Demonstração, Lda. (approved).',
    });
    expect(sim.requests.some((r) => r.path === `/entities/${sim.credentials.clientId}`)).toBe(true);

    const terms = await t.call('paypay/terminals', {}, gerente);
    expect(terms).toEqual({
      terminals: [{ uuid: sim.account.terminals[0].uuid, terminalId: '806030356', name: 'Balcão 1' }],
      standalone: 1,
    });
    // Saved again without a key: the stored one stays; the terminal is chosen.
    const again = await t.call(
      'paypay/configure',
      { ...input(sim, { terminalUuid: terms.terminals[0].uuid }), privateKey: '' },
      gerente,
    );
    expect(again.terminalUuid).toBe(terms.terminals[0].uuid);
    expect(readPaypayConfig(t.core.ctx.db)?.privateKey).toBe(sim.credentials.privateKey);
  });

  it('wrong credentials: "Testar ligação" says so in Portuguese (no exception)', async () => {
    const { sim, t, gerente } = await setup();
    await t.call('paypay/configure', input(sim, { nif: '500000000', privateKey: 'errada' }), gerente);
    const r = await t.call('paypay/test-connection', {}, gerente);
    expect(r.ok).toBe(false);
    expect(r.message).toContain('recusou as credenciais');
  });

  it('a training terminal refuses a non-loopback PayPay address or webhook bind address, and saves nothing', async () => {
    const { sim, t, gerente } = await setup();
    await expect(
      t.call('paypay/configure', input(sim, { baseUrl: 'https://paypay.pt/api' }), gerente),
    ).rejects.toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('modo formação') });
    await expect(
      t.call(
        'paypay/configure',
        input(sim, { webhookEnabled: true, webhookPort: 8443, webhookHost: '0.0.0.0' }),
        gerente,
      ),
    ).rejects.toMatchObject({
      code: 'VALIDATION',
      message: expect.stringContaining('recetor de webhooks só escuta neste computador'),
    });
    expect(readPaypayConfig(t.core.ctx.db)).toBeUndefined();
    // The first save needs a key; a webhook needs its port (the screen's own schema says so).
    await expect(
      t.call('paypay/configure', { ...input(sim), privateKey: '' }, gerente),
    ).rejects.toMatchObject({
      code: 'VALIDATION',
    });
    await expect(
      t.call('paypay/configure', input(sim, { webhookEnabled: true, webhookPort: null }), gerente),
    ).rejects.toMatchObject({ code: 'VALIDATION' });
  });

  it('the webhook listener follows the settings: on (loopback, a free port) → listening; off → closed', async () => {
    const { sim, t, gerente } = await setup();
    const port = await new Promise<number>((resolve) => {
      // A free port: listen on 0, read it, close.
      void import('node:net').then(({ default: net }) => {
        const s = net.createServer().listen(0, '127.0.0.1', () => {
          const p = (s.address() as { port: number }).port;
          s.close(() => resolve(p));
        });
      });
    });
    const on = await t.call(
      'paypay/configure',
      input(sim, { webhookEnabled: true, webhookPort: port }),
      gerente,
    );
    expect(on.webhookUrl).toContain(`127.0.0.1:${port}`);
    const bad = await fetch(`http://127.0.0.1:${port}/webhooks/paypay`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'paypay-signature': 'hash=00,ts=1' },
      body: '{}',
    });
    expect(bad.status).toBe(401);
    const off = await t.call('paypay/configure', input(sim), gerente);
    expect(off.webhookUrl).toBeNull();
    await expect(
      fetch(`http://127.0.0.1:${port}/webhooks/paypay`, { method: 'POST', body: '{}' }),
    ).rejects.toThrow();
  });
});
