/**
 * ESC/POS command bytes (Epson "ESC/POS Application Programming Guide" numbering). Pure builders, no I/O.
 * Only the subset Balcão sends; the decoder in ./decoder.ts understands the same subset.
 */
export const ESC = 0x1b;
export const GS = 0x1d;
export const DLE = 0x10;
export const LF = 0x0a;

export const init = (): number[] => [ESC, 0x40]; // ESC @
export const selectCodePage = (n: number): number[] => [ESC, 0x74, n]; // ESC t n
export const align = (a: 'left' | 'center' | 'right'): number[] => [
  ESC,
  0x61,
  a === 'left' ? 0 : a === 'center' ? 1 : 2,
];
export const bold = (on: boolean): number[] => [ESC, 0x45, on ? 1 : 0]; // ESC E n
export const underline = (on: boolean): number[] => [ESC, 0x2d, on ? 1 : 0]; // ESC - n
export const invert = (on: boolean): number[] => [GS, 0x42, on ? 1 : 0]; // GS B n
/** GS ! n: bits 4–6 width multiplier − 1, bits 0–2 height multiplier − 1. */
export const charSize = (w: 1 | 2, h: 1 | 2): number[] => [GS, 0x21, ((w - 1) << 4) | (h - 1)];
export const feedLines = (n: number): number[] => [ESC, 0x64, n]; // ESC d n
/** GS V m: 0 full cut, 1 partial cut. */
export const cut = (mode: 'full' | 'partial'): number[] => [GS, 0x56, mode === 'full' ? 0 : 1];
/** ESC p m t1 t2: pulse on pin 2 (m=0) or 5 (m=1); t in units of 2 ms. */
export const drawerKick = (pin: 2 | 5, onMs: number, offMs: number): number[] => [
  ESC,
  0x70,
  pin === 2 ? 0 : 1,
  Math.min(255, Math.max(1, Math.round(onMs / 2))),
  Math.min(255, Math.max(1, Math.round(offMs / 2))),
];

/** GS ( k with function code cn=49 ('1', QR). pL pH count the bytes after themselves. */
function gsK(fn: number, params: number[]): number[] {
  const len = params.length + 2;
  return [GS, 0x28, 0x6b, len & 0xff, (len >> 8) & 0xff, 0x31, fn, ...params];
}

/** Epson native QR: model 2, module size, ECC M, store (byte data), print. toolchain.md §4 table. */
export function qrNative(data: Uint8Array, moduleDots: number): number[] {
  return [
    ...gsK(0x41, [0x32, 0x00]), // fn 165: model 2
    ...gsK(0x43, [moduleDots]), // fn 167: module size in dots
    ...gsK(0x45, [0x31]), // fn 169: error correction M (AT spec §2: level M)
    ...gsK(0x50, [0x30, ...data]), // fn 180: store data
    ...gsK(0x51, [0x30]), // fn 181: print
  ];
}

/** GS v 0 m xL xH yL yH d…: raster bit image, 1 = black, MSB = leftmost dot; x in bytes, y in dots. */
export function rasterImage(bytesPerRow: number, rows: number, data: Uint8Array): number[] {
  return [GS, 0x76, 0x30, 0, bytesPerRow & 0xff, bytesPerRow >> 8, rows & 0xff, rows >> 8, ...data];
}

/** DLE EOT n: real-time status (1 printer, 2 offline cause, 3 error cause, 4 roll paper sensor). */
export const statusQuery = (n: 1 | 2 | 3 | 4): number[] => [DLE, 0x04, n];
