import type { EodRecord } from '../../../../shared/api/eod';

const cell = (v: string): string => (/[";\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
/** Cents as a plain decimal ("-0.50"): the CSV is for scripts and spreadsheets. */
const amount = (c: number | null): string => {
  if (c === null) return '';
  const a = Math.abs(c);
  return `${c < 0 ? '-' : ''}${Math.floor(a / 100)}.${String(a % 100).padStart(2, '0')}`;
};

/**
 * One row per reconciliation line: section, item, expected, actual, difference, explanation (and the light).
 * ASSUMPTION: ';' as separator and '.' as decimal mark, UTF-8 with BOM (opens in a pt-PT spreadsheet and parses
 * in scripts alike).
 */
export function eodCsv(r: EodRecord): string {
  const rows = [['secao', 'item', 'esperado', 'real', 'diferenca', 'explicacao', 'resultado']];
  for (const s of r.sections) {
    if (!s.configured) {
      rows.push([s.title, 'não configurado', '', '', '', '', '']);
      continue;
    }
    for (const l of s.lines)
      rows.push([
        s.title,
        l.item,
        amount(l.expectedCents),
        amount(l.actualCents),
        amount(l.differenceCents),
        l.explanation,
        l.light,
      ]);
  }
  return '\uFEFF' + rows.map((row) => row.map(cell).join(';')).join('\r\n') + '\r\n';
}
