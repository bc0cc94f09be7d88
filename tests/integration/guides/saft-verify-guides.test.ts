import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Dec } from '../../../shared/money';
import { signatureMessage } from '../../../shared/fiscal/signature';
import { referenceFile } from '../../helpers/reference';
import { fiscalTestCore, type FiscalTestCore } from '../fiscal/fiscal-helpers';
import { article } from '../stock/stock-helpers';

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

interface MovementLine {
  ProductCode: string;
  Quantity: string;
  UnitPrice: string;
  CreditAmount: string;
}
interface StockMovement {
  DocumentNumber: string;
  ATCUD: string;
  DocumentStatus: { MovementStatus: string };
  Hash: string;
  MovementDate: string;
  MovementType: string;
  SystemEntryDate: string;
  ShipTo?: { WarehouseID?: string };
  ShipFrom?: { WarehouseID?: string };
  MovementStartTime: string;
  MovementEndTime?: string;
  ATDocCodeID?: string;
  Line: MovementLine[];
  DocumentTotals: { GrossTotal: string };
}

/** Issue 13 item 8: SAF-T MovementOfGoods and `balcao verify` over GT/GR chains (real processes, real file). */
describe('GT/GR in SAF-T and balcao verify', () => {
  let f: FiscalTestCore;
  const docNos: Record<string, string> = {};
  beforeAll(async () => {
    f = await fiscalTestCore('2025-03-14T10:15:30');
    const { core, clock } = f;
    const kg = article(core, 'A0057');
    const un = article(core, 'A0005');
    const other = article(core, 'A0010');
    const arm = core.stock.warehouses.create({ code: 'ARM', name: 'Armazém' }, clock.now()).id;
    core.stock.postPurchase({
      purchaseRef: 'P-1',
      warehouseId: 1,
      cause: 'purchase',
      lines: [
        { articleId: kg.id, quantity: '10', unitCost: '4.2' },
        { articleId: un.id, quantity: '30', unitCost: '0.5' },
        { articleId: other.id, quantity: '5', unitCost: '1' },
      ],
      operatorId: 2,
    });
    const g1 = core.guides.issue(
      {
        ownGoods: true,
        toWarehouseId: arm,
        lines: [
          { articleId: kg.id, quantity: '2.125' },
          { articleId: un.id, quantity: '6' },
        ],
        vehicle: 'AA-12-BC',
        endTime: '2025-03-14T11:00:00',
      },
      2,
    );
    core.guides.setAtCode(g1.id, 'ATDOC0001', 2);
    clock.advance(60_000);
    core.fiscal.issue(
      {
        type: 'FS',
        lines: [{ articleId: un.id, quantity: '2' }],
        payments: [{ method: 'cash', amount: '5.38' }],
      },
      1,
    );
    clock.advance(60_000);
    const g2 = core.guides.issue(
      {
        ownGoods: true,
        fromWarehouseId: arm,
        toWarehouseId: 1,
        lines: [{ articleId: un.id, quantity: '1' }],
        startTime: '2025-03-14T15:00:00',
      },
      2,
    );
    core.fiscal.cancel(g2.id, 'Transporte adiado', 2);
    clock.advance(60_000);
    const gr = core.guides.issue(
      {
        type: 'GR',
        customer: {
          nif: '501964843',
          name: 'Restaurante O Tasco, Lda.',
          address: 'Rua das Flores, 12',
          postalCode: '4050-262',
          city: 'Porto',
        },
        lines: [{ articleId: other.id, quantity: '3' }],
      },
      2,
    );
    clock.advance(60_000);
    const g3 = core.guides.issue(
      { ownGoods: true, toWarehouseId: arm, lines: [{ articleId: kg.id, quantity: '1' }] },
      2,
    );
    Object.assign(docNos, { g1: g1.docNo, g2: g2.docNo, gr: gr.docNo, g3: g3.docNo });
    await core.stop('test');
  }, 60_000);
  afterAll(async () => {
    await f.close();
  });

  it.runIf(xsd)(
    'MovementOfGoods is XSD 1.1 valid, counts and sums exactly, every hash verifies with key public',
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
      const pem = balcao('key', 'public', '--data-dir', f.dir).stdout;
      const xml = new TextDecoder('windows-1252').decode(fs.readFileSync(out));
      const p = new XMLParser({
        parseTagValue: false,
        isArray: (n) => ['Invoice', 'Line', 'StockMovement', 'Product', 'Customer'].includes(n),
      });
      const a = p.parse(xml).AuditFile;
      const mg = a.SourceDocuments.MovementOfGoods as {
        NumberOfMovementLines: string;
        TotalQuantityIssued: string;
        StockMovement: StockMovement[];
      };
      expect(mg.StockMovement.map((m) => m.DocumentNumber).sort()).toEqual(
        [docNos.g1, docNos.g2, docNos.g3, docNos.gr].sort(),
      );
      // Cancelled guides are exported (status A) but left out of the control totals.
      const live = mg.StockMovement.filter((m) => m.DocumentStatus.MovementStatus === 'N');
      expect(
        mg.StockMovement.find((m) => m.DocumentNumber === docNos.g2)?.DocumentStatus.MovementStatus,
      ).toBe('A');
      expect(Number(mg.NumberOfMovementLines)).toBe(live.reduce((n, m) => n + m.Line.length, 0));
      expect(mg.NumberOfMovementLines).toBe('4');
      expect(mg.TotalQuantityIssued).toBe('12.125');
      const prev = new Map<string, string>();
      for (const m of mg.StockMovement) {
        const prefix = m.DocumentNumber.slice(0, m.DocumentNumber.lastIndexOf('/'));
        const msg = signatureMessage({
          date: m.MovementDate,
          systemEntryDate: m.SystemEntryDate,
          docNo: m.DocumentNumber,
          grossTotal: m.DocumentTotals.GrossTotal,
          previousHash: prev.get(prefix) ?? '',
        });
        expect(
          crypto.verify(
            'sha1',
            Buffer.from(msg),
            { key: pem, padding: crypto.constants.RSA_PKCS1_PADDING },
            Buffer.from(m.Hash, 'base64'),
          ),
          m.DocumentNumber,
        ).toBe(true);
        prev.set(prefix, m.Hash);
      }
      const g1 = mg.StockMovement.find((m) => m.DocumentNumber === docNos.g1)!;
      expect(g1).toMatchObject({
        MovementType: 'GT',
        ATDocCodeID: 'ATDOC0001',
        MovementStartTime: '2025-03-14T10:15:30',
        MovementEndTime: '2025-03-14T11:00:00',
        ShipFrom: { WarehouseID: 'LOJA' },
        ShipTo: { WarehouseID: 'ARM' },
        DocumentTotals: { GrossTotal: '0.00' },
      });
      expect(g1.Line.map((l) => [l.ProductCode, l.Quantity, l.CreditAmount])).toEqual([
        ['A0057', '2.125', '0.00'],
        ['A0005', '6', '0.00'],
      ]);
      const gr = mg.StockMovement.find((m) => m.DocumentNumber === docNos.gr)!;
      expect(new Dec(gr.DocumentTotals.GrossTotal).gt(0)).toBe(true);
      // Every article on any document of the period has its Product entry.
      const products = new Set(
        (a.MasterFiles.Product as Array<{ ProductCode: string }>).map((x) => x.ProductCode),
      );
      for (const m of mg.StockMovement)
        for (const l of m.Line) expect(products.has(l.ProductCode), l.ProductCode).toBe(true);
      expect(products.has('A0010')).toBe(true);
    },
    180_000,
  );

  it('verify walks the GT/GR chains: passes untouched, names a guide edited in the file', () => {
    const ok = balcao('verify', '--data-dir', f.dir);
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/^OK: 5 documentos/);
    const copy = (name: string) => {
      const dir = path.join(f.dir, name);
      fs.mkdirSync(dir);
      for (const e of fs.readdirSync(f.dir)) {
        const src = path.join(f.dir, e);
        if (fs.statSync(src).isFile()) fs.copyFileSync(src, path.join(dir, e));
      }
      const db = new BetterSqlite3(path.join(dir, 'balcao.sqlite'));
      for (const t of db
        .prepare(`select name from sqlite_master where type = 'trigger' and tbl_name like 'fiscal_%'`)
        .all() as { name: string }[])
        db.exec(`drop trigger ${t.name}`);
      db.pragma('foreign_keys = OFF');
      return { dir, db };
    };
    const re = (s: string) => new RegExp(s.replace(/[/.*+?()[\]]/g, '\\$&'));
    // A quantity moved: the seal names the line.
    const a = copy('tamper-qty');
    a.db
      .prepare(
        `update fiscal_line set quantity = '7' where line_no = 2 and document_id = (select id from fiscal_document where doc_no = ?)`,
      )
      .run(docNos.g1);
    a.db.close();
    const ra = balcao('verify', '--data-dir', a.dir);
    expect(ra.status).toBe(1);
    expect(ra.stderr).toMatch(re(`FALHA: ${docNos.g1}: linha 2, quantidade alterada`));
    // The transport block (places, times, vehicle) is sealed too.
    const b = copy('tamper-transport');
    b.db
      .prepare(
        `update fiscal_document set transport = replace(transport, 'AA-12-BC', 'ZZ-99-ZZ') where doc_no = ?`,
      )
      .run(docNos.g1);
    b.db.close();
    const rb = balcao('verify', '--data-dir', b.dir);
    expect(rb.status).toBe(1);
    expect(rb.stderr).toMatch(re(`FALHA: ${docNos.g1}: dados de transporte alterado`));
    // A signed field of the last guide: its signature no longer verifies.
    const c = copy('tamper-date');
    c.db
      .prepare(`update fiscal_document set system_entry_date = '2025-03-14T10:20:31' where doc_no = ?`)
      .run(docNos.g3);
    c.db.close();
    const rc = balcao('verify', '--data-dir', c.dir);
    expect(rc.status).toBe(1);
    expect(rc.stderr).toMatch(re(`FALHA: ${docNos.g3}`));
  }, 180_000);
});
