import { loadPdfKit } from './pdfkit';
import type { Block } from '../layout/blocks';

/**
 * A non-fiscal report (X/Z) on A4 for `pdf:` printers: the same lines as on the thermal roll, in Courier (a
 * PDF standard font with WinAnsi: Portuguese letters and € without embedding a font), so paper and PDF agree.
 */
export async function renderReportPdf(blocks: readonly Block[], title: string): Promise<Buffer> {
  const PDFDocument = await loadPdfKit();
  const pdf = new PDFDocument({ size: 'A4', margin: 50, info: { Title: title } });
  const chunks: Buffer[] = [];
  pdf.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((res) => pdf.on('end', () => res(Buffer.concat(chunks))));
  for (const b of blocks) {
    if (b.kind === 'text') {
      pdf
        .font(b.style.bold ? 'Courier-Bold' : 'Courier')
        .fontSize(b.style.doubleWidth ? 14 : 10)
        .text(b.text || ' ', { align: b.align, width: 495 });
    } else if (b.kind === 'feed') {
      pdf.moveDown(b.lines);
    }
  }
  pdf.end();
  return done;
}
