import crypto from 'node:crypto';
import type { Db } from '../db/open';

/** The company logo as stored in Gestão › Empresa (company.logo_mime/logo_base64, migration 0680). */
export interface CompanyLogo {
  /** sha256 of the bytes: the key of the thermal raster cache (render/logo.ts). */
  readonly hash: string;
  readonly mime: 'image/png' | 'image/jpeg';
  readonly bytes: Buffer;
}

/** The receipt header/footer text of the company form → the lines it prints (trailing blanks dropped). */
export function textLines(text: string): string[] {
  const lines = text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((l) => l.trimEnd());
  while (lines.length && lines[lines.length - 1] === '') lines.pop();
  while (lines.length && lines[0] === '') lines.shift();
  return lines;
}

export interface Branding {
  readonly header: string[];
  readonly footer: string[];
  /** Capital social and Conservatória (CSC art. 171.º); null when not filled. */
  readonly shareCapital: string | null;
  readonly registryOffice: string | null;
}

/** What Gestão › Empresa says every printed document carries besides its fiscal content. */
export function companyBranding(db: Db): Branding {
  const r = db.get(
    db.k
      .selectFrom('company')
      .select(['receipt_header', 'receipt_footer', 'share_capital', 'registry_office'])
      .where('id', '=', 1),
  );
  return {
    header: textLines(r?.receipt_header ?? ''),
    footer: textLines(r?.receipt_footer ?? ''),
    shareCapital: r?.share_capital || null,
    registryOffice: r?.registry_office?.trim() || null,
  };
}

// The decoded bytes and hash of the last logo read, so a busy queue does not re-decode base64 per job.
let last: { base64: string; logo: CompanyLogo } | null = null;

/**
 * The company's current logo, what every receipt and A4 prints (ASSUMPTION: a job queued before the logo
 * changed prints the logo of the moment it prints; the logo is no fiscal content of the document).
 */
export function companyLogo(db: Db): CompanyLogo | null {
  const r = db.get(db.k.selectFrom('company').select(['logo_mime', 'logo_base64']).where('id', '=', 1));
  if (!r?.logo_base64 || (r.logo_mime !== 'image/png' && r.logo_mime !== 'image/jpeg')) return null;
  if (last?.base64 === r.logo_base64 && last.logo.mime === r.logo_mime) return last.logo;
  const bytes = Buffer.from(r.logo_base64, 'base64');
  const logo: CompanyLogo = {
    hash: crypto.createHash('sha256').update(bytes).digest('hex'),
    mime: r.logo_mime,
    bytes,
  };
  last = { base64: r.logo_base64, logo };
  return logo;
}
