import fs from 'node:fs';
import path from 'node:path';
import { renderA4Pdf } from './pdf/a4';
import { renderReportPdf } from './pdf/report';
import { layoutShiftReport } from './layout/shift-report';
import { PrintableDocument } from './printable';
import { PrintableShiftReport } from './printable-report';
import type { PrinterConfig } from './printers';
import { geometry } from './profile';
import type { PrintJobRow } from './queue';
import { drawerBytes, receiptBytes, reportBytes } from './render-document';

/** `pdf:` printers write one file per job: `{doc}` in the path becomes the document number or report label. */
function pdfFile(template: string, label: string): string {
  const file = template.replace('{doc}', label.replace(/[^\w.-]+/g, '_'));
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  return file;
}

/** What one queued job puts out on its printer: ESC/POS bytes through `send`, or a PDF file. */
export async function executeJob(
  p: PrinterConfig,
  job: PrintJobRow,
  send: (bytes: Uint8Array) => Promise<void>,
): Promise<void> {
  if (job.kind === 'report') {
    const report = PrintableShiftReport.parse(JSON.parse(job.payload));
    if (p.parsed.kind === 'pdf') {
      const label = job.doc_no ?? `relatorio-${job.id}`;
      const blocks = layoutShiftReport(report, { columns: geometry(p.profile).columns });
      fs.writeFileSync(pdfFile(p.parsed.file, label), await renderReportPdf(blocks, label));
      return;
    }
    await send(reportBytes(report, p.profile));
  } else if (job.kind === 'document') {
    const doc = PrintableDocument.parse(JSON.parse(job.payload));
    if (p.parsed.kind === 'pdf') {
      fs.writeFileSync(pdfFile(p.parsed.file, job.doc_no ?? String(job.id)), await renderA4Pdf(doc));
      return;
    }
    await send(receiptBytes(doc, p.profile, { openDrawer: job.open_drawer === 1 }));
  } else {
    if (p.parsed.kind === 'pdf') return;
    await send(drawerBytes(p.profile));
  }
}
