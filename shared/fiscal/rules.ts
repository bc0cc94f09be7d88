import { Dec, formatEuro } from '../money';
import { CONSUMIDOR_FINAL_NIF, nifLooksLikeBusiness } from './nif';

/**
 * When a fatura simplificada (FS) may be issued: CIVA art. 40.º n.º 1 (fiscal-pt.md §5.5).
 * a) retail/street sales to non-taxable persons up to €1000; b) any other sale up to €100.
 * Limits are parameters so a legal change is configuration, not code.
 */
export const FS_LIMITS = { retailNonTaxable: '1000.00', other: '100.00' } as const;

export interface FsContext {
  grossTotal: string;
  /** The shop is a retailer (CIVA 40 1 a). Configurable per company. */
  retailer: boolean;
  /** Buyer NIF, or null / 999999990 for Consumidor final. */
  buyerNif: string | null;
  /** The buyer declared to be a taxable person (business); default inferred from the NIF prefix. */
  buyerIsBusiness?: boolean;
  limits?: { retailNonTaxable: string; other: string };
}

export interface FsDecision {
  allowed: boolean;
  /** The limit that applies. */
  limit: string;
  /** pt-PT explanation for the cashier. */
  explanation: string;
}

export function fsDecision(c: FsContext): FsDecision {
  const limits = c.limits ?? FS_LIMITS;
  const nif = c.buyerNif && c.buyerNif !== CONSUMIDOR_FINAL_NIF ? c.buyerNif : null;
  const business = c.buyerIsBusiness ?? (nif ? nifLooksLikeBusiness(nif) : false);
  const retailCase = c.retailer && !business;
  const limit = retailCase ? limits.retailNonTaxable : limits.other;
  const allowed = new Dec(c.grossTotal).lte(limit);
  const who = retailCase
    ? 'venda a retalho a consumidor particular'
    : business
      ? 'cliente empresa'
      : 'esta venda';
  const explanation = allowed
    ? `Fatura simplificada permitida: ${who}, até ${formatEuro(limit)} (art. 40.º do CIVA).`
    : `A fatura simplificada só é permitida até ${formatEuro(limit)} para ${who} (art. 40.º do CIVA). Emita fatura ou fatura-recibo com o NIF do cliente.`;
  return { allowed, limit, explanation };
}

export interface DocTypeSuggestion {
  type: 'FS' | 'FR' | 'FT';
  explanation: string;
}

/**
 * Which document the checkout should propose: FS when allowed and paid now; FR when paid now but above the FS
 * limit (or a business buyer); FT when payment is deferred (settled later by an RG receipt).
 */
export function suggestDocumentType(c: FsContext & { paidNow: boolean }): DocTypeSuggestion {
  if (!c.paidNow) {
    return {
      type: 'FT',
      explanation: 'Pagamento a prazo: emite-se fatura (FT); o pagamento é registado depois com recibo (RG).',
    };
  }
  const fs = fsDecision(c);
  if (fs.allowed) return { type: 'FS', explanation: fs.explanation };
  return {
    type: 'FR',
    explanation: fs.explanation.replace('Emita fatura ou fatura-recibo', 'Será emitida fatura-recibo'),
  };
}

/** Line discount must be within 0–100 % (Despacho 8632/2014 3.2.8). */
export const isValidDiscount = (pct: string): boolean => new Dec(pct).gte(0) && new Dec(pct).lte(100);
