import { describe, expect, it } from 'vitest';
import { eanCheckDigit, isValidEan, parseEmbeddedEan } from '../../../shared/ean';
import catalogue from '../../../resources/demo-catalogue.json';

describe('EAN-13', () => {
  it('computes GS1 check digits', () => {
    expect(eanCheckDigit('560123410001')).toBe(3);
    expect(isValidEan('5601234100013')).toBe(true);
    expect(isValidEan('5601234100014')).toBe(false);
    expect(isValidEan('4006381333931')).toBe(true); // a published GS1 example
    expect(isValidEan('96385074')).toBe(true); // EAN-8
    expect(isValidEan('abc')).toBe(false);
  });

  it('every demo barcode is a valid, unique EAN-13', () => {
    const codes = catalogue.articles.map((a) => a.barcode);
    expect(codes.length).toBeGreaterThanOrEqual(55);
    for (const c of codes) expect(isValidEan(c), c).toBe(true);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('decodes in-store weight and price codes', () => {
    const body = '250005601234'; // prefix 25 (weight), item 00056, 01234 g
    const code = body + eanCheckDigit(body);
    expect(parseEmbeddedEan(code)).toEqual({ lookupCode: '2500056000002', kind: 'weight', value: 1234 });
    const price = '210005600499';
    expect(parseEmbeddedEan(price + eanCheckDigit(price))?.kind).toBe('price');
    expect(parseEmbeddedEan('5601234100013')).toBeNull();
    expect(parseEmbeddedEan(body + ((eanCheckDigit(body) + 1) % 10))).toBeNull(); // bad check digit
  });
});
