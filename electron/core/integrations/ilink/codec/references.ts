import { PosError } from '../../../../../shared/errors';
import type { FiscalDocumentView } from '../../../../../shared/api/fiscal';
import type { ParsedCiusPtOptions } from './types';
import { fit, withAttrs, type XmlNode } from './xml';

/** DT-CIUS-PT-111.2: at most 5 MB per attached file. */
const MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024;

/** BillingReference (BG-3): NC (BR-CIUS-PT-25) and ND (BR-CIUS-PT-65) name the document they correct. */
export function billingReferenceXml(doc: FiscalDocumentView, o: ParsedCiusPtOptions): XmlNode | undefined {
  const origin = doc.references.origin;
  if (doc.type !== 'NC' && doc.type !== 'ND') return undefined;
  if (!origin) {
    throw new PosError('VALIDATION', `O documento ${doc.docNo} não indica o documento que corrige.`);
  }
  const ref: XmlNode = { 'cbc:ID': fit(origin.docNo, 50) };
  if (o.originIssueDate) ref['cbc:IssueDate'] = o.originIssueDate;
  return { 'cac:InvoiceDocumentReference': ref };
}

/** A file name for DT-CIUS-PT-113 (1–50 characters): "FT T1/3" → "FT_T1_3.pdf". */
export const fileNameOf = (docNo: string, ext: string): string =>
  `${docNo.replace(/[^0-9A-Za-z-]+/g, '_').slice(0, 45)}.${ext}`;

/**
 * AdditionalDocumentReference (BG-24):
 * - ATCUD + QR as iLink documents them: `cbc:ID schemeID="ANG"` = the ATCUD, DocumentDescription `QR_CODE`,
 *   the AT QR text base64-encoded (`text/csv` `QR_CODE.csv` by default, iLink's `text/plain` `QR_CODE.txt` on
 *   request: see CiusPtOptions.qrMimeCode). ASSUMPTION: the ID carries the ATCUD value.
 * - the A4 PDF, base64, `INVOICE_REPRESENTATION` (`CREDITNOTE_REPRESENTATION` on an NC, eSPap's convention).
 */
export function additionalReferencesXml(doc: FiscalDocumentView, o: ParsedCiusPtOptions): XmlNode[] {
  const out: XmlNode[] = [
    {
      'cbc:ID': withAttrs(fit(doc.atcud, 50), { schemeID: 'ANG' }),
      'cbc:DocumentDescription': 'QR_CODE',
      'cac:Attachment': {
        'cbc:EmbeddedDocumentBinaryObject': withAttrs(Buffer.from(doc.qr, 'utf8').toString('base64'), {
          mimeCode: o.qrMimeCode,
          filename: o.qrMimeCode === 'text/plain' ? 'QR_CODE.txt' : 'QR_CODE.csv',
        }),
      },
    },
  ];
  if (o.pdf) {
    if (o.pdf.byteLength > MAX_ATTACHMENT_BYTES) {
      throw new PosError('VALIDATION', 'O PDF do documento tem mais de 5 MB: o CIUS-PT não o aceita.');
    }
    out.push({
      'cbc:ID': fit(doc.docNo, 50),
      'cbc:DocumentDescription': doc.type === 'NC' ? 'CREDITNOTE_REPRESENTATION' : 'INVOICE_REPRESENTATION',
      'cac:Attachment': {
        'cbc:EmbeddedDocumentBinaryObject': withAttrs(Buffer.from(o.pdf).toString('base64'), {
          mimeCode: 'application/pdf',
          filename: fileNameOf(doc.docNo, 'pdf'),
        }),
      },
    });
  }
  return out;
}
