import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ilinkSignature, newNonce } from '../../../electron/core/integrations/ilink/wire/signature';

describe('iLink OAuth2 signature', () => {
  it('reproduces the documented example (demoapp / qwerty, 1765812050, aYb89a8yf10)', () => {
    const sig = ilinkSignature('demoapp', 'qwerty', 1765812050, 'aYb89a8yf10');
    // base64 of the lowercase hex string (the documented gotcha), not of the raw digest.
    const hex = Buffer.from(sig, 'base64').toString('utf8');
    // The documented hex starts ff293edc and ends a949; the documented signature ZmYyOTNl…OQ==.
    expect(hex).toBe('ff293edc63f0134ffa44ae04a6900e2ee43060aff620413b003c4e5eefbea949');
    expect(sig).toBe(
      'ZmYyOTNlZGM2M2YwMTM0ZmZhNDRhZTA0YTY5MDBlMmVlNDMwNjBhZmY2MjA0MTNiMDAzYzRlNWVlZmJlYTk0OQ==',
    );
    const raw = crypto
      .createHmac('sha256', 'qwerty')
      .update('demoapp:1765812050:aYb89a8yf10')
      .digest('base64');
    expect(raw.startsWith('/yk+3GPw')).toBe(true);
    expect(sig).not.toBe(raw);
  });

  it('makes nonces of at most 20 alphanumerics, different each time', () => {
    const a = newNonce();
    expect(a).toMatch(/^[A-Za-z0-9]{1,20}$/);
    expect(newNonce()).not.toBe(a);
  });
});
