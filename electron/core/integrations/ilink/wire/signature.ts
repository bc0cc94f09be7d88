import crypto from 'node:crypto';

/**
 * iLink OAuth2 client-credentials signature (paypay-ilink-ciuspt.md §2.3):
 * `base64( hex( HMAC_SHA256(key = client_secret, msg = "client_id:timestamp:nonce") ) )` — base64 of the
 * LOWERCASE HEX string, not of the raw digest (the documented example only matches that way).
 */
export function ilinkSignature(
  clientId: string,
  clientSecret: string,
  timestamp: number,
  nonce: string,
): string {
  const hex = crypto
    .createHmac('sha256', clientSecret)
    .update(`${clientId}:${timestamp}:${nonce}`)
    .digest('hex');
  return Buffer.from(hex, 'utf8').toString('base64');
}

/** ≤ 20 alphanumeric characters, unique per request (§2.3). */
export function newNonce(): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  const bytes = crypto.randomBytes(20);
  return [...bytes].map((b) => alphabet[b % alphabet.length]).join('');
}

/** Constant-time comparison of two signatures (the simulator's check). */
export function sameSignature(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}
