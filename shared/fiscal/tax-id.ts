/**
 * The customer's tax id as typed at the till or sent to the core: a Portuguese NIF (9 digits, mod 11, optional
 * "PT") or an EU VAT id with its country prefix ("ESB12345678", "FR40303265045"), checked by format.
 * ONE module for the renderer (the customer form, as typed) and the core (sales and fiscal customers), so both
 * say the same thing about the same characters.
 *
 * ASSUMPTION: a foreign EU VAT id is stored as typed in VIES form — the country prefix followed by the national
 * number, without spaces, dots or dashes — with the customer's Country set from the prefix (EL → GR, XI → GB).
 * Formats only (the VIES syntax rules); no foreign check digits and no online VIES lookup (the till works offline).
 */
import { CONSUMIDOR_FINAL_NIF, checkNif } from './nif';

interface EuFormat {
  /** ISO 3166-1 alpha-2 country (SAF-T `Country`), which differs from the VAT prefix for Greece and XI. */
  country: string;
  /** pt-PT name of the country, for messages. */
  name: string;
  /** The national part after the prefix (VIES syntax). */
  re: RegExp;
  /** Fewest characters a valid national part has: shorter is "still typing", not an error. */
  min: number;
  /** What the national part looks like, for the help line. */
  shape: string;
}

const EU: Record<string, EuFormat> = {
  AT: { country: 'AT', name: 'Áustria', re: /^U\d{8}$/, min: 9, shape: 'U + 8 algarismos' },
  BE: { country: 'BE', name: 'Bélgica', re: /^[01]\d{9}$/, min: 10, shape: '10 algarismos' },
  BG: { country: 'BG', name: 'Bulgária', re: /^\d{9,10}$/, min: 9, shape: '9 ou 10 algarismos' },
  CY: { country: 'CY', name: 'Chipre', re: /^\d{8}[A-Z]$/, min: 9, shape: '8 algarismos + 1 letra' },
  CZ: { country: 'CZ', name: 'Chéquia', re: /^\d{8,10}$/, min: 8, shape: '8 a 10 algarismos' },
  DE: { country: 'DE', name: 'Alemanha', re: /^\d{9}$/, min: 9, shape: '9 algarismos' },
  DK: { country: 'DK', name: 'Dinamarca', re: /^\d{8}$/, min: 8, shape: '8 algarismos' },
  EE: { country: 'EE', name: 'Estónia', re: /^\d{9}$/, min: 9, shape: '9 algarismos' },
  EL: { country: 'GR', name: 'Grécia', re: /^\d{9}$/, min: 9, shape: '9 algarismos' },
  ES: {
    country: 'ES',
    name: 'Espanha',
    re: /^[A-Z0-9]\d{7}[A-Z0-9]$/,
    min: 9,
    shape: '9 caracteres (letra ou algarismo, 7 algarismos, letra ou algarismo)',
  },
  FI: { country: 'FI', name: 'Finlândia', re: /^\d{8}$/, min: 8, shape: '8 algarismos' },
  FR: {
    country: 'FR',
    name: 'França',
    re: /^[0-9A-HJ-NP-Z]{2}\d{9}$/,
    min: 11,
    shape: '2 caracteres + 9 algarismos',
  },
  HR: { country: 'HR', name: 'Croácia', re: /^\d{11}$/, min: 11, shape: '11 algarismos' },
  HU: { country: 'HU', name: 'Hungria', re: /^\d{8}$/, min: 8, shape: '8 algarismos' },
  IE: {
    country: 'IE',
    name: 'Irlanda',
    re: /^(\d{7}[A-W][A-IW]?|\d[A-Z+*]\d{5}[A-W])$/,
    min: 8,
    shape: '7 algarismos + 1 ou 2 letras',
  },
  IT: { country: 'IT', name: 'Itália', re: /^\d{11}$/, min: 11, shape: '11 algarismos' },
  LT: { country: 'LT', name: 'Lituânia', re: /^(\d{9}|\d{12})$/, min: 9, shape: '9 ou 12 algarismos' },
  LU: { country: 'LU', name: 'Luxemburgo', re: /^\d{8}$/, min: 8, shape: '8 algarismos' },
  LV: { country: 'LV', name: 'Letónia', re: /^\d{11}$/, min: 11, shape: '11 algarismos' },
  MT: { country: 'MT', name: 'Malta', re: /^\d{8}$/, min: 8, shape: '8 algarismos' },
  NL: {
    country: 'NL',
    name: 'Países Baixos',
    re: /^\d{9}B\d{2}$/,
    min: 12,
    shape: '9 algarismos + B + 2 algarismos',
  },
  PL: { country: 'PL', name: 'Polónia', re: /^\d{10}$/, min: 10, shape: '10 algarismos' },
  RO: { country: 'RO', name: 'Roménia', re: /^[1-9]\d{1,9}$/, min: 2, shape: '2 a 10 algarismos' },
  SE: { country: 'SE', name: 'Suécia', re: /^\d{10}01$/, min: 12, shape: '12 algarismos (terminam em 01)' },
  SI: { country: 'SI', name: 'Eslovénia', re: /^\d{8}$/, min: 8, shape: '8 algarismos' },
  SK: { country: 'SK', name: 'Eslováquia', re: /^\d{10}$/, min: 10, shape: '10 algarismos' },
  XI: {
    country: 'GB',
    name: 'Irlanda do Norte',
    re: /^(\d{9}|\d{12}|GD[0-4]\d{2}|HA[5-9]\d{2})$/,
    min: 5,
    shape: '9 ou 12 algarismos',
  },
};

/** ISO country → VAT prefix (only where they differ). */
const PREFIX_OF_COUNTRY: Record<string, string> = { GR: 'EL', GB: 'XI' };

export type TaxIdCheck =
  | {
      ok: true;
      /** What goes on the document (CustomerTaxID): the 9 digits, or prefix + national part. */
      taxId: string;
      /** SAF-T `Country` of the customer. */
      country: string;
      /** An EU VAT id from another member state: the buyer is a taxable person by definition. */
      foreign: boolean;
    }
  | {
      ok: false;
      /** `incomplete`: a valid id may still come out of what is being typed (the form stays neutral). */
      reason: 'incomplete' | 'format' | 'prefix' | 'checkDigit' | 'country';
      message: string;
    };

/** Spaces, dots, dashes and slashes people type inside ids carry no meaning. */
export function normaliseTaxId(input: string): string {
  return input.replace(/[\s.\-/]+/g, '').toUpperCase();
}

function checkPortuguese(digits: string): TaxIdCheck {
  if (digits.length < 9) {
    const n = 9 - digits.length;
    return {
      ok: false,
      reason: 'incomplete',
      message: n === 1 ? 'Falta 1 algarismo.' : `Faltam ${n} algarismos.`,
    };
  }
  if (digits.length > 9) {
    const n = digits.length - 9;
    return {
      ok: false,
      reason: 'format',
      message:
        `Um NIF português tem 9 algarismos; este tem ${digits.length} (${n} a mais). ` +
        'Um NIF estrangeiro começa pelo código do país (ES, FR, DE…).',
    };
  }
  const chk = checkNif(digits);
  return chk.ok
    ? { ok: true, taxId: chk.nif, country: 'PT', foreign: false }
    : { ok: false, reason: chk.reason, message: chk.message };
}

function checkEu(prefix: string, national: string): TaxIdCheck {
  const f = EU[prefix];
  if (!f) {
    return {
      ok: false,
      reason: 'country',
      message: `«${prefix}» não é o código de um país da UE. Um NIF estrangeiro começa pelo código do país (ES, FR, DE…).`,
    };
  }
  if (f.re.test(national)) return { ok: true, taxId: prefix + national, country: f.country, foreign: true };
  const what = `NIF de ${f.name} (${prefix}): ${f.shape}.`;
  if (national.length < f.min && /^[A-Z0-9+*]*$/.test(national))
    return { ok: false, reason: 'incomplete', message: `${what} Continue a escrever.` };
  return { ok: false, reason: 'format', message: `${what} Confirme o número.` };
}

/**
 * Checks a customer tax id. `country` (ISO alpha-2) is what the caller already knows about the customer; without
 * it the id says: digits (or "PT…") are Portuguese, two letters of an EU member state are that state's VAT id.
 * A customer of a country outside the EU keeps the id as given (free text, ≤ 30, SAF-T CustomerTaxID).
 */
export function checkTaxId(input: string, country?: string): TaxIdCheck {
  const s = normaliseTaxId(input);
  const c = country?.trim().toUpperCase();
  if (!s) return { ok: false, reason: 'incomplete', message: 'Escreva o NIF.' };
  if (c && c !== 'PT' && c !== 'DESCONHECIDO') {
    const prefix = PREFIX_OF_COUNTRY[c] ?? c;
    if (EU[prefix]) return checkEu(prefix, s.startsWith(prefix) ? s.slice(2) : s);
    return s.length <= 30
      ? { ok: true, taxId: s, country: c, foreign: true }
      : {
          ok: false,
          reason: 'format',
          message: 'O número de identificação fiscal tem no máximo 30 caracteres.',
        };
  }
  if (/^(PT)?\d*$/.test(s)) return checkPortuguese(s.replace(/^PT/, ''));
  const m = /^([A-Z]{1,2})(.*)$/.exec(s);
  if (m && m[1]!.length === 1 && m[2] === '')
    return { ok: false, reason: 'incomplete', message: 'Escreva o código do país (duas letras) e o número.' };
  if (m && m[1]!.length === 2 && m[1] !== 'PT') return checkEu(m[1]!, m[2]!);
  return {
    ok: false,
    reason: 'format',
    message: 'Escreva os 9 algarismos do NIF português, ou o código do país da UE seguido do número.',
  };
}

/** The generic consumer's NIF, or nothing typed: no validation, the document goes to "Consumidor final". */
export function isGenericTaxId(input: string): boolean {
  const s = normaliseTaxId(input).replace(/^PT/, '');
  return s === '' || s === CONSUMIDOR_FINAL_NIF;
}
