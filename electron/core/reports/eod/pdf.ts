import PDFDocument from 'pdfkit';
import type { EodLight, EodRecord } from '../../../../shared/api/eod';
import { dayCharts, type Chart } from '../../../../shared/charts/geometry';
import { localDateTime } from '../../util/clock';
import { euros, LIGHT_LABEL } from './types';

/**
 * The day's report as an A4 PDF (pt-PT, "página n/N" on every page): the verdict, each section with its light,
 * lines and facts, and the four charts drawn from the record's own series (shared/charts/geometry.ts).
 * Helvetica (a PDF standard font, WinAnsi) covers Portuguese letters, € and the arrows are avoided.
 */
const M = 40;
const PAGE_W = 595.28;
const PAGE_H = 841.89;
const BOTTOM = PAGE_H - 70;
const W = PAGE_W - 2 * M;
const COLOUR: Record<EodLight, string> = {
  certo: '#16a34a',
  explicadas: '#d97706',
  'por-explicar': '#dc2626',
};

const hourOf = (iso: string): string => localDateTime(new Date(iso)).slice(11, 16);
/** WinAnsi has no U+2212 minus, ⇄ or —: the PDF says them with characters Helvetica has. */
export const ansi = (s: string): string =>
  s.replace(/−/g, '-').replace(/⇄/g, '<->').replace(/—/g, '-').replace(/→/g, '->');

export function drawChart(pdf: PDFKit.PDFDocument, c: Chart, x: number, y: number): void {
  for (const p of c.prims) {
    if (p.t === 'rect') pdf.rect(x + p.x, y + p.y, p.w, p.h).fill(p.fill);
    else if (p.t === 'line')
      pdf
        .moveTo(x + p.x1, y + p.y1)
        .lineTo(x + p.x2, y + p.y2)
        .lineWidth(p.width)
        .stroke(p.stroke);
    else if (p.t === 'poly') {
      const [first, ...rest] = p.points;
      pdf.moveTo(x + first[0], y + first[1]);
      for (const [px, py] of rest) pdf.lineTo(x + px, y + py);
      pdf.lineWidth(p.width).stroke(p.stroke);
    } else {
      pdf.font('Helvetica').fontSize(p.size).fillColor(p.fill);
      const text = ansi(p.text);
      const tw = pdf.widthOfString(text);
      const tx = p.anchor === 'start' ? p.x : p.anchor === 'middle' ? p.x - tw / 2 : p.x - tw;
      pdf.text(text, x + tx, y + p.y - p.size * 0.8, { lineBreak: false });
    }
  }
  pdf.fillColor('black');
}

export function renderEodPdf(
  r: EodRecord,
  opts: { shopName?: string; creationDate?: Date } = {},
): Promise<Buffer> {
  const pdf = new PDFDocument({
    size: 'A4',
    margin: M,
    bufferPages: true,
    info: {
      Title: `Fecho do dia ${r.day}`,
      ...(opts.creationDate ? { CreationDate: opts.creationDate } : {}),
    },
  });
  const chunks: Buffer[] = [];
  pdf.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((res) => pdf.on('end', () => res(Buffer.concat(chunks))));
  const ensure = (h: number): void => {
    if (pdf.y + h > BOTTOM) pdf.addPage();
  };

  pdf.font('Helvetica-Bold').fontSize(16).text(`Fecho do dia ${r.day}`, M, M);
  pdf.font('Helvetica').fontSize(9).fillColor('#374151');
  pdf.text(
    ansi(
      `${opts.shopName ? `${opts.shopName} · ` : ''}Terminal ${r.terminalId} · versão ${r.version} · gerado em ${localDateTime(new Date(r.createdAt)).replace('T', ' ')}${r.training ? ' · MODO FORMAÇÃO' : ''}`,
    ),
  );
  pdf.moveDown(0.5);
  pdf.font('Helvetica-Bold').fontSize(12).fillColor(COLOUR[r.light]).text(ansi(r.verdict), { width: W });
  pdf.fillColor('black');
  if (r.changes.length) {
    pdf
      .moveDown(0.3)
      .font('Helvetica-Bold')
      .fontSize(9)
      .text(`Alterações desde a versão ${r.version - 1}:`);
    pdf.font('Helvetica').fontSize(8);
    for (const c of r.changes) pdf.text(ansi(`• ${c}`), { width: W });
  }
  pdf.moveDown(0.6);

  // Summary: one line per section with its light.
  for (const s of r.sections) {
    ensure(16);
    const y = pdf.y;
    pdf.circle(M + 5, y + 5, 4).fill(s.light ? COLOUR[s.light] : '#9ca3af');
    pdf
      .fillColor('black')
      .font('Helvetica-Bold')
      .fontSize(9)
      .text(s.title, M + 14, y, { continued: true });
    pdf
      .font('Helvetica')
      .text(ansi(`  ${s.light ? LIGHT_LABEL[s.light] : 'não configurado'} · ${s.summary}`), {
        width: W - 14,
      });
  }

  // Charts, two per row.
  pdf.addPage();
  const box = { width: W / 2 - 10, height: 170 };
  const charts = dayCharts(r.charts, box, hourOf);
  charts.forEach((c, i) => {
    const x = M + (i % 2) * (W / 2 + 10);
    const y = M + Math.floor(i / 2) * (box.height + 24);
    drawChart(pdf, c, x, y);
  });
  pdf.x = M;
  pdf.y = M + 2 * (box.height + 24);

  // Sections in detail.
  for (const s of r.sections.filter((x) => x.configured)) {
    ensure(60);
    pdf
      .moveDown(0.6)
      .font('Helvetica-Bold')
      .fontSize(11)
      .fillColor(s.light ? COLOUR[s.light] : 'black');
    pdf.text(ansi(`${s.title} — ${s.light ? LIGHT_LABEL[s.light] : ''}`), M, pdf.y, { width: W });
    pdf.fillColor('black').font('Helvetica').fontSize(8).text(ansi(s.summary), { width: W });
    for (const f of s.facts) pdf.text(ansi(`${f.label}: ${f.value}`), { width: W });
    for (const l of s.lines) {
      ensure(30);
      const money =
        l.expectedCents !== null
          ? `  esperado ${euros(l.expectedCents)} · real ${euros(l.actualCents ?? 0)} · diferença ${euros(l.differenceCents ?? 0)}`
          : '';
      pdf
        .moveDown(0.2)
        .font('Helvetica-Bold')
        .fontSize(8)
        .fillColor(COLOUR[l.light])
        .text(ansi(`[${l.light}] `), M, pdf.y, { continued: true });
      pdf.fillColor('black').text(ansi(l.item + money), { width: W });
      if (l.explanation)
        pdf
          .font('Helvetica')
          .fontSize(8)
          .fillColor('#374151')
          .text(ansi(l.explanation), M + 10, pdf.y, { width: W - 10 });
      pdf.fillColor('black');
    }
  }

  const range = pdf.bufferedPageRange();
  for (let i = 0; i < range.count; i++) {
    pdf.switchToPage(range.start + i);
    pdf.font('Helvetica').fontSize(8).fillColor('#6b7280');
    pdf.text(`Fecho do dia ${r.day} · ${r.terminalId} · v${r.version}`, M, PAGE_H - 50, { lineBreak: false });
    const pg = `página ${i + 1}/${range.count}`;
    pdf.text(pg, PAGE_W - M - pdf.widthOfString(pg), PAGE_H - 50, { lineBreak: false });
  }
  pdf.end();
  return done;
}
