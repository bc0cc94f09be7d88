import fs from 'node:fs';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';

// Frozen in time: this migration declares what it needs and imports no app code.
/* eslint-disable @typescript-eslint/no-explicit-any */
/**
 * Issue 12 (bo-print): one logo, the company's.
 * - The printer profile's `logoPng` (a PNG file path per printer, from before Gestão › Empresa had a logo)
 *   leaves every `printer.profile`: what prints now is the company logo (company.logo_*, 0680) on every printer
 *   and on the A4. A path that still names a readable PNG (≤ 200 KB, as the company form accepts) becomes the
 *   company logo when the company has none, so an installation that printed a logo keeps printing it.
 *   ASSUMPTION: a relative path is taken from the working directory, as the printer read it.
 * - `customer_code_locked`: a customer's code is its SAF-T CustomerID (fiscal/saft/customer-id.ts), so it is
 *   fixed once the customer is on a document, as its NIF (0100) — past periods keep exporting the same id.
 * Re-runnable (tests/integration/fiscal/seal-upgrade.test.ts undoes the migrations after 0500 and runs them again).
 */
const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const LOGO_MAX_BYTES = 200 * 1024;

function readPng(file: unknown): Buffer | null {
  if (typeof file !== 'string' || file === '') return null;
  try {
    const bytes = fs.readFileSync(path.resolve(file));
    if (bytes.length === 0 || bytes.length > LOGO_MAX_BYTES) return null;
    return bytes.subarray(0, 8).equals(PNG_MAGIC) ? bytes : null;
  } catch {
    return null;
  }
}

export async function up(db: Kysely<any>): Promise<void> {
  const printers = await sql<{ id: string; profile: string }>`select id, profile from printer`.execute(db);
  const company = await sql<{
    logo_base64: string | null;
  }>`select logo_base64 from company where id = 1`.execute(db);
  let companyHasLogo = company.rows.length === 0 || company.rows[0]!.logo_base64 !== null;
  for (const p of printers.rows) {
    let profile: Record<string, unknown>;
    try {
      profile = JSON.parse(p.profile) as Record<string, unknown>;
    } catch {
      continue; // a broken row is reported by the printer store, as before
    }
    if (!profile || typeof profile !== 'object' || !('logoPng' in profile)) continue;
    if (!companyHasLogo) {
      const png = readPng(profile.logoPng);
      if (png) {
        await sql`update company set logo_mime = 'image/png', logo_base64 = ${png.toString('base64')}
          where id = 1`.execute(db);
        companyHasLogo = true;
      }
    }
    delete profile.logoPng;
    await sql`update printer set profile = ${JSON.stringify(profile)} where id = ${p.id}`.execute(db);
  }
  await sql`create trigger if not exists customer_code_locked before update of code on customer
    when old.code is not null and new.code is not old.code
      and exists (select 1 from fiscal_document where customer_id = old.id)
    begin select raise(abort, 'the customer code is its SAF-T CustomerID: locked once documents exist'); end`.execute(
    db,
  );
}
