import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { qrMatrix } from '../../../electron/core/printing/escpos/qr';
import { glyph, hasGlyph } from '../../../electron/core/printing/render/font';
import { renderPng } from '../../../electron/core/printing/render/png';
import { FS_QR, fs } from './fixtures';
import { printReceipt } from './helpers';

const MARGIN = 16;
const dark = (png: PNG, x: number, y: number): boolean => png.data[(y * png.width + x) * 4] < 128;

describe('virtual printer render (decode → PNG)', () => {
  it('renders the receipt at printer resolution with the QR exactly as the printer would', () => {
    const { decoded } = printReceipt(fs(), { paper: '58mm-32' });
    const png = PNG.sync.read(renderPng(decoded, { dots: 384 }));
    expect(png.width).toBe(384 + 2 * MARGIN);
    expect(png.height).toBeGreaterThan(1000);

    const qr = decoded.items.find((i) => i.kind === 'qr');
    if (qr?.kind !== 'qr') throw new Error('no QR on paper');
    const m = qrMatrix(FS_QR, 1);
    const side = m.size * qr.moduleDots;
    // Find the QR: the first row, below the ATCUD line, whose dark run is as wide as the symbol's finder row.
    let top = -1;
    let left = -1;
    for (let y = 0; y < png.height && top < 0; y++) {
      let run = 0;
      for (let x = 0; x < png.width; x++) {
        run = dark(png, x, y) ? run + 1 : 0;
        if (run === 7 * qr.moduleDots && dark(png, x - 7 * qr.moduleDots + 1, y) && !dark(png, x + 1, y)) {
          const x0 = x - 7 * qr.moduleDots + 1;
          if (Math.abs(x0 + side / 2 - (MARGIN + 192)) <= qr.moduleDots) {
            top = y;
            left = x0;
            break;
          }
        }
      }
    }
    expect(top).toBeGreaterThan(0);
    // Every module's centre pixel matches the QR matrix.
    let mismatches = 0;
    for (let r = 0; r < m.size; r++) {
      for (let c = 0; c < m.size; c++) {
        const px = left + c * qr.moduleDots + (qr.moduleDots >> 1);
        const py = top + r * qr.moduleDots + (qr.moduleDots >> 1);
        if (dark(png, px, py) !== m.get(r, c)) mismatches++;
      }
    }
    expect(mismatches).toBe(0);
    expect(side / 8).toBeGreaterThanOrEqual(30);
  });

  it('encodes 8-bit grey: dots are 0x20 on white, the margin stays white', () => {
    const { decoded } = printReceipt(fs(), { paper: '58mm-32' });
    const bytes = renderPng(decoded, { dots: 384 });
    // IHDR: bit depth at byte 24, colour type at byte 25 (PNG signature 8 + length 4 + type 4 + w 4 + h 4).
    expect(bytes[24]).toBe(8);
    expect(bytes[25]).toBe(0);
    const png = PNG.sync.read(bytes);
    const values = new Set<number>();
    let inMargin = 0;
    for (let y = 0; y < png.height; y++) {
      for (let x = 0; x < png.width; x++) {
        const o = (y * png.width + x) * 4;
        values.add(png.data[o]);
        const margin = x < MARGIN || x >= png.width - MARGIN || y < MARGIN || y >= png.height - MARGIN;
        if (margin && png.data[o] !== 0xff) inMargin++;
      }
    }
    expect([...values].sort((a, b) => a - b)).toEqual([0x20, 0xff]);
    expect(inMargin).toBe(0);
  });

  it('has a glyph for every character Portuguese receipts use', () => {
    const chars =
      'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789 .,:;-+*/%()€ªº°áàâãçéêíóôõúÁÀÂÃÇÉÊÍÓÔÕÚ';
    for (const ch of chars) expect(hasGlyph(ch), ch).toBe(true);
    // Composed accents differ from the base letter and from each other.
    const key = (c: string): string =>
      glyph(c)
        .map((r) => r.map(Number).join(''))
        .join('/');
    expect(new Set(['a', 'á', 'à', 'â', 'ã'].map(key)).size).toBe(5);
    expect(key('ç')).not.toBe(key('c'));
  });

  it('draws bold, double size and inverse differently', () => {
    const count = (style: Record<string, boolean>): number => {
      const png = PNG.sync.read(
        renderPng(
          {
            items: [
              {
                kind: 'text',
                align: 'left',
                runs: [
                  {
                    text: 'Ab',
                    style: {
                      bold: false,
                      underline: false,
                      invert: false,
                      doubleWidth: false,
                      doubleHeight: false,
                      ...style,
                    },
                  },
                ],
              },
            ],
            codePage: 'pc858',
            unknown: [],
            statusQueries: [],
          },
          { dots: 384 },
        ),
      );
      let n = 0;
      for (let i = 0; i < png.data.length; i += 4) if (png.data[i] < 128) n++;
      return n;
    };
    const plain = count({});
    expect(count({ bold: true })).toBeGreaterThan(plain);
    expect(count({ doubleWidth: true, doubleHeight: true })).toBe(plain * 4);
    expect(count({ invert: true })).toBeGreaterThan(plain * 2);
  });
});
