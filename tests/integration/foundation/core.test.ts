import { afterEach, describe, expect, it } from 'vitest';
import { createTestCore, type TestCore } from '../../helpers/core';
import { PosError } from '../../../shared/errors';

let tc: TestCore;
afterEach(async () => tc?.close());

describe('core on a fresh data folder', () => {
  it('creates the embedded training terminal', async () => {
    tc = await createTestCore();
    const info = await tc.call('system/info', {});
    expect(info.mode).toBe('training');
    expect(info.company.nif).toBe('599999993');
    const ops = await tc.call('auth/list-operators', {});
    expect(ops.map((o) => o.role)).toEqual(['caixa', 'gerente']);
    const s = await tc.login();
    const count = await tc.call('catalog/count', {}, s);
    expect(count.total).toBeGreaterThanOrEqual(55);
    const favs = await tc.call('catalog/search', { favouritesOnly: true }, s);
    expect(favs.length).toBeGreaterThan(5);
    const rates = tc.core.ctx.db.sqlite
      .prepare("select percentage from tax_rate where region='PT' order by code")
      .all();
    expect(rates).toEqual([{ percentage: '13' }, { percentage: '23' }, { percentage: '6' }]);
    const exempt = await tc.call('catalog/search', { query: 'Selo' }, s);
    expect(exempt[0]).toMatchObject({ taxCode: 'ISE', exemptionCode: 'M07' });
  });

  it('keeps data across restarts and does not reseed', async () => {
    tc = await createTestCore();
    const dir = tc.dataDir;
    await tc.core.stop();
    const again = await createTestCore({ dataDir: dir });
    expect((await again.call('auth/list-operators', {})).length).toBe(2);
    const n = again.core.ctx.db.sqlite.prepare('select count(*) as n from company').get() as { n: number };
    expect(n.n).toBe(1);
    await again.core.stop();
  });
});

describe('dispatcher', () => {
  it('refuses unknown channels and prototype keys without hanging', async () => {
    tc = await createTestCore();
    for (const name of ['nope/x', '__proto__', 'constructor', 'toString', '']) {
      const env = await tc.core.dispatch(name, {}, { transport: 'test' });
      expect(env).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    }
  });

  it('validates input before the handler and answers in Portuguese', async () => {
    tc = await createTestCore();
    const env = await tc.core.dispatch('auth/login', { operatorId: 'um', pin: 12 }, { transport: 'test' });
    expect(env.ok).toBe(false);
    if (!env.ok) {
      expect(env.error.code).toBe('VALIDATION');
      expect(env.error.message).toMatch(/Dados inválidos/);
      expect(env.error.op).toBe('auth/login');
    }
    const extra = await tc.core.dispatch('system/info', { evil: true }, { transport: 'test' });
    expect(extra).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });

  it('enforces access: operator channels need a session, manager channels a gerente', async () => {
    tc = await createTestCore();
    await expect(tc.call('catalog/count', {})).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    await expect(tc.call('catalog/count', {}, 'forged-token')).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
    });
    const s = await tc.login('caixa');
    await tc.call('auth/logout', {}, s);
    await expect(tc.call('catalog/count', {}, s)).rejects.toBeInstanceOf(PosError);
  });
});

describe('operators', () => {
  it('rejects a wrong PIN and locks after five attempts', async () => {
    tc = await createTestCore();
    for (let i = 0; i < 4; i++) {
      await expect(tc.call('auth/login', { operatorId: 1, pin: '0000' })).rejects.toMatchObject({
        code: 'UNAUTHENTICATED',
        message: 'PIN incorreto.',
      });
    }
    await expect(tc.call('auth/login', { operatorId: 1, pin: '0000' })).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
    });
    await expect(tc.call('auth/login', { operatorId: 1, pin: '1111' })).rejects.toMatchObject({
      code: 'RATE_LIMITED',
    });
    const audit = tc.core.ctx.db.sqlite
      .prepare("select count(*) as n from audit_log where action = 'auth.pin-failed'")
      .get() as { n: number };
    expect(audit.n).toBe(5);
  });

  it('verifies a manager PIN for approvals and refuses a cashier PIN', async () => {
    tc = await createTestCore();
    const s = await tc.login('caixa');
    expect(await tc.call('auth/verify-manager', { pin: '9999' }, s)).toMatchObject({ role: 'gerente' });
    await expect(tc.call('auth/verify-manager', { pin: '1111' }, s)).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
  });

  it('sessions survive a restart of the core', async () => {
    tc = await createTestCore();
    const s = await tc.login();
    const dir = tc.dataDir;
    await tc.core.stop();
    const again = await createTestCore({ dataDir: dir });
    expect((await again.call('auth/whoami', {}, s)).operator.name).toBe('Ana Caixa');
    await again.core.stop();
  });
});

describe('catalogue', () => {
  it('finds by barcode, including weight-embedded codes', async () => {
    tc = await createTestCore();
    const s = await tc.login();
    const hit = await tc.call('catalog/by-barcode', { barcode: '5601234100013' }, s);
    expect(hit.article.name).toMatch(/Pão de forma/);
    const kg = (await tc.call('catalog/search', { query: 'Queijo da Serra' }, s))[0];
    const body = `${kg.barcode!.slice(0, 7)}01250`;
    const { eanCheckDigit } = await import('../../../shared/ean');
    const weighed = await tc.call('catalog/by-barcode', { barcode: body + eanCheckDigit(body) }, s);
    expect(weighed).toMatchObject({ quantity: '1.250', price: null });
    expect(weighed.article.id).toBe(kg.id);
    await expect(tc.call('catalog/by-barcode', { barcode: '5600000000000' }, s)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});
