import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { CODE_PAGES, decodeByte, encodeText } from '../../../electron/core/printing/escpos/codepage';

// iconv-lite is in node_modules (a dependency of @node-escpos/core): an independent table to check ours against.
const iconv = createRequire(import.meta.url)('iconv-lite') as {
  encode(s: string, enc: string): Buffer;
  decode(b: Buffer, enc: string): string;
};

describe('code pages', () => {
  it('PC858 upper half matches an independent implementation byte for byte', () => {
    for (let b = 0x80; b <= 0xff; b++) {
      expect(decodeByte(b, CODE_PAGES.pc858), `0x${b.toString(16)}`).toBe(
        iconv.decode(Buffer.from([b]), 'cp858'),
      );
    }
  });

  it('WPC1252 defined slots match windows-1252', () => {
    for (let b = 0x80; b <= 0xff; b++) {
      const ours = decodeByte(b, CODE_PAGES.wpc1252);
      if (ours !== '\ufffd')
        expect(ours, `0x${b.toString(16)}`).toBe(iconv.decode(Buffer.from([b]), 'windows-1252'));
    }
  });

  it('encodes Portuguese text and the euro sign in PC858', () => {
    const s = 'Conceição, Açores, Ângela, Órgão, à, ê, õ, ú, ª, º: 12,30 €';
    expect(Buffer.from(encodeText(s, CODE_PAGES.pc858))).toEqual(iconv.encode(s, 'cp858'));
    expect(encodeText('€', CODE_PAGES.pc858)).toEqual(Uint8Array.of(0xd5));
  });

  it('falls back to the base letter, then "?", never throws', () => {
    expect(Buffer.from(encodeText('Łódź ő “x” – ✓', CODE_PAGES.pc858)).toString('latin1')).toBe(
      '?\xa2dz o "x" - ?',
    );
  });
});
