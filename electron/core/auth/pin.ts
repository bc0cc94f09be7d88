import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';

// scrypt with a per-operator salt: a stolen database file does not give away 4-digit PINs for free.
const KEYLEN = 32;
const PARAMS = { N: 16384, r: 8, p: 1 };

export function hashPin(pin: string, salt = randomBytes(16).toString('hex')): { hash: string; salt: string } {
  const hash = scryptSync(pin, salt, KEYLEN, PARAMS).toString('hex');
  return { hash, salt };
}

export function verifyPin(pin: string, hash: string, salt: string): boolean {
  const candidate = scryptSync(pin, salt, KEYLEN, PARAMS);
  const expected = Buffer.from(hash, 'hex');
  return expected.length === candidate.length && timingSafeEqual(candidate, expected);
}
