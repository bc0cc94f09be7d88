import crypto from 'node:crypto';
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createRsaSha1Verifier } from '../../../electron/core/fiscal/verify-rsa';
import { prng } from '../../../shared/random';
import { referenceFile } from '../../helpers/reference';

/** What verify accepted before verify-rsa.ts, and still the reference: OpenSSL's PKCS#1 v1.5 check. */
function opensslVerify(key: crypto.KeyObject, message: string, base64: string): boolean {
  return crypto.verify(
    'sha1',
    Buffer.from(message, 'utf8'),
    { key, padding: crypto.constants.RSA_PKCS1_PADDING },
    Buffer.from(base64, 'base64'),
  );
}

const SHA1_INFO = Buffer.from('3021300906052b0e03021a05000414', 'hex');
const SHA256_INFO = Buffer.from('3031300d060960864801650304020105000420', 'hex');
/** SHA-1 DigestInfo with the NULL parameters left out (an encoding RFC 8017 allows to exist, verify must not take). */
const SHA1_INFO_NO_NULL = Buffer.from('301f300706052b0e03021a0414', 'hex');

/** 00 01 FF…FF 00 ‖ t, k bytes; `pad` replaces the padding byte FF. */
function block(k: number, t: Buffer, o: { type?: number; pad?: number } = {}): Buffer {
  const b = Buffer.alloc(k, o.pad ?? 0xff);
  b[0] = 0;
  b[1] = o.type ?? 1;
  b[k - t.length - 1] = 0;
  t.copy(b, k - t.length);
  return b;
}

/** The raw private operation on a block we built ourselves: a signature with exactly that encoding. */
const rawSign = (priv: crypto.KeyObject, b: Buffer): string =>
  crypto.privateEncrypt({ key: priv, padding: crypto.constants.RSA_NO_PADDING }, b).toString('base64');

const sha1 = (m: string): Buffer => crypto.createHash('sha1').update(m, 'utf8').digest();

function keyPair(bits: number) {
  const { privateKey, publicKey } = crypto.generateKeyPairSync('rsa', { modulusLength: bits });
  return { priv: privateKey, pub: publicKey, k: Math.ceil(bits / 8) };
}

const message = (i: number): string =>
  `2025-06-15;2025-06-15T08:00:${String(i % 60).padStart(2, '0')};FS T1F/${i};12.30;${'Ab+/'.repeat(43)}`;

describe('createRsaSha1Verifier (raw public operation + whole-block comparison)', () => {
  const { priv, pub, k } = keyPair(1024);
  const verify = createRsaSha1Verifier(pub);

  it('accepts valid signatures and its own correct encoding made by hand', () => {
    for (let i = 0; i < 50; i++) {
      const m = message(i);
      const sig = crypto.sign('sha1', Buffer.from(m), priv).toString('base64');
      expect(verify(m, sig)).toBe(true);
      // The hand-made block is the standard one: same signature bytes as crypto.sign (deterministic).
      expect(rawSign(priv, block(k, Buffer.concat([SHA1_INFO, sha1(m)])))).toBe(sig);
    }
    expect(
      verify('é ✓ 😀', crypto.sign('sha1', Buffer.from('é ✓ 😀', 'utf8'), priv).toString('base64')),
    ).toBe(true);
  });

  it('rejects a tampered signature, and a signature of another message', () => {
    const m = message(1);
    const sig = crypto.sign('sha1', Buffer.from(m), priv);
    for (const at of [0, 1, 17, 64, 126, 127]) {
      const bad = Buffer.from(sig);
      bad[at] ^= 0x01;
      expect(verify(m, bad.toString('base64')), `byte ${at}`).toBe(false);
      expect(opensslVerify(pub, m, bad.toString('base64'))).toBe(false);
    }
    expect(verify(message(2), sig.toString('base64'))).toBe(false);
    expect(verify(`${m} `, sig.toString('base64'))).toBe(false);
  });

  it('rejects every other encoding of the same digest (padding, block type, DigestInfo, layout)', () => {
    const m = message(3);
    const h = sha1(m);
    const crafted: Record<string, Buffer> = {
      'SHA-256 DigestInfo (SHA-256 of the message)': block(
        k,
        Buffer.concat([SHA256_INFO, crypto.hash('sha256', m, 'buffer')]),
      ),
      'SHA-256 DigestInfo around the SHA-1 digest': block(
        k,
        Buffer.concat([SHA256_INFO.subarray(0, 17), Buffer.from([0x04, 0x14]), h]),
      ),
      'SHA-1 DigestInfo without NULL parameters': block(k, Buffer.concat([SHA1_INFO_NO_NULL, h])),
      'padding FE instead of FF': block(k, Buffer.concat([SHA1_INFO, h]), { pad: 0xfe }),
      'padding 00': block(k, Buffer.concat([SHA1_INFO, h]), { pad: 0x00 }),
      'block type 02': block(k, Buffer.concat([SHA1_INFO, h]), { type: 2 }),
      'block type 00': block(k, Buffer.concat([SHA1_INFO, h]), { type: 0 }),
      'digest only (no DigestInfo)': block(k, h),
      'bytes after the digest': block(k, Buffer.concat([SHA1_INFO, h, Buffer.from([0, 0])])),
      'digest of another message': block(k, Buffer.concat([SHA1_INFO, sha1(message(4))])),
    };
    const onePadByte = block(k, Buffer.concat([SHA1_INFO, h]));
    onePadByte[40] = 0xfe;
    crafted['one padding byte FE'] = onePadByte;
    const leading = block(k, Buffer.concat([SHA1_INFO, h]));
    leading[0] = 0x01;
    crafted['leading byte 01 (still below the modulus)'] = leading;
    for (const [name, b] of Object.entries(crafted)) {
      let sig: string;
      try {
        sig = rawSign(priv, b);
      } catch {
        continue; // not below this modulus: cannot be a signature at all
      }
      expect(opensslVerify(pub, m, sig), name).toBe(false);
      expect(verify(m, sig), name).toBe(false);
    }
  });

  it('rejects any other length, and values not below the modulus, as crypto.verify does', () => {
    const m = message(5);
    const sig = crypto.sign('sha1', Buffer.from(m), priv);
    const n = Buffer.from(pub.export({ format: 'jwk' }).n!, 'base64url');
    const cases: Record<string, Buffer> = {
      empty: Buffer.alloc(0),
      truncated: sig.subarray(1),
      'leading zero byte added': Buffer.concat([Buffer.from([0]), sig]),
      'zero byte appended': Buffer.concat([sig, Buffer.from([0])]),
      modulus: n,
      'all FF': Buffer.alloc(k, 0xff),
      zero: Buffer.alloc(k),
      one: Buffer.concat([Buffer.alloc(k - 1), Buffer.from([1])]),
    };
    for (const [name, b] of Object.entries(cases)) {
      expect(opensslVerify(pub, m, b.toString('base64')), name).toBe(false);
      expect(verify(m, b.toString('base64')), name).toBe(false);
    }
    expect(verify(m, 'not base64 at all!')).toBe(false);
    expect(verify(m, '')).toBe(false);
  });

  it('says exactly what crypto.verify says on random signatures, mutations and crafted blocks', () => {
    const rnd = prng(15);
    const byte = (): number => Math.floor(rnd() * 256);
    const keys = [keyPair(1024), keyPair(1023), keyPair(2048)];
    let valid = 0;
    for (let i = 0; i < 600; i++) {
      const kp = keys[i % keys.length];
      const v = createRsaSha1Verifier(kp.pub);
      const m = message(Math.floor(rnd() * 1e6));
      let sig = crypto.sign('sha1', Buffer.from(m), kp.priv);
      const what = Math.floor(rnd() * 6);
      if (what === 1) sig[Math.floor(rnd() * sig.length)] ^= 1 << Math.floor(rnd() * 8);
      else if (what === 2) sig = Buffer.from(Array.from({ length: kp.k }, byte));
      else if (what === 3) {
        // A crafted block: the right one with one random byte changed (or left as it is).
        const b = block(kp.k, Buffer.concat([SHA1_INFO, sha1(m)]));
        if (rnd() < 0.8) b[Math.floor(rnd() * kp.k)] = byte();
        try {
          sig = crypto.privateEncrypt({ key: kp.priv, padding: crypto.constants.RSA_NO_PADDING }, b);
        } catch {
          continue;
        }
      } else if (what === 4) sig = sig.subarray(0, Math.floor(rnd() * sig.length));
      const b64 = sig.toString('base64');
      const expected = opensslVerify(kp.pub, m, b64);
      expect(v(m, b64), `case ${i}`).toBe(expected);
      if (expected) valid++;
    }
    expect(valid).toBeGreaterThan(100);
  });
});

const demoKey = referenceFile('saft-pt', 'at-test-private-key.pem');
const demoPub = referenceFile('saft-pt', 'at-test-public-key.pem');
describe.runIf(demoKey && demoPub)('createRsaSha1Verifier with the AT test key', () => {
  it('verifies what the AT test key signs', () => {
    const priv = crypto.createPrivateKey(fs.readFileSync(demoKey!, 'utf8'));
    const v = createRsaSha1Verifier(crypto.createPublicKey(fs.readFileSync(demoPub!, 'utf8')));
    const m = '2025-03-14;2025-03-14T10:15:30;FS POS1/1;12.30;';
    const sig = crypto.sign('sha1', Buffer.from(m), priv).toString('base64');
    expect(v(m, sig)).toBe(true);
    expect(v(m.replace('12.30', '12.31'), sig)).toBe(false);
  });
});
