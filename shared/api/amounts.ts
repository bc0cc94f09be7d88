import { z } from 'zod';
import { AMOUNT_LIMITS, Dec, formatEuro, formatQty } from '../money';

/**
 * The one definition of every amount, quantity and percentage the API accepts (issue 9, item 4): canonical
 * decimal strings (digits, optionally "." and decimals; no sign, exponent, spaces, "NaN" or thousands
 * separators) with the precision and range a fiscal document accepts (AMOUNT_LIMITS in shared/money.ts).
 * Validated once, here, at the contract: what passes can be stored, priced, paid in integer cents on the
 * CI-5 wire and issued, so a handler never meets "1e-8" or a sub-cent amount.
 */

interface Rule {
  /** pt-PT subject of the messages: "O valor", "A quantidade"… */
  label: string;
  decimals: number;
  min: string;
  /** The minimum itself is refused (quantities, amounts to charge). */
  minExclusive: boolean;
  max: string;
  show: (v: string) => string;
}

/** Longer than any accepted value (15 integer digits + "." + 8 decimals); checked first, cheaply. */
const MAX_TEXT = 30;
const SHAPE = /^\d+(?:\.\d+)?$/;

/** The first reason `v` is not acceptable under `rule`, in pt-PT, or null. */
export function decimalProblem(v: string, rule: Rule): string | null {
  if (v.length > MAX_TEXT) return `${rule.label} é demasiado longo.`;
  if (!SHAPE.test(v)) {
    return `${rule.label} não é um número válido: use algarismos e ponto decimal, sem sinal, espaços nem expoente (ex.: 12.30).`;
  }
  const decimals = v.split('.')[1]?.length ?? 0;
  if (decimals > rule.decimals) {
    return rule.decimals === 0
      ? `${rule.label} tem de ser um número inteiro.`
      : `${rule.label} aceita no máximo ${rule.decimals} casas decimais.`;
  }
  const d = new Dec(v);
  const low = rule.minExclusive ? d.lte(rule.min) : d.lt(rule.min);
  if (low || d.gt(rule.max)) {
    const from = rule.minExclusive
      ? `maior do que ${rule.show(rule.min)}`
      : `pelo menos ${rule.show(rule.min)}`;
    return `${rule.label} tem de ser ${from} e no máximo ${rule.show(rule.max)}.`;
  }
  return null;
}

/** One issue at most, and never an exception (a throw inside a refinement would surface as a 500). */
function decimalInput(rule: Rule, extra?: (v: string) => string | null) {
  return z.string().superRefine((v, ctx) => {
    const problem = decimalProblem(v, rule) ?? extra?.(v) ?? null;
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });
}

const euro = (v: string): string => formatEuro(v);
const pct = (v: string): string => `${formatQty(v)} %`;
const qty = (v: string): string => formatQty(v).replace(/\B(?=(\d{3})+(?!\d))/g, '\u00a0');
const M = AMOUNT_LIMITS;

const moneyRule = (label: string, positive: boolean): Rule => ({
  label,
  decimals: M.moneyDecimals,
  min: '0',
  minExclusive: positive,
  max: M.maxDocumentTotal,
  show: euro,
});

/** Money in euros, to the cent, 0 … 999 999 999,99 € (floats, counted cash, cash tendered). */
export const Money = decimalInput(moneyRule('O valor', false));
/** Money to charge, pay out or move: more than 0,00 €. */
export const PositiveMoney = decimalInput(moneyRule('O valor', true));
/** Unit price with VAT as the shop sets it: up to 4 decimals, 0 … 999 999 999,99 €. */
export const UnitPrice = decimalInput({
  label: 'O preço unitário',
  decimals: M.unitPriceDecimals,
  min: '0',
  minExclusive: false,
  max: M.maxDocumentTotal,
  show: euro,
});
/** A line quantity: more than 0, up to 3 decimals, at most 99 999,999. */
export const Quantity = decimalInput({
  label: 'A quantidade',
  decimals: M.quantityDecimals,
  min: '0',
  minExclusive: true,
  max: M.maxQuantity,
  show: qty,
});
/** A percentage, 0 … 100 %, up to 2 decimals, its messages naming `label` ("O desconto"). */
export const percentOf = (label: string) =>
  decimalInput({ label, decimals: M.percentDecimals, min: '0', minExclusive: false, max: '100', show: pct });
/** A discount percentage, 0 … 100 %, up to 2 decimals. */
export const Percent = percentOf('O desconto');
/** Money in euros, its messages naming `label` ("O limite da devolução"). */
export const moneyOf = (label: string) => decimalInput(moneyRule(label, false));

/** Euro notes and coins (cents): what the CI-5 counts and dispenses. */
export const EUR_PIECE_CENTS = [
  1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, 20000, 50000,
] as const;
/** A euro note or coin value ("0.05", "20.00"). */
export const PieceValue = decimalInput(moneyRule('O valor da nota/moeda', true), (v) =>
  (EUR_PIECE_CENTS as readonly number[]).includes(new Dec(v).times(100).toNumber())
    ? null
    : 'Não é uma nota nem moeda de euro (0.01 … 500.00).',
);
