import { Dec } from '../money';

/**
 * The AT QR code string, "Especificações Técnicas – Código QR" v1.0 §3–4 (fiscal-pt.md §4).
 * Fields `CODE:value` joined by `*` in table order; money always with 2 decimals; optional fields only
 * when there is data. Rendering: ECC M, byte mode, version ≥ 9 (QR_SYMBOL below).
 */
export const QR_SYMBOL = { errorCorrectionLevel: 'M', minVersion: 9, minSizeMm: 30 } as const;

export interface QrTaxGroup {
  /** TaxCountryRegion: PT, PT-AC, PT-MA. */
  region: string;
  /** RED, INT, NOR, ISE (ISE → I2/J2/K2, the exempt base). */
  code: string;
  base: string;
  tax: string;
}

export interface QrInput {
  issuerNif: string;
  buyerNif: string;
  buyerCountry: string;
  docType: string;
  status: string;
  /** YYYY-MM-DD */
  date: string;
  docNo: string;
  atcud: string;
  taxGroups: readonly QrTaxGroup[];
  /** Field L, total not subject to VAT. */
  notSubject?: string;
  /** Field M, stamp duty. */
  stampDuty?: string;
  taxPayable: string;
  grossTotal: string;
  withholding?: string;
  /** 4 hash characters; receipts (not signed) use "0" ([verify] AT FAQ; joaomfrebelo/at_qrcode). */
  hash4: string;
  certificate: string;
  /** Field S, e.g. "NU;12.30"; must not contain "*", max 65. */
  other?: string;
}

const money = (v: string): string => new Dec(v).toFixed(2);

/** Regions in the order of the I, J and K blocks. I is mainland PT (or another space); J = PT-AC; K = PT-MA. */
const BLOCKS: Array<{ letter: 'I' | 'J' | 'K'; region: string }> = [
  { letter: 'I', region: 'PT' },
  { letter: 'J', region: 'PT-AC' },
  { letter: 'K', region: 'PT-MA' },
];

export function buildQrString(q: QrInput): string {
  const f: string[] = [
    `A:${q.issuerNif}`,
    `B:${q.buyerNif}`,
    `C:${q.buyerCountry}`,
    `D:${q.docType}`,
    `E:${q.status}`,
    `F:${q.date.replace(/-/g, '')}`,
    `G:${q.docNo}`,
    `H:${q.atcud}`,
  ];
  const withTax = q.taxGroups.filter((g) => BLOCKS.some((b) => b.region === g.region));
  if (withTax.length === 0) {
    // Documents without any VAT rate (transport documents, receipts): I1:0 (§4.2).
    f.push('I1:0');
  }
  for (const b of BLOCKS) {
    const groups = withTax.filter((g) => g.region === b.region);
    // At least one fiscal space (I1) must exist; when all lines are regional the I block only names PT. [verify]
    if (groups.length === 0 && !(b.letter === 'I' && withTax.length > 0)) continue;
    f.push(`${b.letter}1:${b.region}`);
    const sum = (code: string, field: 'base' | 'tax'): Dec | null => {
      const gs = groups.filter((g) => g.code === code);
      return gs.length ? gs.reduce((a, g) => a.plus(g[field]), new Dec(0)) : null;
    };
    const pairs: Array<[number, Dec | null]> = [
      [2, sum('ISE', 'base')],
      [3, sum('RED', 'base')],
      [4, sum('RED', 'tax')],
      [5, sum('INT', 'base')],
      [6, sum('INT', 'tax')],
      [7, sum('NOR', 'base')],
      [8, sum('NOR', 'tax')],
    ];
    for (const [n, v] of pairs) if (v) f.push(`${b.letter}${n}:${v.toFixed(2)}`);
  }
  if (q.notSubject && !new Dec(q.notSubject).isZero()) f.push(`L:${money(q.notSubject)}`);
  if (q.stampDuty && !new Dec(q.stampDuty).isZero()) f.push(`M:${money(q.stampDuty)}`);
  f.push(`N:${money(q.taxPayable)}`, `O:${money(q.grossTotal)}`);
  if (q.withholding && !new Dec(q.withholding).isZero()) f.push(`P:${money(q.withholding)}`);
  f.push(`Q:${q.hash4}`, `R:${q.certificate}`);
  if (q.other) {
    const s = q.other.replace(/\*/g, '').slice(0, 65);
    if (s) f.push(`S:${s}`);
  }
  return f.join('*');
}

/** Field S for payments at issue: "NU;12.30" or "NU;10.00;CC;2.30" (free text, ≤ 65 chars). */
export function qrPaymentInfo(
  payments: ReadonlyArray<{ mechanism: string; amount: string }>,
): string | undefined {
  if (!payments.length) return undefined;
  const s = payments.map((p) => `${p.mechanism};${money(p.amount)}`).join(';');
  return s.length <= 65 ? s : undefined;
}

/** Parses a QR string back into fields (format checks in tests, and the printing engineer's sanity checks). */
export function parseQrString(s: string): Array<[string, string]> {
  return s.split('*').map((part) => {
    const i = part.indexOf(':');
    return [part.slice(0, i), part.slice(i + 1)];
  });
}
