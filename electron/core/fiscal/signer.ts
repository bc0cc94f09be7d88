import crypto from 'node:crypto';

/**
 * RSA-SHA1, PKCS#1 v1.5, Base64 on one line (172 chars for RSA-1024) — Despacho 8632/2014 §6–7,
 * fiscal-pt.md §2.2. Deterministic, so tests compare exact strings with AT's demo file.
 */
export function signMessage(privateKey: crypto.KeyObject | string, message: string): string {
  const key = typeof privateKey === 'string' ? crypto.createPrivateKey(privateKey) : privateKey;
  return crypto
    .sign('sha1', Buffer.from(message, 'utf8'), { key, padding: crypto.constants.RSA_PKCS1_PADDING })
    .toString('base64');
}

export function verifyMessage(publicKey: crypto.KeyObject | string, message: string, hash: string): boolean {
  try {
    const key = typeof publicKey === 'string' ? crypto.createPublicKey(publicKey) : publicKey;
    return crypto.verify(
      'sha1',
      Buffer.from(message, 'utf8'),
      { key, padding: crypto.constants.RSA_PKCS1_PADDING },
      Buffer.from(hash, 'base64'),
    );
  } catch {
    return false;
  }
}

/** SubjectPublicKeyInfo PEM, as `openssl rsa -pubout` writes it (what AT receives with Modelo 24). */
export function publicPemOf(key: crypto.KeyObject | string): string {
  const pub = typeof key === 'string' ? crypto.createPublicKey(key) : crypto.createPublicKey(key);
  return pub.export({ type: 'spki', format: 'pem' }).toString();
}

/** Training keys: RSA-1024 as the Despacho requires (§6.2). */
export function generateSigningKey(): { privatePem: string; publicPem: string } {
  const { privateKey, publicKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 1024 });
  return {
    privatePem: privateKey.export({ type: 'pkcs1', format: 'pem' }).toString(),
    publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}
