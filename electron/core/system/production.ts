import type { ProductionCheck, ProductionReadiness } from '../../../shared/api/company';
import { CompanyProfile } from '../../../shared/api/company';
import { TerminalMode } from '../../../shared/api/system';
import { PosError } from '../../../shared/errors';
import { checkNif } from '../../../shared/fiscal/nif';
import { t } from '../../../shared/i18n';
import type { CoreContext } from '../context';
import { createKeyStore } from '../fiscal/keys';
import { createFileSecretBox } from '../fiscal/secret-box';
import { readSetting, SETTING, writeSetting } from './settings';

/** AT's test NIF of the demo company: a real terminal never issues under it. */
const DEMO_NIF = '599999993';

/**
 * The switch from training to production (issue 12 item 7). How the mode is decided today: `terminal.mode` in the
 * `setting` table, read once when the core starts (core.ts) into the frozen CoreContext — the series type (F/N),
 * the signing key's mode and the "Formação" marks all follow from it. So the switch writes that setting and
 * applies at the next start; nothing changes under a running till. It is refused unless every check passes:
 * company data complete and valid (not the demo company), NIF valid, software certificate number, a production
 * signing key imported, and at least one real (N) series with every active one holding its AT code.
 * ASSUMPTION: there is no way back from production here (a training terminal is a new installation).
 */
export function productionReadiness(ctx: CoreContext): ProductionReadiness {
  const { db } = ctx;
  const stored = readSetting(db, SETTING.mode, TerminalMode) ?? 'training';
  const c = db.get(db.k.selectFrom('company').selectAll().where('id', '=', 1));
  const checks: ProductionCheck[] = [];
  const add = (id: ProductionCheck['id'], ok: boolean, detail: string) =>
    checks.push({ id, label: t(`production.check.${id}`), ok, detail });

  const profile = c
    ? CompanyProfile.safeParse({
        name: c.name,
        nif: c.nif,
        address: c.address,
        postalCode: c.postal_code,
        city: c.city,
        shareCapital: c.share_capital ?? '',
        registryOffice: c.registry_office ?? '',
        certificateNumber: c.certificate_number,
        receiptHeader: c.receipt_header,
        receiptFooter: c.receipt_footer,
      })
    : null;
  add(
    'company',
    !!profile?.success,
    profile?.success ? t('production.ok') : (profile?.error.issues[0]?.message ?? t('company.missing')),
  );
  const nif = c ? checkNif(c.nif) : null;
  add(
    'nif',
    !!nif?.ok && c?.nif !== DEMO_NIF,
    !nif?.ok
      ? (nif?.message ?? t('company.missing'))
      : c?.nif === DEMO_NIF
        ? t('production.demoNif')
        : t('production.ok'),
  );
  const cert = c?.certificate_number ?? '';
  add(
    'certificate',
    /^\d{1,6}$/.test(cert) && cert !== '9999',
    cert === '9999'
      ? t('production.demoCertificate')
      : cert
        ? t('production.ok')
        : t('production.noCertificate'),
  );

  const key = db.get(
    db.k
      .selectFrom('fiscal_key')
      .select('version')
      .where('terminal_id', '=', ctx.terminalId)
      .where('mode', '=', 'production')
      .where('retired_at', 'is', null),
  );
  add('key', !!key, key ? t('production.keyVersion', { version: key.version }) : t('production.noKey'));

  const series = db.all(
    db.k
      .selectFrom('fiscal_series')
      .select(['doc_type', 'code', 'validation_code'])
      .where('terminal_id', '=', ctx.terminalId)
      .where('series_type', '=', 'N')
      .where('status', '=', 'A')
      .orderBy('doc_type'),
  );
  const missing = series.filter((s) => !s.validation_code).map((s) => `${s.doc_type} ${s.code}`);
  add(
    'series',
    series.length > 0 && missing.length === 0,
    series.length === 0
      ? t('production.noSeries')
      : missing.length
        ? t('production.seriesWithoutCode', { series: missing.join(', ') })
        : t('production.seriesOk', { n: series.length }),
  );
  return {
    mode: ctx.mode,
    pending: ctx.mode === 'training' && stored === 'production',
    checks,
    ready: checks.every((x) => x.ok),
  };
}

export function switchToProduction(ctx: CoreContext, operatorId: number): ProductionReadiness {
  const r = productionReadiness(ctx);
  if (ctx.mode === 'production') throw new PosError('CONFLICT', t('production.already'));
  if (!r.ready) {
    const failed = r.checks.filter((x) => !x.ok).map((x) => `${x.label}: ${x.detail}`);
    throw new PosError('FISCAL_RULE', t('production.refused', { list: failed.join('; ') }), {
      failed: r.checks.filter((x) => !x.ok).map((x) => x.id),
    });
  }
  ctx.db.tx(() => {
    writeSetting(ctx.db, SETTING.mode, 'production');
    ctx.audit('system.production-switch', operatorId, { appliesAt: 'next-start' });
  });
  return productionReadiness(ctx);
}

/**
 * Imports the production signing key while the terminal still trains (`balcao key import` imports for the
 * current mode): stored sealed like every key, for the mode it will sign in. The key checks (RSA-1024, signs
 * and verifies) are the key store's.
 */
export function importProductionKey(ctx: CoreContext, pem: string, operatorId: number): ProductionReadiness {
  const keys = createKeyStore({
    db: ctx.db,
    box: createFileSecretBox(ctx.dataDir),
    clock: ctx.clock,
    terminalId: ctx.terminalId,
    mode: 'production',
  });
  const r = keys.importKey(pem);
  ctx.audit('fiscal.key-import', operatorId, { version: r.version, mode: 'production', via: 'backoffice' });
  return productionReadiness(ctx);
}
