import { describe, expect, it } from 'vitest';
import { decideDocument, type DecisionInput } from '../../../electron/core/sales/doc-choice';

/** Issue 11 item 2 (paypay-office): an FT at the counter, and the question "Com referência Multibanco?". */
const base: DecisionInput = {
  grossTotal: '25.00',
  hasLines: true,
  retailer: true,
  customer: { nif: '123456789', name: 'Cliente Exemplo, Lda.' },
  requested: null,
  identifyBuyerAbove: '1000.00',
};
const ft = (d: ReturnType<typeof decideDocument>) => d.choices.find((c) => c.type === 'FT')!;

describe('FT at the counter ("com ou sem referência?")', () => {
  it('is offered for an identified customer, never for Consumidor final, and never chosen by itself', () => {
    expect(ft(decideDocument(base))).toMatchObject({ allowed: true });
    expect(decideDocument(base).type).toBe('FR');
    const anonymous = decideDocument({ ...base, customer: null, requested: 'FT' });
    expect(ft(anonymous).allowed).toBe(false);
    expect(anonymous).toMatchObject({ type: 'FT', ready: false, askMbReference: false });
    expect(anonymous.blockedReason).toContain('cliente identificado');
  });

  it('asks "Com referência Multibanco?" only for a requested FT and only when PayPay is configured', () => {
    const requested = { ...base, requested: 'FT' as const };
    expect(decideDocument({ ...requested, mbReferenceAvailable: true })).toMatchObject({
      type: 'FT',
      ready: true,
      askMbReference: true,
    });
    expect(decideDocument({ ...requested, mbReferenceAvailable: false }).askMbReference).toBe(false);
    expect(decideDocument(requested).askMbReference).toBe(false);
    // FS/FR are paid on the spot: no question, PayPay or not.
    for (const type of ['FS', 'FR'] as const)
      expect(decideDocument({ ...base, requested: type, mbReferenceAvailable: true }).askMbReference).toBe(
        false,
      );
    expect(decideDocument({ ...base, mbReferenceAvailable: true }).askMbReference).toBe(false);
  });
});
