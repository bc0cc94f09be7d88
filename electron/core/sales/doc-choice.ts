import type { DocDecision, SaleDocType } from '../../../shared/api/sales';
import { CONSUMIDOR_FINAL_NAME, CONSUMIDOR_FINAL_NIF } from '../../../shared/fiscal/nif';
import { fsDecision } from '../../../shared/fiscal/rules';
import { Dec, formatEuro } from '../../../shared/money';

export interface DecisionInput {
  grossTotal: string;
  hasLines: boolean;
  /** The company sells retail (company.retailer): CIVA 40.º 1 a) limit. */
  retailer: boolean;
  customer: { nif: string; name: string; isBusiness?: boolean } | null;
  requested: SaleDocType | null;
  /** FR/FT to an unidentified private buyer from this gross on need the buyer identified. */
  identifyBuyerAbove: string;
  limits?: { retailNonTaxable: string; other: string };
  /** PayPay is configured (issue 11): an FT not paid on the spot may carry a Multibanco reference. */
  mbReferenceAvailable?: boolean;
}

/**
 * Which document the sale will produce, why, and what is blocked (pure; same FS rule as the fiscal core:
 * shared/fiscal/rules.ts fsDecision). FS by default; FR when the customer gives a NIF or the total passes the
 * FS limit. FT (invoice paid later, settled by an RG receipt) is never chosen automatically at the counter.
 */
export function decideDocument(c: DecisionInput): DocDecision {
  const nif =
    c.customer && c.customer.nif !== CONSUMIDOR_FINAL_NIF && c.customer.nif !== '' ? c.customer.nif : null;
  const fs = fsDecision({
    grossTotal: c.grossTotal,
    retailer: c.retailer,
    buyerNif: nif,
    buyerIsBusiness: c.customer?.isBusiness,
    limits: c.limits,
  });
  const identified = nif !== null || (!!c.customer && c.customer.name !== CONSUMIDOR_FINAL_NAME);
  const needsIdentity = !identified && new Dec(c.grossTotal).gte(c.identifyBuyerAbove);
  const identityReason = `Faturas de ${formatEuro(c.identifyBuyerAbove)} ou mais a particulares têm de identificar o cliente (NIF, nome e morada). Indique o cliente.`;

  const choices: DocDecision['choices'] = [
    {
      type: 'FS',
      allowed: fs.allowed,
      reason: fs.allowed
        ? nif
          ? 'Fatura simplificada com o NIF do cliente.'
          : 'Fatura simplificada (consumidor final).'
        : fs.explanation,
    },
    {
      type: 'FR',
      allowed: !needsIdentity,
      reason: needsIdentity
        ? identityReason
        : nif
          ? 'Fatura-recibo: o cliente indicou NIF.'
          : 'Fatura-recibo paga agora.',
    },
    // Issue 11 (paypay-office): an FT is paid later (RG receipt), so it needs someone to charge. ASSUMPTION: at
    // the counter it is offered only for an identified customer (NIF or name), never chosen automatically.
    {
      type: 'FT',
      allowed: identified,
      reason: identified
        ? 'Fatura a pagar mais tarde (FT): emitida agora, paga depois (recibo RG).'
        : 'Fatura a pagar mais tarde (FT) só para um cliente identificado: indique o cliente (NIF ou nome).',
    },
  ];
  const choice = (t: SaleDocType) => choices.find((x) => x.type === t)!;

  let type: SaleDocType;
  let reason: string;
  if (c.requested) {
    type = c.requested;
    reason = `Escolhido pelo operador: ${choice(c.requested).reason}`;
  } else if (nif) {
    type = 'FR';
    reason = 'Fatura-recibo: o cliente indicou NIF.';
  } else if (!fs.allowed) {
    type = 'FR';
    reason = `Fatura-recibo: o total passa o limite da fatura simplificada (${formatEuro(fs.limit)}).`;
  } else {
    type = 'FS';
    reason = 'Fatura simplificada: consumidor final, dentro do limite.';
  }
  const chosen = choice(type);
  let blockedReason: string | null = null;
  if (!c.hasLines) blockedReason = 'A venda ainda não tem artigos.';
  else if (!chosen.allowed) blockedReason = chosen.reason;
  return {
    type,
    reason,
    requested: c.requested,
    ready: blockedReason === null,
    blockedReason,
    choices,
    // "Com referência Multibanco?" is asked only for an FT the rules allow, and only when PayPay is configured.
    askMbReference: type === 'FT' && chosen.allowed && c.mbReferenceAvailable === true,
  };
}
