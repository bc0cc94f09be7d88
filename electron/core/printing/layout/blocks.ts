/**
 * The printer-independent result of laying out a document for a column width: physical lines and images.
 * The encoder turns blocks into ESC/POS bytes; nothing here knows about bytes.
 */
export type Align = 'left' | 'center' | 'right';

export interface TextStyle {
  bold?: boolean;
  underline?: boolean;
  invert?: boolean;
  /** Double width counts two columns per character. */
  doubleWidth?: boolean;
  doubleHeight?: boolean;
}

/** 1-bit image, rows of `Math.ceil(width / 8)` bytes, MSB = leftmost dot, 1 = black. */
export interface Bitmap {
  width: number;
  height: number;
  bits: Uint8Array;
}

export type Block =
  | { kind: 'text'; text: string; align: Align; style: TextStyle }
  | { kind: 'feed'; lines: number }
  | { kind: 'qr'; data: string }
  | { kind: 'image'; bitmap: Bitmap; align: Align }
  | { kind: 'cut' }
  | { kind: 'drawer' };

export const text = (t: string, align: Align = 'left', style: TextStyle = {}): Block => ({
  kind: 'text',
  text: t,
  align,
  style,
});
