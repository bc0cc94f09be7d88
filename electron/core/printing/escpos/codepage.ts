/**
 * Character tables for the text Balcão prints.
 *
 * Default: **PC858** (selected with `ESC t 19` on Epson TM printers and most clones). PC858 is PC850
 * (Multilingual Latin-1, which has every Portuguese letter: á à â ã ç é ê í ó ô õ ú and capitals, ª º)
 * with the euro sign at 0xD5 in place of the dotless ı. PC860 ("Portuguese") lacks € and would need a
 * user-defined glyph, so PC858 is the simpler correct choice. Some printers number their tables differently
 * (the value of `n` is in the profile and configurable); WPC1252 (`ESC t 16`) is offered for those that only
 * have the Windows table. Characters outside the table fall back to their unaccented letter, then to "?".
 */

/** Upper half (0x80–0xFF) of IBM code page 858, in byte order. */
const PC858_HIGH =
  'ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜø£Ø×ƒáíóúñÑªº¿®¬½¼¡«»░▒▓│┤ÁÂÀ©╣║╗╝¢¥┐└┴┬├─┼ãÃ╚╔╩╦╠═╬¤ðÐÊËÈ€ÍÎÏ┘┌█▄¦Ì▀ÓßÔÒõÕµþÞÚÛÙýÝ¯´\u00ad±‗¾¶§÷¸°¨·¹³²■\u00a0';

/** Upper half of Windows-1252 (undefined slots are mapped to U+FFFD and never encoded). */
const WPC1252_HIGH =
  '€\ufffd‚ƒ„…†‡ˆ‰Š‹Œ\ufffdŽ\ufffd\ufffd‘’“”•–—˜™š›œ\ufffdžŸ' +
  Array.from({ length: 0x60 }, (_, i) => String.fromCharCode(0xa0 + i)).join('');

export type CodePageName = 'pc858' | 'wpc1252';

export interface CodePage {
  readonly name: CodePageName;
  /** Default `n` for `ESC t n` on Epson (PC858 = 19, WPC1252 = 16). */
  readonly escTn: number;
  readonly high: string;
}

export const CODE_PAGES: Record<CodePageName, CodePage> = {
  pc858: { name: 'pc858', escTn: 19, high: PC858_HIGH },
  wpc1252: { name: 'wpc1252', escTn: 16, high: WPC1252_HIGH },
};

const encodeMaps = new Map<CodePageName, Map<string, number>>();
function encodeMap(cp: CodePage): Map<string, number> {
  let m = encodeMaps.get(cp.name);
  if (!m) {
    m = new Map();
    for (let i = 0; i < cp.high.length; i++) if (cp.high[i] !== '\ufffd') m.set(cp.high[i], 0x80 + i);
    encodeMaps.set(cp.name, m);
  }
  return m;
}

/** Typographic characters people paste into article names, mapped to something every table has. */
const SUBSTITUTES: Record<string, string> = {
  '\u2018': "'",
  '\u2019': "'",
  '\u201c': '"',
  '\u201d': '"',
  '\u2013': '-',
  '\u2014': '-',
  '\u2026': '...',
  '\u00a0': ' ',
  '\u202f': ' ',
};

/** Encodes one string; never throws (a receipt must print even with an odd character in a name). */
export function encodeText(text: string, cp: CodePage): Uint8Array {
  const map = encodeMap(cp);
  const out: number[] = [];
  for (const ch of text.normalize('NFC')) {
    const code = ch.codePointAt(0) ?? 0x3f;
    if (code >= 0x20 && code < 0x7f) {
      out.push(code);
      continue;
    }
    const hit = map.get(ch);
    if (hit !== undefined) {
      out.push(hit);
      continue;
    }
    const sub = SUBSTITUTES[ch];
    if (sub !== undefined) {
      for (const s of sub) out.push(s.charCodeAt(0));
      continue;
    }
    // Strip the accent ("ő" → "o") before giving up.
    const base = ch.normalize('NFD')[0];
    const bc = base.codePointAt(0) ?? 0;
    out.push(bc >= 0x20 && bc < 0x7f ? bc : 0x3f);
  }
  return Uint8Array.from(out);
}

export function decodeByte(byte: number, cp: CodePage): string {
  if (byte < 0x80) return String.fromCharCode(byte);
  return cp.high[byte - 0x80];
}

export function codePageForEscTn(
  n: number,
  overrides: Partial<Record<CodePageName, number>> = {},
): CodePage | null {
  for (const cp of Object.values(CODE_PAGES)) if ((overrides[cp.name] ?? cp.escTn) === n) return cp;
  return null;
}
