import type { Align, Block, TextStyle } from '../layout/blocks';
import { geometry, type PrinterProfile } from '../profile';
import { CODE_PAGES, encodeText } from './codepage';
import * as cmd from './commands';
import { nativeQrModules, qrBitmap, qrModuleDots } from './qr';

/**
 * Blocks → ESC/POS bytes. Pure and deterministic: the same blocks and profile always give the same bytes
 * (the golden test relies on it). Written here rather than through @node-escpos/core's Printer because that
 * class defaults to GB18030, has no Epson `GS ( k` and mixes encoding with I/O (toolchain.md §4).
 */
export function encode(blocks: readonly Block[], profile: PrinterProfile): Uint8Array {
  const g = geometry(profile);
  const cp = CODE_PAGES[profile.codePage];
  const out: number[] = [];
  const push = (bytes: ArrayLike<number>): void => {
    for (let i = 0; i < bytes.length; i++) out.push(bytes[i]);
  };
  push(cmd.init());
  push(cmd.selectCodePage(profile.codePageN ?? cp.escTn));
  let cur: Required<TextStyle> = {
    bold: false,
    underline: false,
    invert: false,
    doubleWidth: false,
    doubleHeight: false,
  };
  let curAlign: Align = 'left';
  const setStyle = (s: TextStyle): void => {
    const next: Required<TextStyle> = {
      bold: !!s.bold,
      underline: !!s.underline,
      invert: !!s.invert,
      doubleWidth: !!s.doubleWidth,
      doubleHeight: !!s.doubleHeight,
    };
    if (next.bold !== cur.bold) push(cmd.bold(next.bold));
    if (next.underline !== cur.underline) push(cmd.underline(next.underline));
    if (next.invert !== cur.invert) push(cmd.invert(next.invert));
    if (next.doubleWidth !== cur.doubleWidth || next.doubleHeight !== cur.doubleHeight) {
      push(cmd.charSize(next.doubleWidth ? 2 : 1, next.doubleHeight ? 2 : 1));
    }
    cur = next;
  };
  const setAlign = (a: Align): void => {
    if (a !== curAlign) push(cmd.align(a));
    curAlign = a;
  };

  for (const b of blocks) {
    switch (b.kind) {
      case 'text':
        setAlign(b.align);
        setStyle(b.style);
        push(encodeText(b.text, cp));
        out.push(cmd.LF);
        break;
      case 'feed':
        setStyle({});
        push(cmd.feedLines(b.lines));
        break;
      case 'qr': {
        setStyle({});
        setAlign('center');
        if (profile.qr === 'native') {
          const dots = qrModuleDots(nativeQrModules(b.data), g.dots, g.dotsPerMm);
          push(cmd.qrNative(new TextEncoder().encode(b.data), dots));
        } else {
          const bm = qrBitmap(b.data, g.dots, g.dotsPerMm);
          push(cmd.rasterImage(Math.ceil(bm.width / 8), bm.height, bm.bits));
        }
        out.push(cmd.LF);
        break;
      }
      case 'image':
        setStyle({});
        setAlign(b.align);
        push(cmd.rasterImage(Math.ceil(b.bitmap.width / 8), b.bitmap.height, b.bitmap.bits));
        break;
      case 'cut':
        setStyle({});
        if (profile.cutter !== 'none') {
          push(cmd.feedLines(profile.feedBeforeCut));
          push(cmd.cut(profile.cutter));
        } else {
          push(cmd.feedLines(profile.feedBeforeCut + 2));
        }
        break;
      case 'drawer':
        if (profile.drawer)
          push(cmd.drawerKick(profile.drawer.pin, profile.drawer.onMs, profile.drawer.offMs));
        break;
    }
  }
  return Uint8Array.from(out);
}
