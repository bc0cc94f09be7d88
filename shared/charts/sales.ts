import type { SalesReport } from '../api/sales-reports';
import { barChart, type Chart } from './geometry';

/** At most this many bars: the rest of a long list is in the table (and the CSV). */
const MAX_BARS = 24;

const short = (s: string): string => (s.length > 12 ? `${s.slice(0, 11)}…` : s);

/**
 * The chart of a sales report: gross sales per row (VAT: the tax per rate), in the table's order, drawn by the
 * same geometry as the day report (SVG on screen, pdfkit in the PDF).
 */
export function salesChart(r: SalesReport, box: { width: number; height: number }): Chart {
  const rows = r.rows.slice(0, MAX_BARS);
  return barChart(
    r.by === 'vat' ? `${r.title}: IVA por taxa` : r.title,
    rows.map((row) => ({ label: short(row.label), cents: r.by === 'vat' ? row.taxCents : row.grossCents })),
    box,
  );
}
