import crypto from 'node:crypto';

/**
 * RSA-SHA1 PKCS#1 v1.5 signature check (RFC 8017 §8.2.2, EMSA-PKCS1-v1_5) for `balcao verify`, about 20 %
 * cheaper per check than crypto.verify (measured on node 20, RSA-1024: ~14 µs against ~17 µs): the raw public
 * operation (publicDecrypt without padding), then the WHOLE encoded block compared byte for byte with the one
 * expected encoding,
 *
 *   00 01 FF…FF 00 ‖ DigestInfo(SHA-1, NULL parameters) ‖ SHA-1(message)
 *
 * which for a k-byte modulus has exactly one layout (k − 38 bytes of FF), so it accepts exactly what
 * crypto.verify accepts: a signature of any other length, a value not below the modulus, any other padding
 * or DigestInfo is rejected (tests/unit/verify-rsa.test.ts compares both on valid, tampered and crafted
 * signatures). Keys this layout does not fit (not plain RSA, modulus under 46 bytes) use crypto.verify.
 *
 * One source for both threads: the signature worker (verify-signatures.ts) is plain CommonJS without a
 * TypeScript loader, so the function is kept as source text, embedded in the worker's source and compiled
 * here once for the calling thread.
 */
export const RSA_SHA1_VERIFIER_SOURCE = `(function rsaSha1Verifier(crypto, key) {
  const details = key.asymmetricKeyDetails;
  const k = key.asymmetricKeyType === 'rsa' && details && details.modulusLength
    ? Math.ceil(details.modulusLength / 8) : 0;
  if (k < 46) {
    const opts = { key, padding: crypto.constants.RSA_PKCS1_PADDING };
    return (message, base64) =>
      crypto.verify('sha1', Buffer.from(message, 'utf8'), opts, Buffer.from(base64, 'base64'));
  }
  const expected = Buffer.alloc(k, 0xff);
  expected[0] = 0x00;
  expected[1] = 0x01;
  expected[k - 36] = 0x00;
  Buffer.from('3021300906052b0e03021a05000414', 'hex').copy(expected, k - 35);
  const raw = { key, padding: crypto.constants.RSA_NO_PADDING };
  const sha1 = typeof crypto.hash === 'function'
    ? (m) => crypto.hash('sha1', m, 'buffer')
    : (m) => crypto.createHash('sha1').update(m, 'utf8').digest();
  return (message, base64) => {
    const signature = Buffer.from(base64, 'base64');
    if (signature.length !== k) return false;
    let block;
    try {
      block = crypto.publicDecrypt(raw, signature);
    } catch {
      return false; // not below the modulus: crypto.verify says false too
    }
    sha1(message).copy(expected, k - 20);
    return block.length === k && block.equals(expected);
  };
})`;

/** `(message, signature in Base64) → valid` for one public key. */
export type RsaSha1Verifier = (message: string, base64: string) => boolean;

const build = new Function(`return ${RSA_SHA1_VERIFIER_SOURCE};`)() as (
  c: typeof crypto,
  key: crypto.KeyObject,
) => RsaSha1Verifier;

export function createRsaSha1Verifier(key: crypto.KeyObject): RsaSha1Verifier {
  return build(crypto, key);
}
