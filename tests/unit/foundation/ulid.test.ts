import { describe, expect, it } from 'vitest';
import { ulidFactory } from '../../../electron/core/jobs/ids';

/** Job and stock-ledger ids: the random part now comes from a pooled CSPRNG buffer (issue 15, issue path). */
describe('ulidFactory', () => {
  it('gives 26 Crockford characters, sorted by time and unique across many pool refills', () => {
    const ulid = ulidFactory();
    const ids: string[] = [];
    // 4 096-byte pool, 16 bytes an id: 1 000 fresh milliseconds refill it several times.
    for (let ms = 1_700_000_000_000; ms < 1_700_000_001_000; ms++) ids.push(ulid(ms));
    for (const id of ids) expect(id).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
    // The random parts differ from one millisecond to the next (each pool byte is used once).
    expect(new Set(ids.map((id) => id.slice(10))).size).toBe(ids.length);
  });

  it('stays monotonic within one millisecond and when the clock goes back', () => {
    const ulid = ulidFactory();
    const a = ulid(5000);
    const b = ulid(5000);
    const c = ulid(4000);
    expect(a < b && b < c).toBe(true);
    expect(c.slice(0, 10)).toBe(a.slice(0, 10));
  });

  it('two factories do not repeat each other', () => {
    const x = ulidFactory();
    const y = ulidFactory();
    expect(x(1234)).not.toBe(y(1234));
  });
});
