import { describe, expect, it } from 'vitest';
import {
  errorMessage,
  fromCents,
  mbwayPhone,
  outcomeOf,
  PaymentData,
  ReferenceData,
  signWebhook,
  toCents,
  verifyWebhook,
} from '../../../electron/core/integrations/paypay/codec';
import { assertAllowedHost } from '../../../electron/core/integrations/paypay/transport';

describe('PayPay codec', () => {
  it('euros ↔ integer cents exactly, never through a float', () => {
    expect(toCents('0.29')).toBe(29);
    expect(toCents('1234567.89')).toBe(123456789);
    expect(fromCents(1005)).toBe('10.05');
    expect(() => toCents('1.005')).toThrow();
    expect(() => toCents('0')).toThrow();
  });

  it('MB WAY phone numbers: PT and foreign formats to `<country>#<number>`', () => {
    expect(mbwayPhone('912 345 678')).toBe('351#912345678');
    expect(mbwayPhone('+351 912345678')).toBe('351#912345678');
    expect(mbwayPhone('00351912345678')).toBe('351#912345678');
    expect(mbwayPhone('351#961879263')).toBe('351#961879263');
    expect(mbwayPhone('+34 612 345 678')).toBe('34#612345678');
    expect(mbwayPhone('+44 7700 900123')).toBe('44#7700900123');
    expect(mbwayPhone('212345678')).toBeNull(); // a PT landline has no MB WAY
    expect(mbwayPhone('+351212345678')).toBeNull();
    expect(mbwayPhone('abc')).toBeNull();
  });

  it('a reference keeps its leading zeros and needs 5 + 9 digits', () => {
    const base = { id: 50438, stateDetails: { state: 'pending' }, amount: 100 };
    const ok = ReferenceData.parse({
      ...base,
      referenceDetails: { entity: '12797', reference: '002492617' },
    });
    expect(ok).toMatchObject({ id: '50438', referenceDetails: { reference: '002492617' } });
    expect(
      ReferenceData.safeParse({ ...base, referenceDetails: { entity: '12797', reference: '2492617' } })
        .success,
    ).toBe(false);
  });

  it('states: pending, confirmed, expired, cancelled, refused (MB WAY), terminal authorised', () => {
    const p = (o: object) =>
      outcomeOf(PaymentData.parse({ id: '1', amount: 1, stateDetails: { state: 'pending' }, ...o }));
    expect(p({})).toBe('pending');
    expect(p({ stateDetails: { state: 'confirmed' } })).toBe('confirmed');
    expect(p({ stateDetails: { state: 'authorised' } })).toBe('authorised');
    expect(
      p({ stateDetails: { state: 'pending', cancelled: true }, cancellation: { reason: 'expired' } }),
    ).toBe('expired');
    expect(
      p({
        stateDetails: { state: 'pending', cancelled: true },
        cancellation: { reason: 'merchant_cancelled' },
      }),
    ).toBe('cancelled');
    expect(
      p({
        stateDetails: { state: 'pending_confirmation', cancelled: true },
        paymentMethod: { code: 'MW', result: { code: 'e02433' } },
      }),
    ).toBe('refused');
  });

  it('error envelope and HTTP status → pt-PT for the cashier', () => {
    expect(errorMessage(401, {}).message).toMatch(/credenciais/);
    expect(errorMessage(403, { error: { code: 'invalid_client' } }).message).toMatch(/NIF/);
    expect(
      errorMessage(422, { error: { code: 'validation_error', message: 'amount: too small' } }).message,
    ).toBe('O PayPay recusou o pedido por dados inválidos: amount: too small');
    expect(errorMessage(503, null).message).toMatch(/temporariamente indisponível/);
    expect(errorMessage(418, 'x')).toEqual({
      code: 'http_418',
      message: 'O PayPay recusou o pedido (HTTP 418).',
    });
  });

  it('webhook signature: HMAC-SHA256 of raw body + ts (PHP hash_hmac), stale and tampered refused', () => {
    const body = Buffer.from('{"webhook":{"id":"460"}}');
    // Independent value: printf '%s%s' '{"webhook":{"id":"460"}}' 1700000000 | openssl dgst -sha256 -hmac k
    const hash = signWebhook(body, '1700000000', 'k');
    expect(hash).toBe('e5ca7cf154b75a5c3d28b51ca4cb4856da289e824f6405193da16e59f0e7739e');
    expect(verifyWebhook(body, `hash=${hash},ts=1700000000`, 'k', 1700000100)).toBe('ok');
    expect(verifyWebhook(body, `hash=${hash},ts=1700000000`, 'k', 1700001801)).toBe('stale');
    expect(verifyWebhook(body, `hash=${hash},ts=1700000000`, 'other', 1700000100)).toBe('bad');
    expect(
      verifyWebhook(Buffer.from(' ' + body.toString()), `hash=${hash},ts=1700000000`, 'k', 1700000100),
    ).toBe('bad');
    expect(verifyWebhook(body, undefined, 'k', 1700000100)).toBe('bad');
  });

  it('a training terminal refuses any address but loopback', () => {
    expect(() => assertAllowedHost('https://paypay.pt/api', true)).toThrow(/modo formação/);
    expect(() => assertAllowedHost('http://10.0.0.5/api', true)).toThrow(/modo formação/);
    expect(assertAllowedHost('http://127.0.0.1:9190/api', true).port).toBe('9190');
    expect(assertAllowedHost('https://paypay.pt/api', false).hostname).toBe('paypay.pt');
  });
});
