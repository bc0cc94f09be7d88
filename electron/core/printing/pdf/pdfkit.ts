import type PDFDocument from 'pdfkit';

/**
 * pdfkit (with fontkit and its font data) takes about a second to load on a busy 2-core till: load it when the
 * first PDF is drawn, not when the core starts (`balcao serve` answers sooner; most days print no A4).
 */
export async function loadPdfKit(): Promise<typeof PDFDocument> {
  return (await import('pdfkit')).default;
}
