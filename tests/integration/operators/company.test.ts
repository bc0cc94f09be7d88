import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';
import { PosError } from '../../../shared/errors';
import { createTestCore, type TestCore } from '../../helpers/core';
import { openShift, PAO, payCash, salesCore } from '../sales/sales-helpers';
import { BACKUP_DIR, RESTORE_MARKER } from '../../../electron/core/system/backups';

/** Issue 12 item 7: company data, logo, series codes, the production switch and backups, on a real file. */
let tc: TestCore;
let gerente: string;
beforeEach(async () => {
  tc = await salesCore();
  gerente = await tc.login('gerente');
});
afterEach(async () => {
  await tc.close();
});

const refusal = async (p: Promise<unknown>): Promise<PosError> => {
  try {
    await p;
  } catch (e) {
    if (e instanceof PosError) return e;
    throw e;
  }
  throw new Error('expected a refusal');
};

const COMPANY = {
  name: 'Drogaria Central, Lda.',
  nif: '503504564',
  address: 'Rua do Ouro, 12',
  postalCode: '1100-060',
  city: 'Lisboa',
  shareCapital: '5000.00',
  registryOffice: 'Conservatória do Registo Comercial de Lisboa',
  certificateNumber: '1234',
  receiptHeader: 'Aberto todos os dias',
  receiptFooter: 'Obrigado pela preferência\nTrocas em 15 dias',
};

const pngBase64 = (): string => {
  const png = new PNG({ width: 16, height: 8 });
  png.data.fill(0);
  return PNG.sync.write(png).toString('base64');
};

describe('company', () => {
  it('saves the company data, audited old → new, and refuses a NIF with a wrong check digit', async () => {
    const v = await tc.call('company/save', COMPANY, gerente);
    expect(v.profile).toMatchObject({ ...COMPANY, nif: '503504564' });
    const audit = tc.core.ctx.db.all(
      tc.core.ctx.db.k.selectFrom('audit_log').selectAll().where('action', '=', 'company.updated'),
    );
    expect(JSON.parse(audit[0].details).changes).toEqual(
      expect.arrayContaining([{ field: 'nif', from: '599999993', to: '503504564' }]),
    );
    const bad = await refusal(tc.call('company/save', { ...COMPANY, nif: '503504565' }, gerente));
    expect(bad.code).toBe('VALIDATION');
    expect(bad.message).toMatch(/dígito de controlo/);
    expect(
      (await refusal(tc.call('company/save', { ...COMPANY, postalCode: '1100' }, gerente))).message,
    ).toMatch(/NNNN-NNN/);
    // A caixa is refused by the policy, before anything is looked at.
    const caixa = await tc.login('caixa');
    expect((await refusal(tc.call('company/save', COMPANY, caixa))).code).toBe('FORBIDDEN');
    expect((await tc.call('company/get', {}, gerente)).profile.name).toBe(COMPANY.name);
  });

  it('takes a PNG or JPEG logo up to 200 KB and refuses what is not one', async () => {
    const b64 = pngBase64();
    const v = await tc.call('company/set-logo', { logo: { mime: 'image/png', base64: b64 } }, gerente);
    expect(v.logo).toMatchObject({ mime: 'image/png', base64: b64 });
    const notPng = Buffer.from('GIF89a not a png at all').toString('base64');
    expect(
      (await refusal(tc.call('company/set-logo', { logo: { mime: 'image/png', base64: notPng } }, gerente)))
        .message,
    ).toMatch(/PNG ou JPEG/);
    const big = Buffer.alloc(300 * 1024, 1).toString('base64');
    expect(
      (await refusal(tc.call('company/set-logo', { logo: { mime: 'image/jpeg', base64: big } }, gerente)))
        .message,
    ).toMatch(/200 KB/);
    expect((await tc.call('company/set-logo', { logo: null }, gerente)).logo).toBeNull();
  });
});

describe('series', () => {
  it('a real series opened in training gets its AT code, which can be corrected until the series is used', async () => {
    const s = await tc.call(
      'fiscal/open-series',
      { docType: 'FS', code: 'LJ2026', seriesType: 'N', validationCode: '' },
      gerente,
    );
    expect(s).toMatchObject({ seriesType: 'N', validationCode: null, lastNumber: 0 });
    expect(
      (await refusal(tc.call('fiscal/set-series-code', { id: s.id, validationCode: 'abc' }, gerente))).code,
    ).toBe('VALIDATION');
    await tc.call('fiscal/set-series-code', { id: s.id, validationCode: 'AAJFJ4VH' }, gerente);
    const fixed = await tc.call('fiscal/set-series-code', { id: s.id, validationCode: 'BBJFJ4VH' }, gerente);
    expect(fixed.validationCode).toBe('BBJFJ4VH');
    const list = await tc.call('fiscal/list-series', {}, gerente);
    expect(list.find((x) => x.id === s.id)).toMatchObject({ code: 'LJ2026', validationCode: 'BBJFJ4VH' });
  });

  it('a training series carries a generated code that is never replaced', async () => {
    const caixa = await tc.login('caixa');
    await openShift(tc, caixa);
    await tc.call('sales/add-line', { articleId: PAO.id }, caixa);
    await payCash(tc, caixa);
    const used = (await tc.call('fiscal/list-series', {}, gerente)).find((x) => x.lastNumber > 0);
    expect(used).toMatchObject({ seriesType: 'F' });
    expect(
      (
        await refusal(
          tc.call('fiscal/set-series-code', { id: used!.id, validationCode: 'CCJFJ4VH' }, gerente),
        )
      ).message,
    ).toMatch(/formação/);
  });
});

describe('production switch', () => {
  it('lists what is missing and refuses; with everything in place it is written for the next start', async () => {
    const first = await tc.call('system/production-check', {}, gerente);
    expect(first.ready).toBe(false);
    expect(first.checks.filter((c) => !c.ok).map((c) => c.id)).toEqual([
      'nif',
      'certificate',
      'key',
      'series',
    ]);
    const refused = await refusal(tc.call('system/switch-to-production', { confirm: true }, gerente));
    expect(refused.code).toBe('FISCAL_RULE');
    expect(refused.message).toMatch(/Ainda não é possível passar a produção/);

    await tc.call('company/save', COMPANY, gerente);
    const { privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 1024 });
    const pem = privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
    const afterKey = await tc.call('system/import-production-key', { pem }, gerente);
    expect(afterKey.checks.find((c) => c.id === 'key')?.ok).toBe(true);
    const fs1 = await tc.call(
      'fiscal/open-series',
      { docType: 'FS', code: 'LJ2026', seriesType: 'N', validationCode: '' },
      gerente,
    );
    const stillMissing = await tc.call('system/production-check', {}, gerente);
    expect(stillMissing.checks.find((c) => c.id === 'series')).toMatchObject({
      ok: false,
      detail: expect.stringContaining('FS LJ2026'),
    });
    await tc.call('fiscal/set-series-code', { id: fs1.id, validationCode: 'AAJFJ4VH' }, gerente);
    const ft = await tc.call(
      'fiscal/open-series',
      { docType: 'FT', code: 'LJ2026', seriesType: 'N', validationCode: 'BBJFJ4VH' },
      gerente,
    );

    const done = await tc.call('system/switch-to-production', { confirm: true }, gerente);
    expect(done).toMatchObject({ mode: 'training', pending: true, ready: true });
    // Nothing changes under the running till: it still trains until the next start.
    expect(tc.core.ctx.mode).toBe('training');
    const dir = tc.dataDir;
    await tc.core.stop('test');
    const next = await createTestCore({ dataDir: dir, cash: { settings: { kind: 'none' } } });
    try {
      expect(next.core.ctx.mode).toBe('production');
      // In production the real series signs; once it has a document its AT code is fixed.
      const doc = next.core.fiscal.issue({ type: 'FT', lines: [{ articleId: PAO.id, quantity: '1' }] }, 2);
      expect(doc.atcud).toBe('BBJFJ4VH-1');
      const g = await next.login('gerente');
      const e = await refusal(
        next.call('fiscal/set-series-code', { id: ft.id, validationCode: 'CCJFJ4VH' }, g),
      );
      expect(e).toMatchObject({ code: 'CONFLICT' });
      expect(e.message).toMatch(/já tem documentos/);
      // The database refuses it too, behind the core's back.
      const raw = next.core.ctx.db.sqlite.prepare(
        'update fiscal_series set validation_code = ? where id = ?',
      );
      expect(() => raw.run('ZZJFJ4VH', ft.id)).toThrow(/fixed once the series has documents/);
      expect(
        (await next.call('fiscal/set-series-code', { id: ft.id, validationCode: 'BBJFJ4VH' }, g))
          .validationCode,
      ).toBe('BBJFJ4VH');
    } finally {
      await next.core.stop('test');
    }
    tc = await salesCore();
  });
});

describe('backups', () => {
  it('"Criar cópia" writes a verified copy; "Restaurar" is planned and happens at the next start', async () => {
    const caixa = await tc.login('caixa');
    await openShift(tc, caixa);
    await tc.call('sales/add-line', { articleId: PAO.id }, caixa);
    await payCash(tc, caixa);
    const b = await tc.call('backups/create', {}, gerente);
    expect(b).toMatchObject({ integrity: 'ok', documents: 1 });
    expect(fs.existsSync(path.join(tc.dataDir, BACKUP_DIR, b.file))).toBe(true);
    // A second sale after the copy.
    await tc.call('sales/add-line', { articleId: PAO.id }, caixa);
    await payCash(tc, caixa);
    expect((await tc.call('backups/list', {}, gerente)).backups.map((x) => x.file)).toContain(b.file);
    expect(
      (await refusal(tc.call('backups/restore', { file: '../balcao.sqlite', confirm: true }, gerente))).code,
    ).toBe('VALIDATION');
    expect((await refusal(tc.call('backups/restore', { file: b.file, confirm: true }, caixa))).code).toBe(
      'FORBIDDEN',
    );

    const planned = await tc.call('backups/restore', { file: b.file, confirm: true }, gerente);
    expect(planned.restorePending).toBe(b.file);
    // The live database is untouched while open.
    const count = () =>
      Number(
        tc.core.ctx.db.get(
          tc.core.ctx.db.k.selectFrom('fiscal_document').select((e) => e.fn.countAll<number>().as('n')),
        )?.n,
      );
    expect(count()).toBe(2);
    expect(fs.existsSync(path.join(tc.dataDir, RESTORE_MARKER))).toBe(true);

    const dir = tc.dataDir;
    await tc.core.stop('test');
    const next = await createTestCore({ dataDir: dir, cash: { settings: { kind: 'none' } } });
    try {
      const db = next.core.ctx.db;
      expect(
        Number(db.get(db.k.selectFrom('fiscal_document').select((e) => e.fn.countAll<number>().as('n')))?.n),
      ).toBe(1);
      expect(fs.existsSync(path.join(dir, RESTORE_MARKER))).toBe(false);
      expect(fs.readdirSync(dir).some((f) => /^balcao\.sqlite\.before-restore-/.test(f))).toBe(true);
      expect(
        db.all(db.k.selectFrom('audit_log').selectAll().where('action', '=', 'backup.restored')),
      ).toHaveLength(1);
    } finally {
      await next.core.stop('test');
    }
    tc = await salesCore();
  });
});
