import { describe, expect, it } from 'vitest';
import { encodeFrame, FrameSplitter } from '../../../electron/core/devices/glory/frames';

const bytes = (s: string) => new TextEncoder().encode(s);
const join = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
};

describe('FrameSplitter (NUL-terminated event frames)', () => {
  const a = '<BbxEventRequest><HeartBeatEvent><SerialNo>1</SerialNo></HeartBeatEvent></BbxEventRequest>';
  const b = '<BbxEventRequest><StatusChangeEvent><Status>1</Status></StatusChangeEvent></BbxEventRequest>';

  it('returns several frames coalesced in one read', () => {
    expect(new FrameSplitter().push(join(encodeFrame(a), encodeFrame(b)))).toEqual([a, b]);
  });

  it('reassembles a frame split across reads at every possible offset', () => {
    const wire = join(encodeFrame(a), encodeFrame(b));
    for (let cut = 1; cut < wire.length; cut++) {
      const s = new FrameSplitter();
      const got = [...s.push(wire.subarray(0, cut)), ...s.push(wire.subarray(cut))];
      expect(got).toEqual([a, b]);
      expect(s.pendingBytes).toBe(0);
    }
  });

  it('keeps multi-byte UTF-8 intact when split inside a character', () => {
    const text =
      '<BbxEventRequest><SpecialDeviceError><ErrorMessage>Porta aberta — moedas ção</ErrorMessage></SpecialDeviceError></BbxEventRequest>';
    const wire = encodeFrame(text);
    const at = bytes(text).indexOf(0xe2) + 1; // inside the em dash
    const s = new FrameSplitter();
    expect([...s.push(wire.subarray(0, at)), ...s.push(wire.subarray(at))]).toEqual([text]);
  });

  it('ignores empty frames and bounds an unterminated frame', () => {
    expect(new FrameSplitter().push(join(new Uint8Array([0, 0]), encodeFrame(a)))).toEqual([a]);
    const s = new FrameSplitter(16);
    expect(() => s.push(bytes('x'.repeat(32)))).toThrow(/terminador/);
    expect(s.pendingBytes).toBe(0);
  });

  it('does not keep a reference to the caller buffer', () => {
    const s = new FrameSplitter();
    const chunk = bytes('<a>');
    s.push(chunk);
    chunk.fill(0x41);
    expect(s.push(join(bytes('</a>'), new Uint8Array([0])))).toEqual(['<a></a>']);
  });
});
