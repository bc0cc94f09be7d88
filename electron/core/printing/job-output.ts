import { PosError } from '../../../shared/errors';
import { writeOutputFile } from './output-path';
import { renderA4Pdf } from './pdf/a4';
import { renderReportPdf } from './pdf/report';
import { layoutShiftReport } from './layout/shift-report';
import { PrintableDocument } from './printable';
import { PrintableShiftReport } from './printable-report';
import type { CompanyLogo } from './branding';
import type { PrinterConfig } from './printers';
import { geometry } from './profile';
import type { PrintJobRow } from './queue';
import { drawerBytes, receiptBytes, reportBytes } from './render-document';

/**
 * `pdf:` printers write one file per job: `{doc}` in the path becomes the document number or report label
 * (reduced to one harmless file-name part: never a separator, never `.` or `..`). The template itself was
 * resolved inside the data folder by the printer store.
 */
function pdfFile(template: string, label: string): string {
  const part = label.replace(/[^\w.-]+/g, '_').replace(/^\.+$/, '_');
  return template.replace('{doc}', part);
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
  logo: CompanyLogo | null = null,
): Promise<'printed' | 'expired'> {
  if (p.outputError) throw new PosError('VALIDATION', p.outputError);
  const kickFresh = !drawerKickStale(job, now);
  if (job.kind === 'report') {
    const report = PrintableShiftReport.parse(JSON.parse(job.payload));
    if (p.parsed.kind === 'pdf') {
      const label = job.doc_no ?? `relatorio-${job.id}`;
      const blocks = layoutShiftReport(report, { columns: geometry(p.profile).columns });
      writeOutputFile(pdfFile(p.parsed.file, label), await renderReportPdf(blocks, label));
      return 'printed';
    }
    await send(reportBytes(report, p.profile));
  } else if (job.kind === 'document') {
    const doc = PrintableDocument.parse(JSON.parse(job.payload));
    if (p.parsed.kind === 'pdf') {
      writeOutputFile(pdfFile(p.parsed.file, job.doc_no ?? String(job.id)), await renderA4Pdf(doc, { logo }));
      return 'printed';
    }
    // A late receipt still prints; only its drawer kick is dropped.
    await send(receiptBytes(doc, p.profile, { openDrawer: job.open_drawer === 1 && kickFresh, logo }));
  } else {
    if (p.parsed.kind === 'pdf') return 'printed';
    if (!kickFresh) return 'expired';
    await send(drawerBytes(p.profile));
  }
  return 'printed';
}
