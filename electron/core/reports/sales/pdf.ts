import PDFDocument from 'pdfkit';
import type { SalesReport, SalesRow, SalesTotals } from '../../../../shared/api/sales-reports';
import { eurosLabel } from '../../../../shared/charts/geometry';
import { salesChart } from '../../../../shared/charts/sales';
import { ansi, drawChart } from '../eod/pdf';
import { salesColumns } from '../../../../shared/reports/sales-columns';

const M = 40;
const PAGE_W = 595.28;
const PAGE_H = 841.89;
const BOTTOM = PAGE_H - 70;
const W = PAGE_W - 2 * M;

const ptDay = (d: string): string => `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`;

/**
 * A sales report as an A4 PDF (pt-PT, "página n/N"): title and period, the chart (the geometry the screen draws),
 * the table with its totals and, when compared, the previous period's totals.
 */
export function renderSalesPdf(r: SalesReport, opts: { shopName?: string } = {}): Promise<Buffer> {
  const pdf = new PDFDocument({ size: 'A4', margin: M, bufferPages: true, info: { Title: r.title } });
  const chunks: Buffer[] = [];
  pdf.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((res) => pdf.on('end', () => res(Buffer.concat(chunks))));

  pdf.font('Helvetica-Bold').fontSize(16).text(ansi(r.title), M, M);
  pdf
    .font('Helvetica')
    .fontSize(9)
    .fillColor('#374151')
    .text(ansi(`${opts.shopName ? `${opts.shopName} · ` : ''}De ${ptDay(r.from)} a ${ptDay(r.to)}`));
  pdf.fillColor('black').moveDown(0.5);
  const box = { width: W, height: 200 };
  drawChart(pdf, salesChart(r, box), M, pdf.y);
  pdf.x = M;
  pdf.y += box.height + 16;

  const cols = salesColumns(r.by);
  const widths = cols.map((c) => (c.key === 'label' ? W - (cols.length - 1) * 62 : 62));
  const row = (cells: string[], bold = false): void => {
    if (pdf.y + 14 > BOTTOM) pdf.addPage();
    const y = pdf.y;
    let x = M;
    pdf.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(8);
    cells.forEach((c, i) => {
      pdf.text(ansi(c), x, y, {
        width: widths[i] - 4,
        align: cols[i].align === 'right' ? 'right' : 'left',
        lineBreak: false,
        ellipsis: true,
      });
      x += widths[i];
    });
    pdf.x = M;
    pdf.y = y + 12;
  };
  row(
    cols.map((c) => c.header),
    true,
  );
  for (const x of r.rows) row(cols.map((c) => c.text(x)));
  const total = (t: SalesTotals): SalesRow => ({
    ...t,
    key: 'total',
    label: 'Total',
    quantity: null,
    rate: null,
    exemption: null,
  });
  row(
    cols.map((c) => c.text(total(r.totals))),
    true,
  );
  if (r.previous) {
    pdf.moveDown(0.6);
    row(
      cols.map((c) =>
        c.key === 'label'
          ? `Período anterior (${ptDay(r.previous!.from)} a ${ptDay(r.previous!.to)})`
          : c.text(total(r.previous!.totals)),
      ),
      true,
    );
    const d = r.totals.grossCents - r.previous.totals.grossCents;
    row([`Variação das vendas: ${d >= 0 ? '+' : ''}${eurosLabel(d)}`], false);
  }

  const range = pdf.bufferedPageRange();
  for (let i = 0; i < range.count; i++) {
    pdf.switchToPage(range.start + i);
    pdf.font('Helvetica').fontSize(8).fillColor('#6b7280');
    pdf.text(ansi(r.title), M, PAGE_H - 50, { lineBreak: false });
    const pg = `página ${i + 1}/${range.count}`;
    pdf.text(pg, PAGE_W - M - pdf.widthOfString(pg), PAGE_H - 50, { lineBreak: false });
  }
  pdf.end();
  return done;
}
