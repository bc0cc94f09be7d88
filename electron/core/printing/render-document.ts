import { encode } from './escpos/encoder';
import * as cmd from './escpos/commands';
import { layoutReceipt } from './layout/receipt';
import { layoutShiftReport } from './layout/shift-report';
import type { PrintableDocument } from './printable';
import type { PrintableShiftReport } from './printable-report';
import { geometry, type PrinterProfile } from './profile';
import type { CompanyLogo } from './branding';
import { logoBitmap } from './render/logo';

/**
 * A document → the ESC/POS bytes for one printer profile (layout + encoder; pure). `logo` is the company logo
 * (branding.ts companyLogo), rasterised to this printer's dot width (cached per logo hash).
 */
export function receiptBytes(
  doc: PrintableDocument,
  profile: PrinterProfile,
  opts: { openDrawer?: boolean; logo?: CompanyLogo | null } = {},
): Uint8Array {
  const g = geometry(profile);
  const logo = opts.logo ? logoBitmap(opts.logo, g.dots) : null;
  return encode(layoutReceipt(doc, { columns: g.columns, logo, openDrawer: opts.openDrawer }), profile);
}

/** Just the drawer kick (ESC @, ESC p). */
export function drawerBytes(profile: PrinterProfile): Uint8Array {
  const d = profile.drawer ?? { pin: 2 as const, onMs: 50, offMs: 500 };
  return Uint8Array.from([...cmd.init(), ...cmd.drawerKick(d.pin, d.onMs, d.offMs)]);
}

/** An X/Z shift report → ESC/POS bytes (non-fiscal; no logo, no drawer kick). */
export function reportBytes(report: PrintableShiftReport, profile: PrinterProfile): Uint8Array {
  return encode(layoutShiftReport(report, { columns: geometry(profile).columns }), profile);
}
