import { describe, expect, it } from 'vitest';
import { WedgeDetector } from '../../../renderer/src/pos/barcode-wedge';

/** Feeds `keys` starting at `t0`, `gap` ms apart; returns the last result. */
function feed(d: WedgeDetector, keys: string[], gap: number, t0 = 1000) {
  let r = d.feed(keys[0] ?? '', t0);
  keys.slice(1).forEach((k, i) => (r = d.feed(k, t0 + (i + 1) * gap)));
  return r;
}

describe('keyboard-wedge barcode detection', () => {
  it('recognises fast digits ending in Enter as a scan', () => {
    const d = new WedgeDetector();
    expect(feed(d, [...'5601234100211', 'Enter'], 8)).toEqual({ kind: 'scan', code: '5601234100211' });
  });

  it('accepts EAN-8 and refuses codes shorter than 8 digits', () => {
    expect(feed(new WedgeDetector(), [...'96385074', 'Enter'], 5)).toEqual({
      kind: 'scan',
      code: '96385074',
    });
    expect(feed(new WedgeDetector(), [...'1234567', 'Enter'], 5)).toEqual({ kind: 'other' });
  });

  it('ignores a person typing digits at human speed', () => {
    expect(feed(new WedgeDetector(), [...'5601234100211', 'Enter'], 120)).toEqual({ kind: 'other' });
  });

  it('restarts the code after a pause (slow keys before the burst are not part of it)', () => {
    const d = new WedgeDetector();
    feed(d, ['1', '2'], 300, 0);
    expect(feed(d, [...'5601234100211', 'Enter'], 6, 2000)).toEqual({ kind: 'scan', code: '5601234100211' });
  });

  it('a non-digit key breaks the burst', () => {
    expect(feed(new WedgeDetector(), [...'560123', 'a', ...'4100211', 'Enter'], 5)).toEqual({
      kind: 'other',
    });
  });

  it('an Enter long after the digits is not a scan', () => {
    const d = new WedgeDetector();
    feed(d, [...'5601234100211'], 5, 0);
    expect(d.feed('Enter', 5000)).toEqual({ kind: 'other' });
  });

  it('the gap is configurable for slower (e.g. Bluetooth) scanners', () => {
    expect(feed(new WedgeDetector({ maxGapMs: 100 }), [...'5601234100211', 'Enter'], 80)).toEqual({
      kind: 'scan',
      code: '5601234100211',
    });
  });

  it('keeps only the last maxLength digits of a very long burst', () => {
    expect(feed(new WedgeDetector(), [...'99995601234100211', 'Enter'], 5)).toEqual({
      kind: 'scan',
      code: '95601234100211',
    });
  });
});
