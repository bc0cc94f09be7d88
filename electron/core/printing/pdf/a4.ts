import { loadPdfKit } from './pdfkit';
import { Dec } from '../../../../shared/money';
import { qrMatrix } from '../escpos/qr';
import {
  LEGAL,
  atcudLine,
  certificationLine,
  customerLines,
  isNotInvoice,
  registrationLines,
  transportLines,
} from '../legal-text';
import { dateTime, money, percent, price, qty } from '../layout/text';
import type { PrintableDocument } from '../printable';
import type { CompanyLogo } from '../branding';

/** The logo's box at the top left of every page (points): wide logos fill the width, tall ones the height. */
const LOGO_BOX = { w: 160, h: 60 } as const;

/**
 * A4 PDF of a fiscal document (FT/FR/NC/ND/RG…), for e-mail and e-invoicing. Same legal content as the
 * receipt. Multi-page rules (Despacho 8632/2014 2.2.11; Portaria 195/2020 art. 4.º): every page carries the
 * type, number, ATCUD, carried totals and "página n/N"; totals only on the last page; the QR on the last page.
 * Helvetica (a PDF standard font, WinAnsi) covers Portuguese letters and €, so no font file is embedded.
 */
const M = 40;
const PAGE_W = 595.28;
const PAGE_H = 841.89;
const BOTTOM = PAGE_H - 70;
const COLS = [
  { key: 'desc', title: 'Descrição', x: M, w: 215, align: 'left' },
  { key: 'qty', title: 'Qtd.', x: 255, w: 45, align: 'right' },
  { key: 'unit', title: 'Un.', x: 304, w: 25, align: 'left' },
  { key: 'price', title: 'Preço unit.', x: 330, w: 60, align: 'right' },
  { key: 'disc', title: 'Desc.', x: 392, w: 45, align: 'right' },
  { key: 'tax', title: 'IVA', x: 440, w: 40, align: 'right' },
  { key: 'amount', title: 'Total', x: 482, w: PAGE_W - M - 482, align: 'right' },
] as const;

interface OpenedImage {
  readonly width: number;
  readonly height: number;
}
const openImage = (pdf: PDFKit.PDFDocument, bytes: Buffer): OpenedImage =>
  (pdf as unknown as { openImage(src: Buffer): OpenedImage }).openImage(bytes);

export async function renderA4Pdf(
  doc: PrintableDocument,
  opts: { creationDate?: Date; logo?: CompanyLogo | null } = {},
): Promise<Buffer> {
  const PDFDocument = await loadPdfKit();
  const pdf = new PDFDocument({
    size: 'A4',
    margin: M,
    bufferPages: true,
    info: {
      Title: `${doc.docTypeName} ${doc.number}`,
      Author: doc.issuer.name,
      ...(opts.creationDate ? { CreationDate: opts.creationDate } : {}),
    },
  });
  const chunks: Buffer[] = [];
  pdf.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((res) => pdf.on('end', () => res(Buffer.concat(chunks))));

  // Opened once (pdfkit's documented openImage, absent from @types/pdfkit), so every page's header reuses one
  // image object in the file instead of embedding the logo again per page.
  const logo = opts.logo ? openImage(pdf, opts.logo.bytes) : null;
  const logoScale = logo ? Math.min(LOGO_BOX.w / logo.width, LOGO_BOX.h / logo.height) : 0;

  const header = (): number => {
    let top = M;
    if (logo) {
      pdf.image(logo as unknown as Buffer, M, M, {
        width: logo.width * logoScale,
        height: logo.height * logoScale,
      });
      top = M + logo.height * logoScale + 6;
    }
    pdf.font('Helvetica-Bold').fontSize(13).text(doc.issuer.name, M, top, { width: 280 });
    pdf.font('Helvetica').fontSize(9);
    for (const a of doc.issuer.address) pdf.text(a, { width: 280 });
    pdf.text(`NIF: ${doc.issuer.nif}`, { width: 280 });
    // Capital social and Conservatória on every page, like the rest of the company block (CSC art. 171.º).
    for (const r of registrationLines(doc.issuer, Infinity)) pdf.text(r, { width: 280 });
    if (doc.training && doc.issuer.softwareName)
      pdf.text(`Software: ${doc.issuer.softwareName}`, { width: 280 });
    // Gestão › Empresa's header text, under the company block.
    if (doc.companyHeader.length) {
      pdf.fontSize(8.5).text('', { width: 280 });
      for (const h of doc.companyHeader) pdf.text(h, { width: 280 });
      pdf.fontSize(9);
    }
    const leftEnd = pdf.y;
    pdf
      .font('Helvetica-Bold')
      .fontSize(15)
      .text(doc.docTypeName, 330, M, { width: PAGE_W - M - 330, align: 'right' });
    pdf.fontSize(11).text(doc.number, { width: PAGE_W - M - 330, align: 'right' });
    pdf
      .font('Helvetica')
      .fontSize(9)
      .text(`Data: ${dateTime(doc.issuedAt)}`, { width: PAGE_W - M - 330, align: 'right' });
    pdf.text(atcudLine(doc.atcud), { width: PAGE_W - M - 330, align: 'right' });
    pdf
      .font('Helvetica-Bold')
      .text(doc.copy ? LEGAL.copy : 'Original', { width: PAGE_W - M - 330, align: 'right' });
    if (doc.training)
      pdf
        .fillColor('#b00')
        .text(LEGAL.training, { width: PAGE_W - M - 330, align: 'right' })
        .fillColor('black');
    const y = Math.max(leftEnd, pdf.y) + 10;
    pdf
      .moveTo(M, y)
      .lineTo(PAGE_W - M, y)
      .lineWidth(0.5)
      .stroke();
    return y + 8;
  };

  const tableHead = (y: number): number => {
    pdf.font('Helvetica-Bold').fontSize(8.5);
    for (const c of COLS) pdf.text(c.title, c.x, y, { width: c.w, align: c.align });
    pdf
      .moveTo(M, y + 12)
      .lineTo(PAGE_W - M, y + 12)
      .lineWidth(0.3)
      .stroke();
    return y + 16;
  };

  let y = header();
  // Customer block.
  pdf.font('Helvetica-Bold').fontSize(9).text('Cliente', M, y);
  pdf.font('Helvetica');
  for (const l of customerLines(doc)) pdf.text(l, { width: 300 });
  for (const r of doc.references) {
    pdf.text(
      `${doc.docType === 'RG' || doc.docType === 'RC' ? 'Liquida' : 'Referente a'}: ${r.number}${r.amount ? ` (${money(r.amount)} €)` : ''}${r.reason ? ` — Motivo: ${r.reason}` : ''}`,
      { width: PAGE_W - 2 * M },
    );
  }
  const transport = transportLines(doc);
  if (transport.length) {
    pdf
      .font('Helvetica-Bold')
      .fontSize(9)
      .text('Transporte', M, pdf.y + 6);
    pdf.font('Helvetica');
    for (const l of transport) pdf.text(l, { width: PAGE_W - 2 * M });
  }
  y = pdf.y + 12;

  let carried = new Dec(0);
  if (doc.lines.length) {
    y = tableHead(y);
    for (const l of doc.lines) {
      pdf.font('Helvetica').fontSize(8.5);
      const h = pdf.heightOfString(l.description, { width: COLS[0].w }) + 4;
      if (y + h > BOTTOM - 20) {
        pdf.font('Helvetica-Bold').text(`A transportar: ${money(carried.toString())} €`, M, BOTTOM - 14, {
          width: PAGE_W - 2 * M,
          align: 'right',
        });
        pdf.addPage();
        y = header();
        pdf
          .font('Helvetica-Bold')
          .fontSize(9)
          .text(`Transporte: ${money(carried.toString())} €`, M, y, {
            width: PAGE_W - 2 * M,
            align: 'right',
          });
        y = tableHead(pdf.y + 6);
        pdf.font('Helvetica').fontSize(8.5);
      }
      const tax =
        l.taxRate !== null && l.exemptionCode === null ? percent(l.taxRate) : (l.exemptionCode ?? 'ISE');
      const cells: Record<(typeof COLS)[number]['key'], string> = {
        desc: l.description,
        qty: qty(l.quantity),
        unit: l.unit,
        price: price(l.unitPrice),
        disc: l.discount && !new Dec(l.discount).isZero() ? money(l.discount) : '',
        tax,
        amount: money(l.amount),
      };
      for (const c of COLS) pdf.text(cells[c.key], c.x, y, { width: c.w, align: c.align });
      y += h;
      carried = carried.plus(l.amount);
    }
  }

  // Last page: summary, totals, payments, legal lines, ATCUD + QR, certification phrase. ~260 pt needed.
  const need =
    110 +
    doc.taxSummary.length * 12 +
    doc.exemptions.length * 12 +
    doc.payments.length * 24 +
    (doc.footer.length + doc.companyFooter.length) * 11 +
    150;
  if (y + need > BOTTOM) {
    if (doc.lines.length) {
      pdf
        .font('Helvetica-Bold')
        .fontSize(9)
        .text(`A transportar: ${money(carried.toString())} €`, M, BOTTOM - 14, {
          width: PAGE_W - 2 * M,
          align: 'right',
        });
    }
    pdf.addPage();
    y = header();
    if (doc.lines.length) {
      pdf
        .font('Helvetica-Bold')
        .fontSize(9)
        .text(`Transporte: ${money(carried.toString())} €`, M, y, { width: PAGE_W - 2 * M, align: 'right' });
      y = pdf.y + 6;
    }
  }
  y += 6;
  pdf
    .moveTo(M, y)
    .lineTo(PAGE_W - M, y)
    .lineWidth(0.3)
    .stroke();
  y += 6;
  const top = y;
  if (doc.taxSummary.length) {
    pdf.font('Helvetica-Bold').fontSize(8.5).text('Resumo do IVA', M, y);
    y = pdf.y + 2;
    const row = (a: string, b: string, c: string, bold = false): void => {
      pdf.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(8.5);
      pdf.text(a, M, y, { width: 70 });
      pdf.text(b, M + 70, y, { width: 80, align: 'right' });
      pdf.text(c, M + 150, y, { width: 80, align: 'right' });
      y += 12;
    };
    row('Taxa', 'Incidência', 'IVA', true);
    for (const t of doc.taxSummary) {
      row(
        t.rate !== null && t.exemptionCode === null ? percent(t.rate) : (t.exemptionCode ?? 'ISE'),
        money(t.base),
        money(t.tax),
      );
    }
    for (const e of doc.exemptions) {
      pdf.font('Helvetica').fontSize(8).text(`${e.code}: ${e.reason}`, M, y, { width: 260 });
      y = pdf.y + 2;
    }
  }
  // Totals (right column).
  let ty = top;
  const total = (label: string, value: string, bold = false): void => {
    pdf.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(bold ? 12 : 9);
    pdf.text(label, 330, ty, { width: 130 });
    pdf.text(value, 460, ty, { width: PAGE_W - M - 460, align: 'right' });
    ty += bold ? 18 : 13;
  };
  if (doc.documentDiscount && !new Dec(doc.documentDiscount).isZero())
    total('Desconto global', money(doc.documentDiscount));
  total('Total sem IVA', money(doc.totals.net));
  total('Total IVA', money(doc.totals.tax));
  total('Total', `${money(doc.totals.gross)} €`, true);
  if (doc.totals.withholding && !new Dec(doc.totals.withholding).isZero())
    total('Retenção na fonte', money(doc.totals.withholding));
  for (const p of doc.payments) {
    total(p.label, money(p.amount));
    if (p.given) total('  Entregue', money(p.given));
    if (p.change) total('  Troco', money(p.change));
    if (p.multibanco) total('  Entidade / Referência', `${p.multibanco.entity} / ${p.multibanco.reference}`);
  }
  // Issue 11: how to pay this invoice by Multibanco (PayPay reference).
  const mbr = doc.mbReference;
  if (mbr) {
    total('Pagamento por Multibanco', '', true);
    if (mbr.pending || !mbr.entity || !mbr.reference) total('  Referência', 'segue em 2.ª via');
    else {
      total('  Entidade', mbr.entity);
      total('  Referência', mbr.reference.replace(/(\d{3})(?=\d)/g, '$1 '));
      total('  Montante', `${money(mbr.amount)} €`);
      if (mbr.validUntil) total('  Válida até', mbr.validUntil.slice(0, 10));
    }
  }
  y = Math.max(y, ty) + 12;

  pdf.font('Helvetica-Bold').fontSize(9);
  if (isNotInvoice(doc)) {
    pdf.text(LEGAL.notInvoice, M, y);
    y = pdf.y + 4;
  }
  if (doc.training) {
    pdf.text(LEGAL.training, M, y);
    y = pdf.y + 4;
  }
  // ATCUD immediately above the QR (≥ 30 mm = 85 pt; 90 pt used).
  const side = 90;
  pdf.font('Helvetica-Bold').fontSize(9).text(atcudLine(doc.atcud), M, y);
  y = pdf.y + 3;
  const m = qrMatrix(doc.qr);
  const mod = side / m.size;
  for (let r = 0; r < m.size; r++)
    for (let c = 0; c < m.size; c++) if (m.get(r, c)) pdf.rect(M + c * mod, y + r * mod, mod, mod);
  pdf.fill('black');
  y += side + 6;
  pdf.font('Helvetica').fontSize(8.5).text(certificationLine(doc), M, y);
  for (const f of doc.footer) pdf.text(f);
  // Gestão › Empresa's footer text: the end of the document, after every legal mention.
  if (doc.companyFooter.length) {
    pdf.moveDown(0.5);
    for (const f of doc.companyFooter) pdf.text(f, M, pdf.y, { width: PAGE_W - 2 * M });
  }

  // "página n/N" on every page.
  const range = pdf.bufferedPageRange();
  for (let i = 0; i < range.count; i++) {
    pdf.switchToPage(range.start + i);
    pdf
      .font('Helvetica')
      .fontSize(8)
      .text(`${doc.number} — página ${i + 1}/${range.count}`, M, PAGE_H - 50, {
        width: PAGE_W - 2 * M,
        align: 'right',
        lineBreak: false,
      });
  }
  pdf.end();
  return done;
}
