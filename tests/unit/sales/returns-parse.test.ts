import { describe, expect, it } from 'vitest';
import { documentNumberFrom } from '../../../electron/core/sales/returns';

describe('document number from a typed number or the receipt QR', () => {
  it('reads field G of the AT QR code', () => {
    const qr =
      'A:599999993*B:999999990*C:PT*D:FS*E:N*F:20250314*G:FS T1F/12*H:AAJFJ4VH-12*I1:PT*N:0.11*O:1.89*Q:hWFf*R:9999';
    expect(documentNumberFrom(qr)).toBe('FS T1F/12');
  });
  it('normalises spacing and case of a typed number', () => {
    expect(documentNumberFrom(' fs t1f / 012 ')).toBe('FS T1F/12');
    expect(documentNumberFrom('FR T1F/3')).toBe('FR T1F/3');
  });
});
