/**
 * Windows-1252 output for SAF-T. Why: the official XSD declares `encoding="Windows-1252"` and AT's own demo
 * file is Windows-1252 (fiscal-pt.md §1.1, §1.4); it is the encoding the AT tools historically expect.
 * Characters outside Windows-1252 are written as XML numeric references (&#N;), so nothing is lost or replaced.
 */
const HIGH: Record<number, number> = {
  0x20ac: 0x80,
  0x201a: 0x82,
  0x0192: 0x83,
  0x201e: 0x84,
  0x2026: 0x85,
  0x2020: 0x86,
  0x2021: 0x87,
  0x02c6: 0x88,
  0x2030: 0x89,
  0x0160: 0x8a,
  0x2039: 0x8b,
  0x0152: 0x8c,
  0x017d: 0x8e,
  0x2018: 0x91,
  0x2019: 0x92,
  0x201c: 0x93,
  0x201d: 0x94,
  0x2022: 0x95,
  0x2013: 0x96,
  0x2014: 0x97,
  0x02dc: 0x98,
  0x2122: 0x99,
  0x0161: 0x9a,
  0x203a: 0x9b,
  0x0153: 0x9c,
  0x017e: 0x9e,
  0x0178: 0x9f,
};

// eslint-disable-next-line no-control-regex
const WIDE = /[^\u0000-\u00ff]/gu;
const BYTE_OF = new Map(
  Object.entries(HIGH).map(([cp, byte]) => [String.fromCodePoint(Number(cp)), String.fromCharCode(byte)]),
);

/**
 * Encodes an XML string (already escaped) as Windows-1252 bytes. Latin-1 and Windows-1252 agree on every
 * character ≤ U+00FF except the C1 range, which `esc` removes; the 27 extra characters are mapped, the rest
 * become numeric references. One regex pass and a native latin1 encode, so it runs at memcpy-like speed.
 */
export function encodeWin1252(s: string): Buffer {
  const mapped = s.replace(WIDE, (ch) => BYTE_OF.get(ch) ?? `&#${ch.codePointAt(0)};`);
  return Buffer.from(mapped, 'latin1');
}

// eslint-disable-next-line no-control-regex
const HAS_WIDE = /[^\u0000-\u00ff]/;

/** No character above U+00FF: the string's Latin-1 bytes are its Windows-1252 bytes (after `esc`). */
export const isLatin1 = (s: string): boolean => !HAS_WIDE.test(s);

// eslint-disable-next-line no-control-regex
const CONTROL = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]/g;

// eslint-disable-next-line no-control-regex
const NEEDS_ESCAPE = /[&<>\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]/;

/** Text content escaping (and removal of characters XML 1.0 forbids). */
export function esc(v: string): string {
  // Most values (numbers, dates, codes) need nothing: one test instead of four replaces.
  if (!NEEDS_ESCAPE.test(v)) return v;
  return v.replace(CONTROL, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
