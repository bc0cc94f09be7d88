import { randomFillSync } from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'; // Crockford base32, as ULID specifies

/**
 * Monotonic ULIDs (48-bit time + 80-bit random, incremented within the same millisecond): sortable by creation,
 * unique without coordination. Job ids are `<terminal>-<ULID>`, unique across the terminals of a chain that
 * will share one central database.
 */
export function ulidFactory(): (nowMs: number) => string {
  // Random bytes drawn from the CSPRNG 4 KiB at a time: a `randomBytes(16)` per id was a tenth of the stock
  // ledger's cost per sale (three ids a document; issue 15 profile). Each byte is used once.
  const pool = Buffer.alloc(4096);
  let at = pool.length;
  const random16 = (): number[] => {
    if (at + 16 > pool.length) {
      randomFillSync(pool);
      at = 0;
    }
    const r = new Array<number>(16);
    for (let i = 0; i < 16; i++) r[i] = pool[at + i] & 31;
    at += 16;
    return r;
  };
  let lastMs = -1;
  let rand: number[] = [];
  return (nowMs) => {
    if (nowMs <= lastMs) {
      // Same (or earlier: the clock went back) millisecond: keep the last time, increment the random part.
      for (let i = rand.length - 1; i >= 0; i--) {
        if (rand[i] < 31) {
          rand[i]++;
          break;
        }
        rand[i] = 0;
      }
    } else {
      lastMs = nowMs;
      rand = random16();
    }
    let t = lastMs;
    let time = '';
    for (let i = 0; i < 10; i++) {
      time = ALPHABET[t % 32] + time;
      t = Math.floor(t / 32);
    }
    return time + rand.map((r) => ALPHABET[r]).join('');
  };
}
