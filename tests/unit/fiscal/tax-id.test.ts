import { describe, expect, it } from 'vitest';
import { checkTaxId } from '../../../shared/fiscal/tax-id';

/** Issue 15 item 4: the one NIF / VAT id check the customer form and the core share. */
describe('customer tax id (shared/fiscal/tax-id.ts)', () => {
  it('counts the digits still missing, never a negative number', () => {
    expect(checkTaxId('12345')).toEqual({ ok: false, reason: 'incomplete', message: 'Faltam 4 algarismos.' });
    expect(checkTaxId('12345678')).toMatchObject({ reason: 'incomplete', message: 'Falta 1 algarismo.' });
    const long = checkTaxId('1234567890123');
    expect(long).toMatchObject({ ok: false, reason: 'format' });
    if (!long.ok) {
      expect(long.message).toContain('tem 13');
      expect(long.message).not.toMatch(/-\d/);
    }
  });

  it('accepts a Portuguese NIF with or without PT and spaces', () => {
    expect(checkTaxId('PT 501 964 843')).toEqual({
      ok: true,
      taxId: '501964843',
      country: 'PT',
      foreign: false,
    });
    expect(checkTaxId('501964842')).toMatchObject({ ok: false, reason: 'checkDigit' });
  });

  it('accepts EU VAT ids by their country format and says what the country expects', () => {
    expect(checkTaxId('ES12345678Z')).toEqual({
      ok: true,
      taxId: 'ES12345678Z',
      country: 'ES',
      foreign: true,
    });
    expect(checkTaxId('es b-1234567-4')).toEqual({
      ok: true,
      taxId: 'ESB12345674',
      country: 'ES',
      foreign: true,
    });
    expect(checkTaxId('FR40303265045')).toMatchObject({ ok: true, country: 'FR' });
    expect(checkTaxId('DE 123456789')).toMatchObject({ ok: true, taxId: 'DE123456789', country: 'DE' });
    expect(checkTaxId('EL094259216')).toMatchObject({ ok: true, taxId: 'EL094259216', country: 'GR' });
    expect(checkTaxId('NL123456789B01')).toMatchObject({ ok: true, country: 'NL' });
    expect(checkTaxId('ATU12345678')).toMatchObject({ ok: true, country: 'AT' });
    // Still typing: neutral, with the country's shape.
    const typing = checkTaxId('ES1234');
    expect(typing).toMatchObject({ ok: false, reason: 'incomplete' });
    if (!typing.ok) expect(typing.message).toContain('Espanha');
    expect(checkTaxId('DE1234567890')).toMatchObject({ ok: false, reason: 'format' });
    expect(checkTaxId('US123456789')).toMatchObject({ ok: false, reason: 'country' });
  });

  it('keeps the id of a customer from outside the EU as given (SAF-T free text)', () => {
    expect(checkTaxId('12-3456789', 'US')).toEqual({
      ok: true,
      taxId: '123456789',
      country: 'US',
      foreign: true,
    });
    // A known EU country with the national part only gets its prefix.
    expect(checkTaxId('B12345674', 'ES')).toEqual({
      ok: true,
      taxId: 'ESB12345674',
      country: 'ES',
      foreign: true,
    });
  });
});
