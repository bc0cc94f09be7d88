import { Dec } from '../../../../shared/money';

/** Word-wraps to `width` columns; words longer than a line are split. Never returns a line wider than `width`. */
export function wrap(text: string, width: number): string[] {
  const w = Math.max(1, width);
  const out: string[] = [];
  for (const para of text.replace(/\r/g, '').split('\n')) {
    // Leading spaces are an indent kept on every wrapped line (e.g. the quantity line under a description).
    const indent = (/^ */.exec(para)?.[0] ?? '').slice(0, Math.floor(w / 2));
    const iw = w - indent.length;
    let line = '';
    const emit = (l: string): void => void out.push(indent + l);
    for (let word of para.split(/\s+/).filter(Boolean)) {
      while (word.length > iw) {
        if (line) {
          emit(line);
          line = '';
        }
        emit(word.slice(0, iw));
        word = word.slice(iw);
      }
      if (!word) continue;
      if (!line) line = word;
      else if (line.length + 1 + word.length <= iw) line += ' ' + word;
      else {
        emit(line);
        line = word;
      }
    }
    emit(line);
  }
  return out.length ? out : [''];
}

/**
 * `left ……… right` on one line when it fits; otherwise `left` wraps and `right` is right-aligned on the last
 * line (or on its own line when even that does not fit).
 */
export function columns(left: string, right: string, width: number): string[] {
  if (!right) return wrap(left, width);
  if (right.length >= width) return [...wrap(left, width), ...wrap(right, width)];
  const lines = wrap(left, width - right.length - 1);
  const last = lines[lines.length - 1];
  lines[lines.length - 1] = last + ' '.repeat(width - last.length - right.length) + right;
  return lines;
}

/** Fixed-width table row: each cell padded (left-aligned) or padded-start (right-aligned) to its width. */
export function row(cells: { text: string; width: number; right?: boolean }[]): string {
  return cells
    .map((c) => {
      const t = c.text.length > c.width ? c.text.slice(0, c.width) : c.text;
      return c.right ? t.padStart(c.width) : t.padEnd(c.width);
    })
    .join('');
}

/** Money on paper: "1234,50" (pt-PT decimal comma, no thousands separator so columns stay narrow). */
export const money = (v: string): string => new Dec(v).toDecimalPlaces(2).toFixed(2).replace('.', ',');

/** Unit prices keep up to 4 decimals when they have them, at least 2. */
export function price(v: string): string {
  const d = new Dec(v);
  const places = Math.min(4, Math.max(2, d.decimalPlaces()));
  return d.toDecimalPlaces(places).toFixed(places).replace('.', ',');
}

export const qty = (v: string): string => new Dec(v).toString().replace('.', ',');

export const percent = (v: string): string => `${new Dec(v).toString().replace('.', ',')}%`;

/** "2025-03-14T10:15:30" → "2025-03-14 10:15" (AAAA-MM-DD, Despacho 2.2.4). */
export const dateTime = (iso: string): string => `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
