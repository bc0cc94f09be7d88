import { describe, expect, it } from 'vitest';
import { checkNif, CONSUMIDOR_FINAL_NIF } from '../../../shared/fiscal/nif';
import {
  buildAtcud,
  checkSeriesValidationCode,
  sequenceOf,
  trainingSeriesCode,
} from '../../../shared/fiscal/atcud';
import { fsDecision, suggestDocumentType, isValidDiscount } from '../../../shared/fiscal/rules';
import { hashChars, processedBy, issuedBy } from '../../../shared/fiscal/signature';

describe('NIF (fiscal-pt.md §5.3 test vectors)', () => {
  it.each(['999999990', '599999993', '501964843', '123456789', '500000000'])('accepts %s', (nif) => {
    expect(checkNif(nif)).toEqual({ ok: true, nif });
  });
  it.each(['501964842', '599999999', '980000000', '510000006'])('rejects %s with a pt-PT reason', (nif) => {
    const r = checkNif(nif);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/NIF/);
  });
  it('rejects bad formats and unknown prefixes', () => {
    expect(checkNif('12345678')).toMatchObject({ ok: false, reason: 'format' });
    expect(checkNif('412345678')).toMatchObject({ ok: false, reason: 'prefix' });
    expect(checkNif('PT 501 964 843')).toEqual({ ok: true, nif: '501964843' });
    expect(CONSUMIDOR_FINAL_NIF).toBe('999999990');
  });
});

describe('ATCUD (Portaria 195/2020 art. 3.º)', () => {
  it('is code-sequence with the digits after "/" exactly as written', () => {
    expect(buildAtcud('CSDF7T5H', 'FT AB2019/0035')).toBe('CSDF7T5H-0035');
    expect(buildAtcud('AAJFJ4VH', 'FS POS1/1')).toBe('AAJFJ4VH-1');
    expect(sequenceOf('GT G234CB/50987')).toBe('50987');
  });
  it('validation codes have at least 8 characters, not exactly 8', () => {
    expect(checkSeriesValidationCode('AAJFJ4VH').ok).toBe(true);
    expect(checkSeriesValidationCode('AAJFSBT3D9').ok).toBe(true);
    expect(checkSeriesValidationCode('ABC123').ok).toBe(false);
    expect(checkSeriesValidationCode('aajfj4vh').ok).toBe(false);
  });
  it('training placeholders are stable, valid codes', () => {
    const c = trainingSeriesCode('FS T1F');
    expect(c).toBe(trainingSeriesCode('FS T1F'));
    expect(checkSeriesValidationCode(c).ok).toBe(true);
    expect(c).not.toBe(trainingSeriesCode('FR T1F'));
  });
});

describe('FS limits (CIVA art. 40.º)', () => {
  it('retail to a private buyer: up to 1000 €', () => {
    expect(fsDecision({ grossTotal: '1000.00', retailer: true, buyerNif: null }).allowed).toBe(true);
    const over = fsDecision({ grossTotal: '1000.01', retailer: true, buyerNif: '123456789' });
    expect(over.allowed).toBe(false);
    expect(over.explanation).toContain('até 1\u00a0000,00\u00a0€ para');
  });
  it('business buyers and non-retailers: up to 100 €', () => {
    expect(fsDecision({ grossTotal: '100.01', retailer: true, buyerNif: '501964843' }).allowed).toBe(false);
    expect(fsDecision({ grossTotal: '100.00', retailer: true, buyerNif: '501964843' }).allowed).toBe(true);
    expect(fsDecision({ grossTotal: '150', retailer: false, buyerNif: null }).allowed).toBe(false);
    expect(
      fsDecision({ grossTotal: '150', retailer: true, buyerNif: '123456789', buyerIsBusiness: true }).allowed,
    ).toBe(false);
  });
  it('suggests FS, FR or FT and explains why', () => {
    expect(
      suggestDocumentType({ grossTotal: '20', retailer: true, buyerNif: null, paidNow: true }).type,
    ).toBe('FS');
    const fr = suggestDocumentType({
      grossTotal: '1500',
      retailer: true,
      buyerNif: '123456789',
      paidNow: true,
    });
    expect(fr.type).toBe('FR');
    expect(fr.explanation).toMatch(/fatura-recibo/);
    expect(
      suggestDocumentType({ grossTotal: '20', retailer: true, buyerNif: null, paidNow: false }).type,
    ).toBe('FT');
  });
  it('discounts are 0–100 %', () => {
    expect(isValidDiscount('0')).toBe(true);
    expect(isValidDiscount('100')).toBe(true);
    expect(isValidDiscount('100.01')).toBe(false);
    expect(isValidDiscount('-1')).toBe(false);
  });
});

describe('printed signature text (Despacho 2.2.2, 2.2.3)', () => {
  it('takes characters 1, 11, 21, 31', () => {
    const h = 'vfinNfF+rToGp3dWF1LV6mEctQ76hAeZm+PlhBnV4wokN';
    expect(hashChars(h)).toBe('vo6e');
    expect(processedBy(h, '9999')).toBe('vo6e-Processado por programa certificado n.º 9999/AT');
    expect(issuedBy('9999')).toBe('Emitido por programa certificado n.º 9999/AT');
  });
});
