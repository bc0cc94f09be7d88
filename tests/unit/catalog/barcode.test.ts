import { describe, expect, it } from 'vitest';
import { barcodeKind, barcodeProblem, withCheckDigit } from '../../../shared/barcode';

describe('article barcodes: kinds and check digits', () => {
  it('accepts valid EAN-13, EAN-8, UPC-A and GTIN-14 codes', () => {
    expect(barcodeProblem('5601234100013')).toBeNull(); // demo catalogue
    expect(barcodeProblem('4006381333931')).toBeNull(); // GS1 example
    expect(barcodeProblem('96385074')).toBeNull(); // EAN-8 (GS1 example)
    expect(barcodeProblem('036000291452')).toBeNull(); // UPC-A (Wikipedia example)
    expect(barcodeProblem('10012345678902')).toBeNull(); // GTIN-14
    expect(barcodeKind('5601234100013')).toBe('EAN13');
    expect(barcodeKind('96385074')).toBe('EAN8');
    expect(barcodeKind('036000291452')).toBe('UPCA');
  });

  it('refuses a wrong check digit and says which one it should be', () => {
    expect(barcodeProblem('5601234100014')).toBe(
      'Código de barras 5601234100014: dígito de controlo EAN-13 errado (devia ser 3).',
    );
    expect(barcodeProblem('96385075')).toMatch(/EAN-8 errado \(devia ser 4\)/);
    expect(barcodeProblem('036000291453')).toMatch(/UPC-A errado \(devia ser 2\)/);
  });

  it('takes other codes as internal, without a check digit, and refuses spaces or symbols', () => {
    expect(barcodeKind('12345')).toBe('INTERNAL');
    expect(barcodeKind('CAFE-01')).toBe('INTERNAL');
    expect(barcodeProblem('12345')).toBeNull();
    expect(barcodeProblem('CAFE 01')).toMatch(/inválido/);
    expect(barcodeProblem('')).toMatch(/inválido/);
    expect(barcodeProblem('A'.repeat(21))).toMatch(/inválido/);
  });

  it('completes a body with its check digit', () => {
    expect(withCheckDigit('560123410001')).toBe('5601234100013');
    expect(barcodeProblem(withCheckDigit('560999900001'))).toBeNull();
  });
});
