/** pt-PT: why a number cannot receive an MB WAY request (payment screen and core say the same). */
export const MBWAY_PHONE_INVALID =
  'Indique um telemóvel MB WAY válido: 9 algarismos começados por 9 (ex.: 912 345 678) ou, de outro país, o indicativo (ex.: +34 612 345 678).';

/**
 * MB WAY phone `<country>#<number>` (FACT §1.2). Accepts "912 345 678", "+351912345678", "00351…",
 * "+34 612 345 678", "351#912345678". A Portuguese mobile has 9 digits starting with 9.
 */
export function mbwayPhone(input: string): string | null {
  const s = input.replace(/[\s.-]/g, '');
  const hash = /^(\d{1,3})#(\d{6,15})$/.exec(s);
  if (hash) return hash[1] === '351' && !/^9\d{8}$/.test(hash[2]) ? null : `${hash[1]}#${hash[2]}`;
  if (/^9\d{8}$/.test(s)) return `351#${s}`;
  const intl = /^(?:\+|00)(\d{7,15})$/.exec(s);
  if (!intl) return null;
  const d = intl[1];
  if (d.startsWith('351')) return /^3519\d{8}$/.test(d) ? `351#${d.slice(3)}` : null;
  // ASSUMPTION: country codes of 1-3 digits; the common ones are matched longest first.
  const cc = [
    '1',
    '7',
    '20',
    '27',
    '30',
    '31',
    '32',
    '33',
    '34',
    '36',
    '39',
    '40',
    '41',
    '43',
    '44',
    '45',
    '46',
    '47',
    '48',
    '49',
    '55',
    '244',
    '238',
    '239',
    '245',
    '258',
    '352',
  ]
    .sort((a, b) => b.length - a.length)
    .find((c) => d.startsWith(c));
  return cc ? `${cc}#${d.slice(cc.length)}` : null;
}
