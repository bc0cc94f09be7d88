import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signatureMessage } from '../../../shared/fiscal/signature';
import type { Core } from '../../../electron/core/core';
import { referenceFile } from '../../helpers/reference';
import { fiscalTestCore, type FiscalTestCore } from '../fiscal/fiscal-helpers';
import { article, lineIds } from '../stock/stock-helpers';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const BIN = path.join(ROOT, 'electron/cli/balcao.mjs');
const balcao = (...args: string[]) =>
  spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
const xsd = referenceFile('saft-pt', 'SAFTPT1.04_01.xsd');

function validateXsd(file: string): string {
  const r = spawnSync(
    '/usr/bin/python3',
    [
      '-c',
      'import xmlschema,sys; s=xmlschema.XMLSchema11(sys.argv[1]); errs=list(s.iter_errors(sys.argv[2])); print(len(errs)); [print(e.path, e.reason) for e in errs[:5]]',
      xsd!,
      file,
    ],
    { encoding: 'utf8', timeout: 120_000 },
  );
  return (r.stdout + r.stderr).trim();
}

const TASCO = {
  nif: '501964843',
  name: 'Restaurante O Tasco, Lda.',
  address: 'Rua das Flores, 12',
  postalCode: '4050-262',
  city: 'Porto',
};

interface Status {
  MovementStatus?: string;
  InvoiceStatus?: string;
  MovementStatusDate?: string;
  Reason?: string;
  SourceID: string;
}
interface Signed {
  Hash: string;
  SystemEntryDate: string;
  DocumentTotals: { GrossTotal: string };
  DocumentStatus: Status;
}
interface StockMovement extends Signed {
  DocumentNumber: string;
  MovementDate: string;
  Line: unknown[];
}
interface Invoice extends Signed {
  InvoiceNo: string;
  InvoiceDate: string;
  Line: Array<{
    ProductCode: string;
    OrderReferences?: Array<{ OriginatingON: string; OrderDate?: string }>;
  }>;
}

/**
 * Issue 13 item 7: an FT invoicing guides, in SAF-T (real CLI, real file, official XSD): its lines carry
 * OrderReferences to their guide, the guides show MovementStatus F (or N again once that FT is cancelled), every
 * hash verifies with `balcao key public`, and `balcao verify` passes.
 */
describe('SAF-T of guides invoiced later', () => {
  let f: FiscalTestCore;
  const no: Record<string, string> = {};
  const at: Record<string, string> = {};
  beforeAll(async () => {
    f = await fiscalTestCore('2025-03-14T10:15:30');
    const { core, clock } = f;
    const kg = article(core, 'A0057');
    const un = article(core, 'A0005');
    core.stock.postPurchase({
      purchaseRef: 'P-1',
      warehouseId: 1,
      cause: 'purchase',
      lines: [
        { articleId: kg.id, quantity: '10', unitCost: '4.2' },
        { articleId: un.id, quantity: '30', unitCost: '0.5' },
      ],
      operatorId: 2,
    });
    const linesOf = (c: Core, id: number) => {
      const ids = lineIds(c, id);
      return c.fiscal.get(id).lines.map((l, i) => ({
        articleId: l.articleId!,
        quantity: l.quantity,
        unitPrice: l.unitPriceGross,
        guideLineId: ids[i],
      }));
    };
    const g1 = core.guides.issue(
      {
        type: 'GT',
        customer: TASCO,
        lines: [
          { articleId: kg.id, quantity: '2.125' },
          { articleId: un.id, quantity: '6' },
        ],
      },
      2,
    );
    clock.advance(60_000);
    const g2 = core.guides.issue(
      { type: 'GR', customer: TASCO, lines: [{ articleId: un.id, quantity: '3' }] },
      2,
    );
    clock.advance(60_000);
    const g3 = core.guides.issue(
      { type: 'GT', customer: TASCO, lines: [{ articleId: un.id, quantity: '1' }] },
      2,
    );
    clock.advance(3_600_000);
    const ft1 = core.invoicing.issueInvoice(
      {
        customer: TASCO,
        dueDate: '2025-04-14',
        orderReference: 'ENC-77',
        lines: [...linesOf(core, g1.id), ...linesOf(core, g2.id)],
      },
      2,
    );
    clock.advance(60_000);
    const ft2 = core.invoicing.issueInvoice(
      { customer: TASCO, dueDate: '2025-04-14', lines: linesOf(core, g3.id) },
      2,
    );
    clock.advance(60_000);
    core.fiscal.cancel(ft2.id, 'Preço errado', 2);
    Object.assign(no, { g1: g1.docNo, g2: g2.docNo, g3: g3.docNo, ft1: ft1.docNo, ft2: ft2.docNo });
    Object.assign(at, {
      g1: g1.date,
      g2: g2.date,
      ft1: core.fiscal.get(ft1.id).systemEntryDate,
      ft2cancel: core.fiscal.get(ft2.id).statusDate,
    });
    await core.stop('test');
  }, 60_000);
  afterAll(async () => {
    await f.close();
  });

  it.runIf(xsd)(
    'FT lines carry OrderReferences to their guide, guides are F (N again after the FT is cancelled); XSD-valid, every hash verifies',
    () => {
      const out = path.join(f.dir, 'saft.xml');
      const r = balcao(
        'saft',
        '--from',
        '2025-03-01',
        '--to',
        '2025-03-31',
        '--out',
        out,
        '--data-dir',
        f.dir,
      );
      expect(r.status, r.stderr).toBe(0);
      expect(validateXsd(out)).toBe('0');
      const xml = new TextDecoder('windows-1252').decode(fs.readFileSync(out));
      const a = new XMLParser({
        parseTagValue: false,
        isArray: (n) => ['Invoice', 'Line', 'StockMovement', 'OrderReferences'].includes(n),
      }).parse(xml).AuditFile;
      const mg = a.SourceDocuments.MovementOfGoods as {
        NumberOfMovementLines: string;
        TotalQuantityIssued: string;
        StockMovement: StockMovement[];
      };
      const inv = a.SourceDocuments.SalesInvoices.Invoice as Invoice[];
      const move = (docNo: string) => mg.StockMovement.find((m) => m.DocumentNumber === docNo)!;
      expect(move(no.g1!).DocumentStatus).toMatchObject({
        MovementStatus: 'F',
        MovementStatusDate: at.ft1,
        Reason: `Faturada: ${no.ft1}`,
        SourceID: '2',
      });
      expect(move(no.g2!).DocumentStatus.MovementStatus).toBe('F');
      expect(move(no.g3!).DocumentStatus).toMatchObject({
        MovementStatus: 'N',
        MovementStatusDate: at.ft2cancel,
        Reason: `Fatura anulada: ${no.ft2}`,
      });
      // Invoiced guides still count: only cancelled ones leave the control totals.
      expect(mg.NumberOfMovementLines).toBe('4');
      expect(mg.TotalQuantityIssued).toBe('12.125');

      const ft1 = inv.find((i) => i.InvoiceNo === no.ft1)!;
      expect(ft1.Line.map((l) => l.OrderReferences)).toEqual([
        [{ OriginatingON: 'ENC-77' }, { OriginatingON: no.g1, OrderDate: at.g1 }],
        [{ OriginatingON: 'ENC-77' }, { OriginatingON: no.g1, OrderDate: at.g1 }],
        [{ OriginatingON: 'ENC-77' }, { OriginatingON: no.g2, OrderDate: at.g2 }],
      ]);
      expect(inv.find((i) => i.InvoiceNo === no.ft2)!.DocumentStatus.InvoiceStatus).toBe('A');

      const pem = balcao('key', 'public', '--data-dir', f.dir).stdout;
      const prev = new Map<string, string>();
      const check = (docNo: string, date: string, d: Signed): void => {
        const prefix = docNo.slice(0, docNo.lastIndexOf('/'));
        const msg = signatureMessage({
          date,
          systemEntryDate: d.SystemEntryDate,
          docNo,
          grossTotal: d.DocumentTotals.GrossTotal,
          previousHash: prev.get(prefix) ?? '',
        });
        const ok = crypto.verify(
          'sha1',
          Buffer.from(msg),
          { key: pem, padding: crypto.constants.RSA_PKCS1_PADDING },
          Buffer.from(d.Hash, 'base64'),
        );
        expect(ok, docNo).toBe(true);
        prev.set(prefix, d.Hash);
      };
      for (const i of inv) check(i.InvoiceNo, i.InvoiceDate, i);
      for (const m of mg.StockMovement) check(m.DocumentNumber, m.MovementDate, m);
      expect(inv.length + mg.StockMovement.length).toBe(5);
    },
    180_000,
  );

  it('balcao verify passes over the invoiced guides and their FTs', () => {
    const ok = balcao('verify', '--data-dir', f.dir);
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/^OK: 5 documentos/);
  }, 180_000);
});
