import { describe, expect, it } from 'vitest';
import { decideDocument, type DecisionInput } from '../../../electron/core/sales/doc-choice';

const base: DecisionInput = {
  grossTotal: '25.00',
  hasLines: true,
  retailer: true,
  customer: null,
  requested: null,
  identifyBuyerAbove: '1000.00',
};

describe('document-type decision', () => {
  it('is FS by default for a consumer within the limit', () => {
    const d = decideDocument(base);
    expect(d).toMatchObject({ type: 'FS', ready: true, blockedReason: null, requested: null });
    expect(d.choices.find((c) => c.type === 'FS')?.allowed).toBe(true);
  });

  it('is FR when the customer gives a NIF, saying so in plain Portuguese', () => {
    const d = decideDocument({ ...base, customer: { nif: '123456789', name: 'Maria Silva' } });
    expect(d.type).toBe('FR');
    expect(d.reason).toBe('Fatura-recibo: o cliente indicou NIF.');
    expect(d.ready).toBe(true);
    // An FS with the NIF stays a legal alternative within the limit.
    expect(d.choices.find((c) => c.type === 'FS')?.allowed).toBe(true);
  });

  it('turns into FR above the FS limit and blocks FS with the CIVA 40.º explanation', () => {
    const d = decideDocument({ ...base, grossTotal: '150.00', retailer: false });
    expect(d.type).toBe('FR');
    expect(d.reason).toContain('limite da fatura simplificada (100,00\u00a0€)');
    const fs = d.choices.find((c) => c.type === 'FS')!;
    expect(fs.allowed).toBe(false);
    expect(fs.reason).toContain('art. 40.º do CIVA');
  });

  it('uses the 1000 € limit for retail to private consumers and 100 € for a business buyer', () => {
    expect(decideDocument({ ...base, grossTotal: '999.99' }).type).toBe('FS');
    expect(decideDocument({ ...base, grossTotal: '1000.01' }).type).toBe('FR');
    const business = decideDocument({
      ...base,
      grossTotal: '120.00',
      customer: { nif: '500000000', name: 'Empresa, Lda.' },
    });
    expect(business.choices.find((c) => c.type === 'FS')?.allowed).toBe(false);
  });

  it('blocks an unidentified FR from 1000 € until the customer is given', () => {
    const d = decideDocument({ ...base, grossTotal: '1200.00' });
    expect(d.type).toBe('FR');
    expect(d.ready).toBe(false);
    expect(d.blockedReason).toContain(
      'Faturas de 1\u00a0000,00\u00a0€ ou mais a particulares têm de identificar o cliente',
    );
    const named = decideDocument({
      ...base,
      grossTotal: '1200.00',
      customer: { nif: '999999990', name: 'João Sousa' },
    });
    expect(named.ready).toBe(true);
  });

  it('keeps a requested FS but blocks it once the total passes the limit', () => {
    const ok = decideDocument({ ...base, requested: 'FS', customer: { nif: '123456789', name: 'Ana' } });
    expect(ok).toMatchObject({ type: 'FS', ready: true });
    expect(ok.reason).toContain('Escolhido pelo operador');
    const over = decideDocument({ ...base, requested: 'FS', grossTotal: '1500.00' });
    expect(over).toMatchObject({ type: 'FS', ready: false });
    expect(over.blockedReason).toContain('1\u00a0000,00\u00a0€');
  });

  it('is not ready without lines and never picks FT by itself', () => {
    expect(decideDocument({ ...base, hasLines: false, grossTotal: '0.00' })).toMatchObject({
      ready: false,
      blockedReason: 'A venda ainda não tem artigos.',
    });
    expect(decideDocument(base).choices.find((c) => c.type === 'FT')?.allowed).toBe(false);
  });
});
