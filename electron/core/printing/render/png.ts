import { PNG } from 'pngjs';
import { qrMatrix } from '../escpos/qr';
import type { Decoded, PaperItem, TextRun } from '../escpos/decoder';
import type { Align } from '../layout/blocks';
import { GLYPH_COLS, GLYPH_ROWS, glyph } from './font';

/**
 * Decoded paper → PNG, the virtual printer's output. One PNG pixel = one printer dot (203 dpi), so the
 * preview has the real proportions: Font A cells of 12×24 dots, lines every 30 dots, QR modules at the size
 * the printer was told to use.
 */
const CELL_W = 12;
const CELL_H = 24;
const LINE_H = 30;
const MARGIN = 16;

export interface RenderOptions {
  /** Printable width in dots (384 for 58 mm, 512/576 for 80 mm). */
  dots: number;
}

class Canvas {
  readonly rows: Uint8Array[] = [];
  constructor(readonly width: number) {}
  ensure(h: number): void {
    while (this.rows.length < h) this.rows.push(new Uint8Array(this.width));
  }
  set(x: number, y: number, on: boolean): void {
    if (x < 0 || x >= this.width || y < 0) return;
    this.ensure(y + 1);
    this.rows[y][x] = on ? 1 : 0;
  }
}

function xFor(align: Align, contentW: number, width: number): number {
  if (align === 'center') return Math.max(0, Math.floor((width - contentW) / 2));
  if (align === 'right') return Math.max(0, width - contentW);
  return 0;
}

function drawText(c: Canvas, y: number, runs: TextRun[], align: Align): number {
  const cells = runs.reduce((n, r) => n + [...r.text].length * (r.style.doubleWidth ? 2 : 1), 0);
  const tall = runs.some((r) => r.style.doubleHeight);
  const lineH = tall ? LINE_H + CELL_H : LINE_H;
  c.ensure(y + lineH);
  let x = xFor(align, cells * CELL_W, c.width);
  for (const r of runs) {
    const sx = r.style.doubleWidth ? 2 : 1;
    const sy = r.style.doubleHeight ? 2 : 1;
    const cellH = CELL_H * sy;
    const top = y + (tall ? 2 * CELL_H - cellH : 0);
    for (const ch of r.text) {
      const g = glyph(ch);
      const cw = CELL_W * sx;
      if (r.style.invert)
        for (let yy = 0; yy < cellH; yy++) for (let xx = 0; xx < cw; xx++) c.set(x + xx, top + yy, true);
      for (let gy = 0; gy < GLYPH_ROWS; gy++) {
        for (let gx = 0; gx < GLYPH_COLS; gx++) {
          if (!g[gy][gx]) continue;
          // Each glyph dot is 2×2 printer dots (×2 more when double); bold adds one dot to the right.
          const px = x + (1 + gx * 2) * sx;
          const py = top + (1 + gy * 2) * sy;
          const w = 2 * sx + (r.style.bold ? 1 : 0);
          for (let yy = 0; yy < 2 * sy; yy++)
            for (let xx = 0; xx < w; xx++) c.set(px + xx, py + yy, !r.style.invert);
        }
      }
      if (r.style.underline) for (let xx = 0; xx < cw; xx++) c.set(x + xx, top + cellH - 1, !r.style.invert);
      x += cw;
    }
  }
  return y + lineH;
}

function drawBits(
  c: Canvas,
  y: number,
  w: number,
  h: number,
  on: (x: number, y: number) => boolean,
  align: Align,
): number {
  const x0 = xFor(align, w, c.width);
  c.ensure(y + h);
  for (let yy = 0; yy < h; yy++) for (let xx = 0; xx < w; xx++) if (on(xx, yy)) c.set(x0 + xx, y + yy, true);
  return y + h;
}

function drawItem(c: Canvas, y: number, it: PaperItem): number {
  switch (it.kind) {
    case 'text':
      return drawText(c, y, it.runs, it.align);
    case 'feed':
      c.ensure(y + it.lines * LINE_H);
      return y + it.lines * LINE_H;
    case 'qr': {
      // A printer picks the smallest version that fits; do the same.
      const m = qrMatrix(it.data, 1);
      const d = it.moduleDots;
      const end = drawBits(
        c,
        y,
        m.size * d,
        m.size * d,
        (x, yy) => m.get(Math.floor(yy / d), Math.floor(x / d)),
        it.align,
      );
      return end + 8;
    }
    case 'raster': {
      const { width, height, bits } = it.bitmap;
      const stride = width / 8;
      return drawBits(
        c,
        y,
        width,
        height,
        (x, yy) => (bits[yy * stride + (x >> 3)] & (0x80 >> (x & 7))) !== 0,
        it.align,
      );
    }
    case 'cut': {
      // A dashed line where the blade cuts.
      c.ensure(y + 12);
      for (let x = 0; x < c.width; x++) if (x % 12 < 6) c.set(x, y + 6, true);
      return y + 12;
    }
    case 'drawer':
      return y;
  }
}

export function renderPng(decoded: Decoded, opts: RenderOptions): Buffer {
  const c = new Canvas(opts.dots);
  let y = 0;
  for (const it of decoded.items) y = drawItem(c, y, it);
  c.ensure(y + 1);
  const W = opts.dots + 2 * MARGIN;
  const H = c.rows.length + 2 * MARGIN;
  // Encode from a 1-byte-per-pixel grey buffer: pngjs then skips its per-pixel RGBA → grey conversion, and
  // filter 0 (None) skips its try-all-five-filters search per row. Together that took 70–115 ms of the core's
  // thread per receipt; mostly-white 1-bit-like rows deflate well without a filter.
  const grey = Buffer.alloc(W * H, 0xff);
  for (let yy = 0; yy < c.rows.length; yy++) {
    const row = c.rows[yy];
    const o = (yy + MARGIN) * W + MARGIN;
    for (let xx = 0; xx < c.width; xx++) if (row[xx]) grey[o + xx] = 0x20;
  }
  const png = new PNG();
  png.width = W;
  png.height = H;
  png.data = grey;
  return PNG.sync.write(png, { colorType: 0, inputColorType: 0, inputHasAlpha: false, filterType: 0 });
}
