import { describe, expect, it } from 'vitest';
import { WedgeDetector, isGtin } from '../../../renderer/src/pos/barcode-wedge';

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

  it('keeps only the last maxLength digits of a very long burst (not a GTIN: as typed)', () => {
    expect(feed(new WedgeDetector(), [...'99995601234100210', 'Enter'], 5)).toEqual({
      kind: 'scan',
      code: '95601234100210',
    });
  });

  it('bridges one stall inside a burst when that completes a valid GTIN', () => {
    const d = new WedgeDetector();
    feed(d, ['5', '6'], 5, 0);
    // The page was busy for 120 ms after "56"; the rest arrives fast.
    expect(feed(d, [...'01234100297', 'Enter'], 5, 125)).toEqual({ kind: 'scan', code: '5601234100297' });
  });

  it('bridges several stalls within the window (a busy machine)', () => {
    const d = new WedgeDetector();
    feed(d, ['5', '6'], 5, 0);
    feed(d, ['0', '1'], 5, 300);
    expect(feed(d, [...'234100211', 'Enter'], 5, 700)).toEqual({ kind: 'scan', code: '5601234100211' });
  });

  it('does not bridge a long pause (a person typing before the scan)', () => {
    const d = new WedgeDetector();
    feed(d, ['5', '6'], 5, 0);
    expect(feed(d, [...'01234100297', 'Enter'], 5, 2000)).toEqual({ kind: 'scan', code: '01234100297' });
  });

  it('prefers the fast run when it is already a valid GTIN', () => {
    const d = new WedgeDetector();
    feed(d, ['7'], 5, 0);
    expect(feed(d, [...'5601234100211', 'Enter'], 5, 150)).toEqual({ kind: 'scan', code: '5601234100211' });
  });

  it('reads a stalled EAN-13 whole even when its fast tail is a valid EAN-8', () => {
    expect(isGtin('00096522')).toBe(true); // the last 8 digits of 5609000096522 check out on their own
    const d = new WedgeDetector();
    feed(d, [...'56090'], 5, 0);
    expect(feed(d, [...'00096522', 'Enter'], 5, 200)).toEqual({ kind: 'scan', code: '5609000096522' });
  });

  it('still reads a lone EAN-8 after a pause', () => {
    const d = new WedgeDetector();
    feed(d, [...'12'], 300, 0);
    expect(feed(d, [...'96385074', 'Enter'], 5, 3000)).toEqual({ kind: 'scan', code: '96385074' });
  });

  it('validates GTIN-8/12/13/14 check digits', () => {
    expect(isGtin('96385074')).toBe(true);
    expect(isGtin('5601234100211')).toBe(true);
    expect(isGtin('5601234100212')).toBe(false);
    expect(isGtin('036000291452')).toBe(true);
    expect(isGtin('12345')).toBe(false);
  });
});
