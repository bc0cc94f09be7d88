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

/**
 * A drawer kick is only sent while the cashier is still there to use it: a kick that waited in the queue
 * (printer off) would otherwise open the drawer by itself minutes later, in front of nobody.
 */
export const DRAWER_KICK_MAX_AGE_MS = 60_000;

export const drawerKickStale = (job: PrintJobRow, now: Date): boolean =>
  now.getTime() - new Date(job.created_at).getTime() > DRAWER_KICK_MAX_AGE_MS;

/**
 * What one queued job puts out on its printer: ESC/POS bytes through `send`, or a PDF file.
 * Returns 'expired' for a drawer-only job whose kick is stale (nothing is sent).
 */
export async function executeJob(
  p: PrinterConfig,
  job: PrintJobRow,
  send: (bytes: Uint8Array) => Promise<void>,
  now: Date = new Date(),
): Promise<'printed' | 'expired'> {
  const kickFresh = !drawerKickStale(job, now);
  if (job.kind === 'report') {
    const report = PrintableShiftReport.parse(JSON.parse(job.payload));
    if (p.parsed.kind === 'pdf') {
      const label = job.doc_no ?? `relatorio-${job.id}`;
      const blocks = layoutShiftReport(report, { columns: geometry(p.profile).columns });
      fs.writeFileSync(pdfFile(p.parsed.file, label), await renderReportPdf(blocks, label));
      return 'printed';
    }
    await send(reportBytes(report, p.profile));
  } else if (job.kind === 'document') {
    const doc = PrintableDocument.parse(JSON.parse(job.payload));
    if (p.parsed.kind === 'pdf') {
      fs.writeFileSync(pdfFile(p.parsed.file, job.doc_no ?? String(job.id)), await renderA4Pdf(doc));
      return 'printed';
    }
    // A late receipt still prints; only its drawer kick is dropped.
    await send(receiptBytes(doc, p.profile, { openDrawer: job.open_drawer === 1 && kickFresh }));
  } else {
    if (p.parsed.kind === 'pdf') return 'printed';
    if (!kickFresh) return 'expired';
    await send(drawerBytes(p.profile));
  }
  return 'printed';
}
