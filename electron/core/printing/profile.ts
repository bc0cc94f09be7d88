import { z } from 'zod';

/**
 * What differs between thermal printers. Dots are at 203 dpi (8 dots/mm), the resolution of every
 * ESC/POS receipt printer in the seed list. Font A is 12×24 dots, so columns = printable dots / 12.
 */
export const PrinterProfile = z.object({
  /** 58 mm paper → 384 dots / 32 columns; 80 mm → 512 dots / 42 columns or 576 dots / 48 columns. */
  paper: z.enum(['58mm-32', '80mm-42', '80mm-48']).default('80mm-48'),
  codePage: z.enum(['pc858', 'wpc1252']).default('pc858'),
  /** `n` sent with `ESC t n` for the code page; Epson uses 19 for PC858. Clones vary [verify per model]. */
  codePageN: z.number().int().min(0).max(255).optional(),
  /** Native Epson `GS ( k` QR, or a raster image (`GS v 0`) for printers without a QR engine. */
  qr: z.enum(['native', 'raster']).default('native'),
  cutter: z.enum(['partial', 'full', 'none']).default('partial'),
  /** Lines fed before the cut so the last text clears the blade. */
  feedBeforeCut: z.number().int().min(0).max(10).default(4),
  /** Cash drawer: pin 2 (m=0) or pin 5 (m=1), pulse on/off in units of 2 ms (ESC p m t1 t2). */
  drawer: z
    .object({ pin: z.union([z.literal(2), z.literal(5)]), onMs: z.number().int(), offMs: z.number().int() })
    .nullable()
    .default({ pin: 2, onMs: 50, offMs: 500 }),
  // No logo here: the logo every printer prints is the company's (Gestão › Empresa, printing/branding.ts);
  // the former per-printer `logoPng` file path was moved there by migration 0740 (zod drops the key if met).
});
export type PrinterProfile = z.infer<typeof PrinterProfile>;
export type PrinterProfileInput = z.input<typeof PrinterProfile>;

export interface PaperGeometry {
  columns: number;
  /** Printable width in dots. */
  dots: number;
  dotsPerMm: number;
}

export function geometry(p: Pick<PrinterProfile, 'paper'>): PaperGeometry {
  switch (p.paper) {
    case '58mm-32':
      return { columns: 32, dots: 384, dotsPerMm: 8 };
    case '80mm-42':
      return { columns: 42, dots: 512, dotsPerMm: 8 };
    case '80mm-48':
      return { columns: 48, dots: 576, dotsPerMm: 8 };
  }
}

export const defaultProfile = (over: PrinterProfileInput = {}): PrinterProfile => PrinterProfile.parse(over);
