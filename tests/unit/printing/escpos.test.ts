import fsn from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { qrMatrix } from '../../../electron/core/printing/escpos/qr';
import { layoutReceipt } from '../../../electron/core/printing/layout/receipt';
import { FS_QR, fs } from './fixtures';
import { printReceipt } from './helpers';

const GOLDEN = path.join(import.meta.dirname, 'golden', 'fs-pos1-1-58mm.hex');
const hex = (b: Uint8Array): string =>
  (
    Buffer.from(b)
      .toString('hex')
      .match(/.{1,64}/g) ?? []
  ).join('\n') + '\n';
const indexOf = (hay: Uint8Array, needle: number[]): number => Buffer.from(hay).indexOf(Buffer.from(needle));

describe('ESC/POS encoder', () => {
  it('produces the golden bytes for the fixed FS receipt (58 mm, PC858, native QR)', () => {
    const { bytes } = printReceipt(fs(), { paper: '58mm-32' });
    // Regenerate deliberately with UPDATE_GOLDEN=1 after reviewing the rendered receipt.
    if (process.env.UPDATE_GOLDEN === '1') fsn.writeFileSync(GOLDEN, hex(bytes));
    expect(hex(bytes)).toBe(fsn.readFileSync(GOLDEN, 'utf8'));
  });

  it('starts with ESC @ and ESC t 19 (PC858), ends with feed + partial cut', () => {
    const { bytes } = printReceipt(fs(), { paper: '80mm-48' });
    expect([...bytes.slice(0, 5)]).toEqual([0x1b, 0x40, 0x1b, 0x74, 19]);
    expect([...bytes.slice(-6)]).toEqual([0x1b, 0x64, 4, 0x1d, 0x56, 1]);
    // In PC858 "á" is 0xA0 and "€" is 0xD5 (the total line).
    expect(
      indexOf(bytes, [...Buffer.from('Numer', 'latin1'), 0xa0, ...Buffer.from('rio', 'latin1')]),
    ).toBeGreaterThan(0);
    expect(indexOf(bytes, [...Buffer.from('12,30 ', 'latin1'), 0xd5, 0x0a])).toBeGreaterThan(0);
  });

  it('sends the AT QR as Epson GS ( k: model 2, ECC M, store, print; module ≥ 30 mm', () => {
    const { bytes } = printReceipt(fs(), { paper: '58mm-32' });
    expect(indexOf(bytes, [0x1d, 0x28, 0x6b, 4, 0, 0x31, 0x41, 0x32, 0])).toBeGreaterThan(0);
    expect(indexOf(bytes, [0x1d, 0x28, 0x6b, 3, 0, 0x31, 0x45, 0x31])).toBeGreaterThan(0);
    const data = Buffer.from(FS_QR);
    const k = data.length + 3;
    expect(indexOf(bytes, [0x1d, 0x28, 0x6b, k & 0xff, k >> 8, 0x31, 0x50, 0x30, ...data])).toBeGreaterThan(
      0,
    );
    expect(indexOf(bytes, [0x1d, 0x28, 0x6b, 3, 0, 0x31, 0x51, 0x30])).toBeGreaterThan(0);
    const at = indexOf(bytes, [0x1d, 0x28, 0x6b, 3, 0, 0x31, 0x43]);
    const moduleDots = bytes[at + 7];
    const modules = qrMatrix(FS_QR, 1).size;
    expect((modules * moduleDots) / 8).toBeGreaterThanOrEqual(30); // mm at 8 dots/mm
    expect(modules * moduleDots).toBeLessThanOrEqual(384);
  });

  it('falls back to a raster QR (GS v 0) of version ≥ 9 and ≥ 30 mm', () => {
    const { decoded } = printReceipt(fs(), { paper: '58mm-32', qr: 'raster' });
    expect(decoded.items.some((i) => i.kind === 'qr')).toBe(false);
    const raster = decoded.items.find((i) => i.kind === 'raster');
    expect(raster?.kind).toBe('raster');
    if (raster?.kind !== 'raster') return;
    const m = qrMatrix(FS_QR);
    expect(m.version).toBeGreaterThanOrEqual(9);
    expect(raster.bitmap.width).toBeGreaterThanOrEqual(240);
    expect(raster.bitmap.width).toBeLessThanOrEqual(384);
  });

  it('kicks the drawer with ESC p when asked', () => {
    const { decoded } = printReceipt(fs(), { drawer: { pin: 2, onMs: 50, offMs: 500 } });
    expect(decoded.items.some((i) => i.kind === 'drawer')).toBe(false);
    const blocks = layoutReceipt(fs(), { columns: 48, openDrawer: true });
    expect(blocks[blocks.length - 1]).toEqual({ kind: 'drawer' });
  });
});

describe('decoder', () => {
  it('gives back exactly the text, alignment and style the layout produced', () => {
    for (const paper of ['58mm-32', '80mm-42', '80mm-48'] as const) {
      const doc = fs({ copy: true, training: true });
      const { decoded } = printReceipt(doc, { paper });
      const cols = paper === '58mm-32' ? 32 : paper === '80mm-42' ? 42 : 48;
      const expected = layoutReceipt(doc, { columns: cols }).filter((b) => b.kind === 'text');
      // The LF after the QR symbol feeds one empty line: not layout text.
      const got = decoded.items.filter((i) => i.kind === 'text' && i.runs.length > 0);
      expect(got.length).toBe(expected.length);
      got.forEach((g, n) => {
        const e = expected[n];
        if (g.kind !== 'text' || e.kind !== 'text') throw new Error('kind');
        expect(g.runs.map((r) => r.text).join('')).toBe(e.text.replace('—', '-'));
        expect(g.align).toBe(e.align);
        expect(g.runs[0]?.style.bold ?? false).toBe(!!e.style.bold);
        expect(g.runs[0]?.style.doubleWidth ?? false).toBe(!!e.style.doubleWidth);
      });
      expect(decoded.unknown).toEqual([]);
      expect(decoded.codePage).toBe('pc858');
    }
  });
});
