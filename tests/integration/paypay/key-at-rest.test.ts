import { afterEach, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { PAYPAY_SETTING, readPaypayConfig } from '../../../electron/core/integrations/paypay/config';
import { SECRET_KEY_FILE } from '../../../electron/core/fiscal/secret-box';
import { writeSetting } from '../../../electron/core/system/settings';
import { createTestCore, type TestCore } from '../../helpers/core';
import { tempDir } from '../../helpers/tmp';
import { startSim } from './helpers';

/**
 * Issue 11 review: the PayPay private key at rest. On a real SQLite file in a real data folder, against the
 * simulator over HTTP: the stored setting holds it sealed (AES-256-GCM, the data folder's 0600 key file, as the
 * iLink secrets), no read channel returns it, and a key an earlier version stored in clear is sealed at the next
 * start — and still authenticates.
 */
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const rawSetting = (t: TestCore): string =>
  t.core.ctx.db.get(t.core.ctx.db.k.selectFrom('setting').select('value').where('key', '=', PAYPAY_SETTING))!
    .value;

describe('PayPay private key at rest', () => {
  it('is stored sealed, read back only inside the core, never returned by a read channel', async () => {
    const sim = await startSim();
    cleanups.push(() => sim.close());
    const t = await createTestCore();
    cleanups.push(() => t.close());
    const gerente = await t.login('gerente');
    const key = sim.credentials.privateKey;
    await t.call(
      'paypay/configure',
      {
        baseUrl: sim.baseUrl,
        platformCode: sim.credentials.platformCode,
        privateKey: key,
        nif: sim.credentials.clientId,
        mbType: 'NORMAL',
        validityDays: 10,
        mbwayEnabled: false,
        terminalUuid: null,
        webhookEnabled: false,
        webhookPort: null,
        webhookHost: '127.0.0.1',
      },
      gerente,
    );
    const stored = JSON.parse(rawSetting(t)) as { privateKey: string };
    expect(rawSetting(t)).not.toContain(key);
    expect(stored.privateKey).toMatch(/^aes256gcm:/);
    expect(fs.statSync(path.join(t.dataDir, SECRET_KEY_FILE)).mode & 0o777).toBe(0o600);
    // The core opens it for the partner: the credentials still authenticate over HTTP.
    expect(readPaypayConfig(t.core.ctx.db)?.privateKey).toBe(key);
    expect(await t.call('paypay/test-connection', {}, gerente)).toMatchObject({ ok: true });
    const view = await t.call('paypay/config', {}, gerente);
    expect(view.privateKeyStored).toBe(true);
    expect(JSON.stringify(view)).not.toContain(key);
    expect(JSON.stringify(view)).not.toContain(stored.privateKey);
  });

  it('a key stored in clear by an earlier version is sealed at the next start, and still works', async () => {
    const sim = await startSim();
    cleanups.push(() => sim.close());
    const tmp = tempDir();
    cleanups.push(tmp.cleanup);
    const key = sim.credentials.privateKey;
    let t = await createTestCore({ dataDir: tmp.dir });
    // What the previous version wrote: the same JSON, the key in clear.
    writeSetting(t.core.ctx.db, PAYPAY_SETTING, {
      baseUrl: sim.baseUrl,
      platformCode: sim.credentials.platformCode,
      privateKey: key,
      nif: sim.credentials.clientId,
    });
    expect(rawSetting(t)).toContain(key);
    await t.close();

    t = await createTestCore({ dataDir: tmp.dir });
    cleanups.push(() => t.close());
    expect(rawSetting(t)).not.toContain(key);
    expect((JSON.parse(rawSetting(t)) as { privateKey: string }).privateKey).toMatch(/^aes256gcm:/);
    const audit = t.core.ctx.db.all(
      t.core.ctx.db.k.selectFrom('audit_log').select('action').where('action', '=', 'paypay.key-sealed'),
    );
    expect(audit).toHaveLength(1);
    const gerente = await t.login('gerente');
    expect(await t.call('paypay/test-connection', {}, gerente)).toMatchObject({ ok: true });
  });

  it('a database copied without its data folder key file does not reveal the key (pt-PT refusal)', async () => {
    const t = await createTestCore();
    cleanups.push(() => t.close());
    const db = t.core.ctx.db;
    writeSetting(db, PAYPAY_SETTING, {
      baseUrl: 'http://127.0.0.1:1/',
      platformCode: 'P',
      privateKey: 'aes256gcm:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=',
      nif: '599999993',
    });
    expect(() => readPaypayConfig(db)).toThrow(/Não foi possível abrir a Private Key PayPay/);
  });
});
