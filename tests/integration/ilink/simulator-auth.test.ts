import { afterEach, describe, expect, it } from 'vitest';
import { ilinkSignature } from '../../../electron/core/integrations/ilink/wire/signature';
import { SIM_DEFAULTS, type IlinkSimulator } from '../../../electron/simulators/ilink';
import { createTestCore } from '../../helpers/core';
import { documents, issueFt, simulator } from './ilink-helpers';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function token(sim: IlinkSimulator, o: { ts?: number; nonce?: string; secret?: string } = {}) {
  const ts = o.ts ?? Math.floor(Date.now() / 1000);
  const nonce = o.nonce ?? `n${Math.random().toString(36).slice(2, 12)}`;
  const body = new URLSearchParams({
    grant_type: 'client_credentials',
    client_id: 'demoapp',
    timestamp: String(ts),
    nonce,
    signature: ilinkSignature('demoapp', o.secret ?? 'qwerty', ts, nonce),
  });
  const res = await fetch(`${sim.baseUrl}/oauth2/token`, { method: 'POST', body });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

describe('iLink simulator: authentication as documented', () => {
  it('checks the signature, the timestamp window and refuses a reused nonce', async () => {
    const sim = await simulator();
    cleanups.push(() => sim.close());
    const ok = await token(sim, { nonce: 'aYb89a8yf10' });
    expect(ok.status).toBe(200);
    expect(ok.json).toMatchObject({ token_type: 'Bearer', expires_in: 1800 });
    expect((await token(sim, { nonce: 'aYb89a8yf10' })).json).toMatchObject({
      success: false,
      errors: [{ code: 'e069' }],
    });
    expect((await token(sim, { secret: 'wrong' })).status).toBe(401);
    expect((await token(sim, { ts: Math.floor(Date.now() / 1000) - 3600 })).status).toBe(401);
    // A document call without a token: 401 e069 in iLink's envelope.
    const res = await fetch(`${sim.baseUrl}/apps/documents`);
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({
      success: false,
      errors: [{ code: 'e069', msg: 'Invalid authentication' }],
    });
  });

  it('legacy mode: handshake with NIF + public key, then the entity header; e199 for another NIF', async () => {
    const sim = await simulator({
      legacyKeys: [
        { publicKey: SIM_DEFAULTS.publicKey, nif: SIM_DEFAULTS.nif },
        { publicKey: 'chave-outra', nif: '501964843' },
      ],
    });
    cleanups.push(() => sim.close());
    const t = await createTestCore({ cash: { settings: { kind: 'none' } } });
    cleanups.push(() => t.close());
    t.core.ilink.configure({
      baseUrl: sim.baseUrl,
      auth: {
        mode: 'legacy',
        token: SIM_DEFAULTS.legacyToken,
        publicKey: SIM_DEFAULTS.publicKey,
        nif: SIM_DEFAULTS.nif,
      },
      send: 'auto',
      pdf: false,
    });
    expect(await t.core.ilink.testConnection()).toMatchObject({ ok: true });
    const a = issueFt(t.core);
    await t.core.jobs.drain();
    expect(t.core.ilink.store.get(a.id)?.state).toBe('sent');
    expect(t.core.ilink.config().handshakeKey).toBe(SIM_DEFAULTS.publicKey);

    // The same terminal acting with another NIF's key: the document's supplier is not that entity.
    t.core.ilink.configure({
      auth: { mode: 'legacy', token: SIM_DEFAULTS.legacyToken, publicKey: 'chave-outra', nif: '501964843' },
    });
    const b = issueFt(t.core);
    await t.core.jobs.drain();
    expect(t.core.ilink.store.get(b.id)).toMatchObject({
      state: 'failed',
      error_code: 'e199',
      error_message: expect.stringMatching(/NIF do emitente/),
    });
    expect((await documents(sim)).issued.map((d) => d.number)).toEqual([a.docNo]);
  });
});
