import QRCode from 'qrcode';
import type { Bitmap } from '../layout/blocks';

/**
 * AT QR symbol rules (fiscal-pt.md §4.1): byte mode, error correction M, version 9 or higher, at least 30×30 mm,
 * quiet zone 2.5 mm. The version of a native Epson symbol is picked by the printer (the smallest that fits), so
 * the module size is chosen from the version the data needs to make the printed side ≥ 30 mm whatever it is;
 * the raster fallback also forces version ≥ 9.
 */
export const QR_MIN_VERSION = 9;
export const QR_MIN_MM = 30;

export interface QrMatrix {
  version: number;
  size: number;
  get(row: number, col: number): boolean;
}

export function qrMatrix(data: string, minVersion = QR_MIN_VERSION): QrMatrix {
  const segs = [{ data: new TextEncoder().encode(data), mode: 'byte' as const }];
  let q = QRCode.create(segs, { errorCorrectionLevel: 'M' });
  if (q.version < minVersion) q = QRCode.create(segs, { errorCorrectionLevel: 'M', version: minVersion });
  const m = q.modules;
  return { version: q.version, size: m.size, get: (r, c) => Boolean(m.get(r, c)) };
}

/** Modules per side the printer will use for `data` (auto version, as an Epson printer chooses). */
export const nativeQrModules = (data: string): number => qrMatrix(data, 1).size;

/**
 * Dots per module so the symbol is at least 30 mm wide but still fits the paper with its quiet zone.
 * Epson accepts 1–16.
 */
export function qrModuleDots(modules: number, printableDots: number, dotsPerMm: number): number {
  const want = Math.ceil((QR_MIN_MM * dotsPerMm) / modules);
  const quiet = Math.ceil(2.5 * dotsPerMm) * 2;
  const fit = Math.floor((printableDots - quiet) / modules);
  return Math.max(1, Math.min(16, want, fit));
}

/** Raster QR (fallback for printers without `GS ( k`), with the quiet zone, ready for `GS v 0`. */
export function qrBitmap(data: string, printableDots: number, dotsPerMm: number): Bitmap {
  const m = qrMatrix(data);
  const dots = qrModuleDots(m.size, printableDots, dotsPerMm);
  const quiet = Math.min(Math.ceil(2.5 * dotsPerMm), Math.floor((printableDots - m.size * dots) / 2));
  const width = m.size * dots + 2 * quiet;
  const height = width;
  const stride = Math.ceil(width / 8);
  const bits = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const r = Math.floor((y - quiet) / dots);
    if (y < quiet || r >= m.size) continue;
    for (let x = 0; x < width; x++) {
      const c = Math.floor((x - quiet) / dots);
      if (x < quiet || c >= m.size) continue;
      if (m.get(r, c)) bits[y * stride + (x >> 3)] |= 0x80 >> (x & 7);
    }
  }
  return { width, height, bits };
}
