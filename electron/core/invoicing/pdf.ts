import type { FiscalDocumentView } from '../../../shared/api/fiscal';
import type { CoreContext } from '../context';
import { companyLogo } from '../printing/branding';
import { renderA4Pdf } from '../printing/pdf/a4';
import type { PrintableDocument } from '../printing/printable';
import { fiscalDocumentLoader } from '../printing/wire';

/** The A4 PDF of a document for download, always as "2.ª via" (the original went to the customer). */
export function a4PdfOf(
  ctx: CoreContext,
  fiscal: { get(idOrDocNo: number | string): FiscalDocumentView },
  mbReferenceOf?: (documentId: number) => PrintableDocument['mbReference'],
): (documentId: number) => Promise<{ fileName: string; pdf: Buffer }> {
  const load = fiscalDocumentLoader(ctx, fiscal, mbReferenceOf);
  return async (documentId) => {
    const doc = load(documentId, { copy: true });
    const pdf = await renderA4Pdf(doc, { logo: companyLogo(ctx.db) });
    return { fileName: `${doc.number.replace(/[^\w.-]+/g, '_')}.pdf`, pdf };
  };
}
