/**
 * Portuguese NIF (número de identificação fiscal) rules, fiscal-pt.md §5.1–5.4.
 * Pure: used by the core (document rules) and by the renderer (customer form).
 */

/** The generic consumer ("Consumidor final"), Portaria 302/2016 notes 2.2.1–2.2.6. */
export const CONSUMIDOR_FINAL_NIF = '999999990';
export const CONSUMIDOR_FINAL_NAME = 'Consumidor final';

/** Valid first digits / two-digit prefixes (gobl validPrefixes = Rebelo's regex), §5.2. */
const VALID_PREFIXES = [
  '1',
  '2',
  '3',
  '45',
  '5',
  '6',
  '70',
  '71',
  '72',
  '74',
  '75',
  '77',
  '78',
  '79',
  '8',
  '90',
  '91',
  '98',
  '99',
];

export type NifCheck =
  { ok: true; nif: string } | { ok: false; reason: 'format' | 'prefix' | 'checkDigit'; message: string };

/** Mod-11 check digit over d1..d8 with weights 9..2; r∈{0,1} → 0, else 11−r (§5.1). */
export function nifCheckDigit(first8: string): number {
  let s = 0;
  for (let i = 0; i < 8; i++) s += Number(first8[i]) * (9 - i);
  const r = s % 11;
  return r < 2 ? 0 : 11 - r;
}

/** Validates a Portuguese NIF. Spaces and a leading "PT" are tolerated and stripped. */
export function checkNif(input: string): NifCheck {
  const nif = input.replace(/\s+/g, '').replace(/^PT/i, '');
  if (!/^\d{9}$/.test(nif)) {
    return { ok: false, reason: 'format', message: 'O NIF tem de ter exatamente 9 algarismos.' };
  }
  if (!VALID_PREFIXES.some((p) => nif.startsWith(p))) {
    return {
      ok: false,
      reason: 'prefix',
      message: `O NIF ${nif} começa por um prefixo que não existe. Confirme o número.`,
    };
  }
  if (nifCheckDigit(nif) !== Number(nif[8])) {
    return {
      ok: false,
      reason: 'checkDigit',
      message: `O NIF ${nif} não é válido (dígito de controlo errado). Confirme o número.`,
    };
  }
  return { ok: true, nif };
}

export const isValidNif = (nif: string): boolean => checkNif(nif).ok;

/**
 * Whether a NIF most likely belongs to a taxable business (legal persons, public bodies, funds, condominiums,
 * non-residents). Individuals (1–3, 45) may be sole traders too: the cashier can say so explicitly.
 * Meanings are "common knowledge, not a primary source" (§5.2), hence only a default.
 */
export function nifLooksLikeBusiness(nif: string): boolean {
  if (nif === CONSUMIDOR_FINAL_NIF) return false;
  // A VAT id with a country prefix (shared/fiscal/tax-id.ts) is a taxable person's by definition.
  if (/^[A-Z]{2}/i.test(nif)) return true;
  return /^(5|6|7[0-9]|8|9[0-9])/.test(nif);
}
