import type { Align, Bitmap, TextStyle } from '../layout/blocks';
import { CODE_PAGES, codePageForEscTn, decodeByte, type CodePage } from './codepage';

/**
 * ESC/POS bytes → what a printer would put on paper. Understands the subset the encoder emits (and a few
 * common variants), so the virtual printer and the tests look at the real bytes, not at the layout.
 * Unknown commands are recorded, never guessed.
 */
export interface TextRun {
  text: string;
  style: Required<TextStyle>;
}

export type PaperItem =
  | { kind: 'text'; runs: TextRun[]; align: Align }
  | { kind: 'qr'; data: string; moduleDots: number; ecc: 'L' | 'M' | 'Q' | 'H'; model: number; align: Align }
  | { kind: 'raster'; bitmap: Bitmap; align: Align }
  | { kind: 'feed'; lines: number }
  | { kind: 'cut'; mode: 'full' | 'partial' }
  | { kind: 'drawer'; pin: 2 | 5; onMs: number; offMs: number };

export interface Decoded {
  items: PaperItem[];
  codePage: CodePage['name'] | null;
  /** Offsets of bytes that started a command this decoder does not know. */
  unknown: number[];
  /** Status queries seen (DLE EOT n). */
  statusQueries: number[];
}

const plain = (): Required<TextStyle> => ({
  bold: false,
  underline: false,
  invert: false,
  doubleWidth: false,
  doubleHeight: false,
});

export function decode(
  bytes: Uint8Array,
  opts: { codePageN?: Partial<Record<CodePage['name'], number>> } = {},
): Decoded {
  const items: PaperItem[] = [];
  const unknown: number[] = [];
  const statusQueries: number[] = [];
  let cp: CodePage = CODE_PAGES.pc858;
  let cpName: CodePage['name'] | null = null;
  let style = plain();
  let align: Align = 'left';
  let runs: TextRun[] = [];
  const qr = { data: new Uint8Array(0), moduleDots: 3, ecc: 'L' as 'L' | 'M' | 'Q' | 'H', model: 2 };

  const addChar = (ch: string): void => {
    const last = runs[runs.length - 1];
    if (last && sameStyle(last.style, style)) last.text += ch;
    else runs.push({ text: ch, style: { ...style } });
  };
  const flush = (force: boolean): void => {
    if (runs.length || force) items.push({ kind: 'text', runs, align });
    runs = [];
  };

  let i = 0;
  const at = (k: number): number => (i + k < bytes.length ? bytes[i + k] : -1);
  while (i < bytes.length) {
    const b = bytes[i];
    if (b === 0x0a) {
      flush(true);
      i += 1;
    } else if (b === 0x0d) {
      i += 1;
    } else if (b === 0x1b) {
      const c = at(1);
      const n = at(2);
      switch (c) {
        case 0x40: // ESC @
          flush(false);
          style = plain();
          align = 'left';
          cp = CODE_PAGES.pc858;
          i += 2;
          break;
        case 0x74: {
          // ESC t n
          const found = codePageForEscTn(n, opts.codePageN);
          if (found) {
            cp = found;
            cpName = found.name;
          } else unknown.push(i);
          i += 3;
          break;
        }
        case 0x61:
          align = n === 1 || n === 0x31 ? 'center' : n === 2 || n === 0x32 ? 'right' : 'left';
          i += 3;
          break;
        case 0x45:
          style.bold = (n & 1) === 1;
          i += 3;
          break;
        case 0x2d:
          style.underline = (n & 3) !== 0 && n !== 0x30;
          i += 3;
          break;
        case 0x21: // ESC ! n (print mode): bold bit 3, double height bit 4, double width bit 5, underline bit 7
          style.bold = (n & 0x08) !== 0;
          style.doubleHeight = (n & 0x10) !== 0;
          style.doubleWidth = (n & 0x20) !== 0;
          style.underline = (n & 0x80) !== 0;
          i += 3;
          break;
        case 0x64: // ESC d n: print and feed n lines
          flush(false);
          items.push({ kind: 'feed', lines: n });
          i += 3;
          break;
        case 0x70: // ESC p m t1 t2
          items.push({ kind: 'drawer', pin: (n & 1) === 1 ? 5 : 2, onMs: at(3) * 2, offMs: at(4) * 2 });
          i += 5;
          break;
        case 0x32: // ESC 2 default line spacing
          i += 2;
          break;
        case 0x33: // ESC 3 n line spacing
        case 0x52: // ESC R n international set
        case 0x4d: // ESC M n font
          i += 3;
          break;
        default:
          unknown.push(i);
          i += 2;
      }
    } else if (b === 0x1d) {
      const c = at(1);
      const n = at(2);
      if (c === 0x21) {
        style.doubleWidth = (n & 0x70) !== 0;
        style.doubleHeight = (n & 0x07) !== 0;
        i += 3;
      } else if (c === 0x42) {
        style.invert = (n & 1) === 1;
        i += 3;
      } else if (c === 0x56) {
        flush(false);
        const partial = n === 1 || n === 0x31 || n === 66;
        items.push({ kind: 'cut', mode: partial ? 'partial' : 'full' });
        i += n === 65 || n === 66 ? 4 : 3;
      } else if (c === 0x28 && n === 0x6b) {
        const len = at(3) | (at(4) << 8);
        const body = bytes.subarray(i + 5, i + 5 + len);
        const [cn, fn] = [body[0], body[1]];
        if (cn === 0x31) {
          if (fn === 0x41) qr.model = body[2] - 0x30;
          else if (fn === 0x43) qr.moduleDots = body[2];
          else if (fn === 0x45) qr.ecc = (['L', 'M', 'Q', 'H'] as const)[body[2] - 0x30] ?? 'L';
          else if (fn === 0x50) qr.data = body.slice(3);
          else if (fn === 0x51) {
            flush(false);
            items.push({
              kind: 'qr',
              data: new TextDecoder().decode(qr.data),
              moduleDots: qr.moduleDots,
              ecc: qr.ecc,
              model: qr.model,
              align,
            });
          }
        } else unknown.push(i);
        i += 5 + len;
      } else if (c === 0x76 && n === 0x30) {
        const xBytes = at(4) | (at(5) << 8);
        const rows = at(6) | (at(7) << 8);
        const size = xBytes * rows;
        flush(false);
        items.push({
          kind: 'raster',
          bitmap: { width: xBytes * 8, height: rows, bits: bytes.slice(i + 8, i + 8 + size) },
          align,
        });
        i += 8 + size;
      } else {
        unknown.push(i);
        i += 2;
      }
    } else if (b === 0x10 && at(1) === 0x04) {
      statusQueries.push(at(2));
      i += 3;
    } else if (b < 0x20) {
      unknown.push(i);
      i += 1;
    } else {
      addChar(decodeByte(b, cp));
      i += 1;
    }
  }
  flush(false);
  return { items, codePage: cpName, unknown, statusQueries };
}

const sameStyle = (a: Required<TextStyle>, b: Required<TextStyle>): boolean =>
  a.bold === b.bold &&
  a.underline === b.underline &&
  a.invert === b.invert &&
  a.doubleWidth === b.doubleWidth &&
  a.doubleHeight === b.doubleHeight;

/** The text a person would read on the paper, one printed line per line. */
export function paperText(d: Decoded): string {
  return d.items
    .map((it) =>
      it.kind === 'text'
        ? it.runs.map((r) => r.text).join('')
        : it.kind === 'qr'
          ? `[QR ${it.data.length}]`
          : it.kind === 'raster'
            ? `[IMAGEM ${it.bitmap.width}x${it.bitmap.height}]`
            : it.kind === 'cut'
              ? '[CORTE]'
              : it.kind === 'drawer'
                ? '[GAVETA]'
                : '',
    )
    .join('\n');
}
