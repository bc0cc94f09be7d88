import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decode, paperText } from '../../../electron/core/printing/escpos/decoder';
import { logoCacheSize } from '../../../electron/core/printing/render/logo';
import { startTcpPrinter, type FakePrinter } from '../../../electron/simulators/printer/fake-printer';
import { createTestCore, type TestCore } from '../../helpers/core';
import { articleOf } from '../fiscal/fiscal-helpers';
import { until } from './context';

/**
 * Issue 12 item 7 (bo-print item 1): the logo, header and footer of Gestão › Empresa are printed — on the
 * thermal receipt as a `GS v 0` raster fitted to the printer's dots and as text lines, on the A4 PDF as an
 * embedded image and text — for every document type that prints, original and 2.ª via. Checked at the real
 * boundaries: the bytes the fake ESC/POS printer receives over TCP, and the PDF read by pdftotext/pdfimages.
 */
const HEADER = 'Aberto todos os dias das 8h às 20h\nwww.loja-exemplo.pt';
const FOOTER = 'Obrigado pela preferência!\nTrocas em 15 dias com este talão';

/** A 800×200 PNG: black frame and bar on white (wider than any roll, so it must be scaled down). */
function logoPng(): Buffer {
  const png = new PNG({ width: 800, height: 200 });
  for (let y = 0; y < 200; y++)
    for (let x = 0; x < 800; x++) {
      const o = (y * 800 + x) * 4;
      const ink = x < 20 || x >= 780 || y < 20 || y >= 180 || (y > 90 && y < 110);
      png.data[o] = png.data[o + 1] = png.data[o + 2] = ink ? 0 : 255;
      png.data[o + 3] = 255;
    }
  return PNG.sync.write(png);
}

/** GS v 0 m xL xH yL yH in the raw bytes: [bytes per row, rows] of each raster image. */
function rasterHeaders(bytes: Buffer): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let i = 0; i + 7 < bytes.length; i++)
    if (bytes[i] === 0x1d && bytes[i + 1] === 0x76 && bytes[i + 2] === 0x30) {
      const x = bytes[i + 4]! | (bytes[i + 5]! << 8);
      const y = bytes[i + 6]! | (bytes[i + 7]! << 8);
      out.push([x, y]);
      i += 7 + x * y;
    }
  return out;
}

describe('company logo, header and footer on every printed document', () => {
  let t: TestCore;
  let printer: FakePrinter & { port: number };
  let gerente: string;
  beforeEach(async () => {
    t = await createTestCore({ cash: { settings: { kind: 'none' } } });
    printer = await startTcpPrinter();
    gerente = await t.login('gerente');
    await t.call(
      'printing/configure-printer',
      {
        id: 'balcao',
        name: 'Talões',
        uri: `tcp://127.0.0.1:${printer.port}`,
        paper: '58mm-32',
        isDefault: true,
      },
      gerente,
    );
    const company = await t.call('company/get', {}, gerente);
    await t.call(
      'company/save',
      { ...company.profile, receiptHeader: HEADER, receiptFooter: FOOTER },
      gerente,
    );
  });
  afterEach(async () => {
    await t.close();
    await printer.close();
  });

  /** Prints one document on the TCP printer (queue → worker → socket) and returns what the printer got. */
  async function printed(documentId: number, copy = false): Promise<Buffer> {
    const before = printer.received().length;
    if (copy) await t.call('printing/reprint', { documentId }, gerente);
    else t.core.printing.enqueueDocument(documentId);
    await t.core.printing.processNow(true);
    await until(() => printer.received().length > before, 15_000, 'the printer to receive the job');
    // The job ends with the cut: wait for all of it.
    await until(
      () => paperText(decode(new Uint8Array(printer.received().subarray(before)))).includes('[CORTE]'),
      15_000,
      'the whole job',
    );
    return printer.received().subarray(before);
  }

  const lineId = (docId: number, lineNo: number): number =>
    (
      t.core.ctx.db.sqlite
        .prepare('select id from fiscal_line where document_id = ? and line_no = ?')
        .get(docId, lineNo) as { id: number }
    ).id;
  const buyer = {
    nif: '501964843',
    name: 'Cliente Empresa, Lda',
    address: 'Rua das Flores 12',
    postalCode: '1000-100',
    city: 'Lisboa',
  };
  const setLogo = (mime: 'image/png' | 'image/jpeg', bytes: Buffer | null) =>
    t.call('company/set-logo', { logo: bytes ? { mime, base64: bytes.toString('base64') } : null }, gerente);

  it('thermal: GS v 0 raster at the roll width, header under the company, footer last, on FS…GR and 2.ª via', async () => {
    await setLogo('image/png', logoPng());
    const f = t.core.fiscal;
    const line = { articleId: articleOf(t.core, 'NOR').id, quantity: '2' };
    const ft = f.issue({ type: 'FT', lines: [line], customer: buyer }, 2);
    const gross = ft.totals.gross;
    const docs = [
      ft,
      f.issue({ type: 'FS', lines: [line], payments: [{ method: 'cash', amount: gross }] }, 2),
      f.issue(
        { type: 'FR', lines: [line], customer: buyer, payments: [{ method: 'card', amount: gross }] },
        2,
      ),
      f.issue(
        {
          type: 'NC',
          origin: { documentId: ft.id, reason: 'Devolução' },
          lines: [{ originLineId: lineId(ft.id, 1), quantity: '1' }],
        },
        2,
      ),
    ];
    const nd = f.issue(
      {
        type: 'ND',
        origin: { documentId: ft.id, reason: 'Portes' },
        lines: [{ description: 'Portes', unitPrice: '5.00', taxCode: 'NOR', quantity: '1' }],
      },
      2,
    );
    docs.push(nd);
    docs.push(
      f.issueReceipt(
        {
          settlements: [{ documentId: nd.id, amount: nd.totals.gross }],
          payments: [{ method: 'transfer', amount: nd.totals.gross }],
        },
        2,
      ),
    );
    docs.push(f.issue({ type: 'GT', lines: [line], customer: buyer }, null));
    docs.push(f.issue({ type: 'GR', lines: [line], customer: buyer }, null));
    expect(docs.map((d) => d.type)).toEqual(['FT', 'FS', 'FR', 'NC', 'ND', 'RG', 'GT', 'GR']);

    let cached = -1;
    for (const [i, d] of docs.entries()) {
      for (const copy of i === 1 ? [false, true] : [false]) {
        const bytes = await printed(d.id, copy);
        // 800×200 on a 58 mm roll (384 dots): 384×96 dots, 48 bytes a row; one image, the logo.
        expect(rasterHeaders(bytes), `${d.docNo}`).toEqual([[48, 96]]);
        const text = paperText(decode(new Uint8Array(bytes)));
        const at = (s: string): number => {
          const n = text.indexOf(s);
          expect(n, `${d.docNo}: "${s}" in\n${text}`).toBeGreaterThanOrEqual(0);
          return n;
        };
        // Logo first, then the company block, the header text, and only then the document.
        expect(at('[IMAGEM 384x96]')).toBeLessThan(at(t.core.fiscal.get(d.id).issuer.name));
        expect(at('NIF: ')).toBeLessThan(at('Aberto todos os dias'));
        expect(at('www.loja-exemplo.pt')).toBeLessThan(at(d.docNo));
        // The legal tail is untouched: ATCUD right above the QR; the footer after the certification line.
        const lines = text.split('\n');
        const qr = lines.findIndex((l) => l.startsWith('[QR'));
        expect(lines[qr - 1]).toBe(`ATCUD:${d.atcud}`);
        expect(at('Obrigado pela preferência!')).toBeGreaterThan(text.indexOf('[QR'));
        const inked = lines.filter((l) => l.trim() !== '');
        expect(inked.slice(-3)).toEqual([
          expect.stringContaining('Obrigado pela preferência!'),
          expect.stringContaining('Trocas em 15 dias com este talão'),
          '[CORTE]',
        ]);
        if (copy) expect(text).toContain('2.ª via');
        if (cached < 0) cached = logoCacheSize();
      }
    }
    // One raster for one logo at one width, however many receipts.
    expect(logoCacheSize()).toBe(cached);

    // No logo: no image at all (the QR is the printer's native one).
    await setLogo('image/png', null);
    const plain = await printed(docs[1]!.id, true);
    expect(rasterHeaders(plain)).toEqual([]);
    expect(paperText(decode(new Uint8Array(plain)))).toContain('Obrigado pela preferência!');
  }, 120_000);

  it('a JPEG logo is decoded and dithered (grey is a dot pattern, not a blot)', async () => {
    // 300×120 mid grey with a black band: no scaling on 384 dots; 38 bytes a row.
    const w = 300;
    const h = 120;
    const data = Buffer.alloc(w * h * 4);
    for (let y = 0; y < h; y++)
      for (let x = 0; x < w; x++) {
        const o = (y * w + x) * 4;
        const v = y < 20 ? 0 : 128;
        data[o] = data[o + 1] = data[o + 2] = v;
        data[o + 3] = 255;
      }
    await setLogo('image/jpeg', jpeg.encode({ width: w, height: h, data }, 95).data);
    const d = t.core.fiscal.issue(
      { type: 'FT', lines: [{ articleId: articleOf(t.core, 'NOR').id, quantity: '1' }], customer: buyer },
      2,
    );
    const bytes = await printed(d.id);
    expect(rasterHeaders(bytes)).toEqual([[38, 120]]);
    const raster = decode(new Uint8Array(bytes)).items.find((i) => i.kind === 'raster');
    if (raster?.kind !== 'raster') throw new Error('no raster');
    const ink = (y0: number, y1: number): number => {
      let n = 0;
      for (let y = y0; y < y1; y++)
        for (let x = 0; x < w; x++) if (raster.bitmap.bits[y * 38 + (x >> 3)]! & (0x80 >> (x & 7))) n++;
      return n / ((y1 - y0) * w);
    };
    expect(ink(2, 18)).toBeGreaterThan(0.95);
    const grey = ink(40, 110);
    expect(grey).toBeGreaterThan(0.35);
    expect(grey).toBeLessThan(0.65);
  }, 60_000);

  it('A4 PDF: the logo is an embedded image, the header and footer texts are there (2.ª via)', async () => {
    await setLogo('image/png', logoPng());
    const d = t.core.fiscal.issue(
      { type: 'FT', lines: [{ articleId: articleOf(t.core, 'NOR').id, quantity: '1' }], customer: buyer },
      2,
    );
    const got = await t.call('documents/pdf', { id: d.id }, gerente);
    const file = path.join(t.dataDir, got.fileName);
    fs.writeFileSync(file, Buffer.from(got.base64, 'base64'));
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    for (const l of [...HEADER.split('\n'), ...FOOTER.split('\n'), '2.ª via', `ATCUD:${d.atcud}`])
      expect(text).toContain(l);
    expect(text.indexOf('Obrigado pela preferência!')).toBeGreaterThan(text.indexOf(`ATCUD:${d.atcud}`));
    const images = execFileSync('pdfimages', ['-list', file], { encoding: 'utf8' })
      .split('\n')
      .slice(2)
      .filter((l) => l.trim())
      .map((l) => l.trim().split(/\s+/));
    // page num type width height …: one image, the logo at its own pixel size (pngjs writes RGBA, so its
    // alpha channel comes along as the image's soft mask).
    expect(images.map((c) => [c[0], c[2], c[3], c[4]])).toEqual([
      ['1', 'image', '800', '200'],
      ['1', 'smask', '800', '200'],
    ]);

    await setLogo('image/png', null);
    const bare = await t.call('documents/pdf', { id: d.id }, gerente);
    fs.writeFileSync(file, Buffer.from(bare.base64, 'base64'));
    expect(
      execFileSync('pdfimages', ['-list', file], { encoding: 'utf8' })
        .split('\n')
        .slice(2)
        .filter((l) => l.trim()),
    ).toEqual([]);
  }, 60_000);
});
