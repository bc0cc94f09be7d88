import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decode, paperText } from '../../../electron/core/printing/escpos/decoder';
import { renderA4Pdf } from '../../../electron/core/printing/pdf/a4';
import { startTcpPrinter, type FakePrinter } from '../../../electron/simulators/printer/fake-printer';
import { createTestCore, type TestCore } from '../../helpers/core';
import { tempDir } from '../../helpers/tmp';
import { fr } from '../../unit/printing/fixtures';
import { flat } from '../../unit/printing/helpers';
import { articleOf } from '../fiscal/fiscal-helpers';
import { until } from './context';

/**
 * Issue 12: Gestão › Empresa holds the capital social and the Conservatória do Registo Comercial; CSC art. 171.º
 * wants them (with firma, sede, NIPC and the matrícula number, which is the NIPC) on invoices and every
 * commercial document. Checked at the real boundaries: the A4 PDF read back by pdftotext (documents/pdf, every
 * type) and the bytes the fake ESC/POS printer receives over TCP.
 */
const CAPITAL = 'Capital social 5 000,00 €';
const registry = (nif: string): string => `C.R.C. Lisboa, matrícula n.º ${nif}`;
/** pdftotext keeps the PDF's no-break spaces; the receipt's wrap has plain ones. */
const plain = (s: string): string => flat(s.replace(/\u00a0/g, ' '));

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));
function pdfText(buf: Buffer, page?: number): string {
  const tmp = tempDir();
  cleanups.push(tmp.cleanup);
  const file = path.join(tmp.dir, 'doc.pdf');
  fs.writeFileSync(file, buf);
  const args = page ? ['-f', String(page), '-l', String(page)] : [];
  return execFileSync('pdftotext', [...args, '-layout', file, '-'], { encoding: 'utf8' });
}

describe('A4 PDF: capital social and Conservatória in the company block', () => {
  const issuer = {
    name: 'Mercearia Exemplo, Lda.',
    nif: '599999993',
    address: ['Avenida da República, 1000', '1050-190 Lisboa'],
    shareCapital: '5000.00',
    registryOffice: 'Lisboa',
  };

  it('on every page, under the NIF; absent when Gestão › Empresa leaves them empty', async () => {
    const lines = Array.from({ length: 90 }, (_, i) => ({
      quantity: '1',
      unit: 'UN',
      description: `Artigo n.º ${i + 1}`,
      unitPrice: '1.00',
      taxRate: '23',
      amount: '1.00',
    }));
    const buf = await renderA4Pdf(fr({ issuer, lines }));
    const pages = Number(
      /Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', ['-'], { input: buf }).toString())?.[1],
    );
    expect(pages).toBeGreaterThan(1);
    for (let p = 1; p <= pages; p++) {
      const t = plain(pdfText(buf, p));
      expect(t, `page ${p}`).toContain(`${CAPITAL} · ${registry('599999993')}`);
      expect(t.indexOf('NIF: 599999993')).toBeLessThan(t.indexOf(CAPITAL));
    }
    const bare = plain(pdfText(await renderA4Pdf(fr())));
    expect(bare).not.toContain('Capital social');
    expect(bare).not.toContain('C.R.C.');
  });
});

describe('Gestão › Empresa registration printed on every document type (real core)', () => {
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
        paper: '80mm-48',
        isDefault: true,
      },
      gerente,
    );
    const company = await t.call('company/get', {}, gerente);
    await t.call(
      'company/save',
      {
        ...company.profile,
        shareCapital: '5000.00',
        registryOffice: 'Conservatória do Registo Comercial de Lisboa',
      },
      gerente,
    );
  });
  afterEach(async () => {
    await t.close();
    await printer.close();
  });

  async function printed(documentId: number): Promise<string> {
    const before = printer.received().length;
    t.core.printing.enqueueDocument(documentId);
    await t.core.printing.processNow(true);
    let text = '';
    await until(
      () =>
        (text = paperText(decode(new Uint8Array(printer.received().subarray(before))))).includes('[CORTE]'),
      15_000,
      'the whole job',
    );
    return text;
  }

  it('FT, FS, FR, NC, ND, RG, GT, GR: on the roll under the NIF and on the A4 PDF', async () => {
    const f = t.core.fiscal;
    const buyer = {
      nif: '501964843',
      name: 'Cliente, Lda',
      address: 'Rua A 1',
      postalCode: '1000-100',
      city: 'Lisboa',
    };
    const line = { articleId: articleOf(t.core, 'NOR').id, quantity: '1' };
    const ft = f.issue({ type: 'FT', lines: [line], customer: buyer }, 2);
    const ftLine = (
      t.core.ctx.db.sqlite
        .prepare('select id from fiscal_line where document_id = ? and line_no = 1')
        .get(ft.id) as {
        id: number;
      }
    ).id;
    const gross = ft.totals.gross;
    const nd = f.issue(
      {
        type: 'ND',
        origin: { documentId: ft.id, reason: 'Portes' },
        lines: [{ description: 'Portes', unitPrice: '5.00', taxCode: 'NOR', quantity: '1' }],
      },
      2,
    );
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
          lines: [{ originLineId: ftLine, quantity: '1' }],
        },
        2,
      ),
      nd,
      f.issueReceipt(
        {
          settlements: [{ documentId: nd.id, amount: nd.totals.gross }],
          payments: [{ method: 'transfer', amount: nd.totals.gross }],
        },
        2,
      ),
      f.issue({ type: 'GT', lines: [line], customer: buyer }, null),
      f.issue({ type: 'GR', lines: [line], customer: buyer }, null),
    ];
    expect(docs.map((d) => d.type)).toEqual(['FT', 'FS', 'FR', 'NC', 'ND', 'RG', 'GT', 'GR']);
    const nif = f.get(ft.id).issuer.nif;

    for (const d of docs) {
      const roll = await printed(d.id);
      const lines = roll.split('\n').map((l) => l.trim());
      const at = lines.indexOf(`NIF: ${nif}`);
      expect(lines.slice(at + 1, at + 3), `${d.docNo}\n${roll}`).toEqual([CAPITAL, registry(nif)]);
      expect(lines.findIndex((l) => l === d.docNo)).toBeGreaterThan(at + 2);

      const got = await t.call('documents/pdf', { id: d.id }, gerente);
      const pdf = plain(pdfText(Buffer.from(got.base64, 'base64')));
      expect(pdf, d.docNo).toContain(`${CAPITAL} · ${registry(nif)}`);
    }

    // Emptied in Gestão › Empresa: no longer printed.
    const company = await t.call('company/get', {}, gerente);
    await t.call('company/save', { ...company.profile, shareCapital: '', registryOffice: '' }, gerente);
    const roll = await printed(docs[1]!.id);
    expect(roll).not.toContain('Capital social');
    expect(roll).not.toContain('C.R.C.');
    const got = await t.call('documents/pdf', { id: docs[0]!.id }, gerente);
    expect(plain(pdfText(Buffer.from(got.base64, 'base64')))).not.toContain('Capital social');
  }, 120_000);
});
