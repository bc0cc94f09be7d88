import { describe, expect, it } from 'vitest';
import { encodeWin1252, esc } from '../../../electron/core/fiscal/saft/encoding';

describe('SAF-T Windows-1252 encoding', () => {
  it('maps Portuguese letters and the Windows-1252 extras to single bytes, the rest to references', () => {
    const b = encodeWin1252(esc('Ação € “x” 😀'));
    expect([...b.subarray(0, 4)]).toEqual([0x41, 0xe7, 0xe3, 0x6f]);
    expect(b.includes(0x80)).toBe(true); // €
    expect(b.includes(0x93) && b.includes(0x94)).toBe(true); // “ ”
    expect(b.toString('latin1')).toContain('&#128512;');
  });
  it('escapes markup and drops characters XML 1.0 forbids', () => {
    expect(esc('a<b & c>\u0001\u0085')).toBe('a&lt;b &amp; c&gt;');
  });
});
