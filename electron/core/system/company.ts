import { PNG } from 'pngjs';
import type { CompanyProfile, CompanyView } from '../../../shared/api/company';
import { LOGO_MAX_BYTES } from '../../../shared/api/company';
import { PosError } from '../../../shared/errors';
import { t } from '../../../shared/i18n';
import type { CoreContext } from '../context';

/**
 * The company row (one, id 1) as Gestão › Empresa edits it (issue 12 item 7). Every save is audited with the
 * fields that changed (old → new). The NIF is the identity of every document and SAF-T file: once a real
 * (non-training) document exists it cannot change here (a new company is a new installation).
 */
export interface CompanyAdmin {
  get(): CompanyView;
  save(operatorId: number, profile: CompanyProfile): CompanyView;
  setLogo(operatorId: number, logo: { mime: 'image/png' | 'image/jpeg'; base64: string } | null): CompanyView;
}

export function createCompanyAdmin(ctx: CoreContext): CompanyAdmin {
  const { db } = ctx;
  const row = () => {
    const r = db.get(db.k.selectFrom('company').selectAll().where('id', '=', 1));
    if (!r) throw new PosError('NOT_FOUND', t('company.missing'));
    return r;
  };
  const profileOf = (r: ReturnType<typeof row>): CompanyProfile => ({
    name: r.name,
    nif: r.nif,
    address: r.address,
    postalCode: r.postal_code,
    city: r.city,
    shareCapital: r.share_capital,
    registryOffice: r.registry_office,
    certificateNumber: r.certificate_number,
    receiptHeader: r.receipt_header,
    receiptFooter: r.receipt_footer,
  });
  const get = (): CompanyView => {
    const r = row();
    return {
      profile: profileOf(r),
      country: r.country,
      taxRegion: r.tax_region,
      softwareName: r.software_name,
      logo:
        r.logo_mime && r.logo_base64
          ? { mime: r.logo_mime, base64: r.logo_base64, bytes: Buffer.from(r.logo_base64, 'base64').length }
          : null,
    };
  };
  const realDocuments = (): number =>
    db.get(
      db.k
        .selectFrom('fiscal_document')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('training', '=', 0),
    )?.n ?? 0;

  return {
    get,
    save(operatorId, p) {
      return db.tx(() => {
        const before = profileOf(row());
        if (before.nif !== p.nif && realDocuments() > 0)
          throw new PosError('FISCAL_RULE', t('company.nifFrozen'));
        const changes = (Object.keys(p) as Array<keyof CompanyProfile>).filter((k) => before[k] !== p[k]);
        if (changes.length === 0) return get();
        db.run(
          db.k
            .updateTable('company')
            .set({
              name: p.name,
              nif: p.nif,
              address: p.address,
              postal_code: p.postalCode,
              city: p.city,
              share_capital: p.shareCapital,
              registry_office: p.registryOffice,
              certificate_number: p.certificateNumber,
              receipt_header: p.receiptHeader,
              receipt_footer: p.receiptFooter,
            })
            .where('id', '=', 1),
        );
        ctx.audit('company.updated', operatorId, {
          changes: changes.map((k) => ({ field: k, from: before[k], to: p[k] })),
        });
        return get();
      });
    },
    setLogo(operatorId, logo) {
      if (logo) checkLogo(logo.mime, Buffer.from(logo.base64, 'base64'));
      db.run(
        db.k
          .updateTable('company')
          .set({ logo_mime: logo?.mime ?? null, logo_base64: logo?.base64 ?? null })
          .where('id', '=', 1),
      );
      ctx.audit(logo ? 'company.logo-set' : 'company.logo-removed', operatorId, {
        mime: logo?.mime ?? null,
        bytes: logo ? Buffer.from(logo.base64, 'base64').length : 0,
      });
      return get();
    },
  };
}

/** The bytes are what the type says (magic numbers; a PNG must also decode, as the receipt prints it). */
export function checkLogo(mime: 'image/png' | 'image/jpeg', bytes: Buffer): void {
  if (bytes.length === 0 || bytes.length > LOGO_MAX_BYTES)
    throw new PosError('VALIDATION', t('company.logoSize', { kb: LOGO_MAX_BYTES / 1024 }));
  const png = bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  const jpeg = bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
  if ((mime === 'image/png' && !png) || (mime === 'image/jpeg' && !jpeg))
    throw new PosError('VALIDATION', t('company.logoType'));
  if (png) {
    try {
      const img = PNG.sync.read(bytes);
      if (img.width > 2000 || img.height > 2000) throw new Error('too big');
    } catch {
      throw new PosError('VALIDATION', t('company.logoBroken'));
    }
  }
}
