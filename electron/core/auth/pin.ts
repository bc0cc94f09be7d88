import { randomBytes, scrypt, scryptSync, timingSafeEqual, type ScryptOptions } from 'node:crypto';

// scrypt with a per-operator salt: a stolen database file does not give away 4-digit PINs for free.
const KEYLEN = 32;
const PARAMS = { N: 16384, r: 8, p: 1 };

/** Creating an operator (seed, set-up) is rare and not reachable by a caller: the synchronous form is fine. */
export function hashPin(pin: string, salt = randomBytes(16).toString('hex')): { hash: string; salt: string } {
  const hash = scryptSync(pin, salt, KEYLEN, PARAMS).toString('hex');
  return { hash, salt };
}

const scryptAsync = (pin: string, salt: string, opts: ScryptOptions): Promise<Buffer> =>
  new Promise((resolve, reject) =>
    scrypt(pin, salt, KEYLEN, opts, (err, key) => (err ? reject(err) : resolve(key))),
  );

/**
 * Every PIN a caller types is checked here, on libuv's thread pool: ~50 ms of scrypt per try must not stop the
 * event loop (40 wrong PINs in a row used to hold /api/health for 1,5 s).
 */
export async function verifyPin(pin: string, hash: string, salt: string): Promise<boolean> {
  const candidate = await scryptAsync(pin, salt, PARAMS);
  const expected = Buffer.from(hash, 'hex');
  return expected.length === candidate.length && timingSafeEqual(candidate, expected);
}
