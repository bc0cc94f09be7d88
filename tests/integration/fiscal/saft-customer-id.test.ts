import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CustomerInput } from '../../../shared/api/customers';
import { referenceFile } from '../../helpers/reference';
import { article } from '../stock/stock-helpers';
import { fiscalTestCore, type FiscalTestCore } from './fiscal-helpers';

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

/**
 * Issue 12 (bo-print item 2): SAF-T CustomerID is the customer's own code (unique across a chain's terminals),
 * not its row id, the same in MasterFiles/Customer and in every Invoice, StockMovement and Payment naming it;
 * the generic Consumidor final keeps CustomerTaxID 999999990. Real file, real `balcao saft` process, AT's XSD.
 */
describe('SAF-T CustomerID is the customer code', () => {
  let f: FiscalTestCore;
  const codes: Record<string, string> = {};
  const ids: Record<string, number> = {};
  let frozen = '';
  beforeAll(async () => {
    f = await fiscalTestCore('2025-03-14T10:15:30');
    const { core, clock } = f;
    const actor = { operatorId: 2, via: 'backoffice' as const };
    const save = (c: Record<string, unknown>) =>
      core.customers.save(actor, undefined, CustomerInput.parse({ country: 'PT', ...c })).id;
    ids.tasco = save({
      code: 'TASCO-01',
      nif: '501964843',
      name: 'Restaurante O Tasco, Lda.',
      address: 'Rua das Flores, 12',
      postalCode: '4050-262',
      city: 'Porto',
    });
    ids.generated = save({ nif: '503504564', name: 'Empresa Gerada, SA', city: 'Porto' });
    // Row ids are what the other shops of a chain also have: the export must not use them.
    for (const k of Object.keys(ids)) codes[k] = core.customers.get(ids[k]!).customer.code;
    const un = article(core, 'A0005');
    core.stock.postPurchase({
      purchaseRef: 'P-1',
      warehouseId: 1,
      cause: 'purchase',
      lines: [{ articleId: un.id, quantity: '30', unitCost: '0.5' }],
      operatorId: 2,
    });
    core.fiscal.issue(
      {
        type: 'FS',
        lines: [{ articleId: un.id, quantity: '2' }],
        payments: [{ method: 'cash', amount: '5.38' }],
      },
      1,
    );
    clock.advance(60_000);
    const ft = core.fiscal.issue(
      {
        type: 'FT',
        customer: { id: ids.tasco, nif: '501964843', name: 'Restaurante O Tasco, Lda.' },
        lines: [{ description: 'Serviço', unitPrice: '100.00', taxCode: 'NOR', quantity: '1' }],
      },
      2,
    );
    clock.advance(60_000);
    core.invoicing.registerPayment(
      { settlements: [{ documentId: ft.id, amount: '50.00' }], method: 'cash', confirmClockBehind: false },
      2,
    );
    clock.advance(60_000);
    core.fiscal.issue(
      {
        type: 'FT',
        customer: { id: ids.generated, nif: '503504564', name: 'Empresa Gerada, SA' },
        lines: [{ description: 'Serviço', unitPrice: '10.00', taxCode: 'NOR', quantity: '1' }],
      },
      2,
    );
    clock.advance(60_000);
    core.guides.issue(
      {
        type: 'GR',
        customer: { id: ids.tasco, nif: '501964843', name: 'Restaurante O Tasco, Lda.' },
        lines: [{ articleId: un.id, quantity: '3' }],
      },
      2,
    );
    // A code on a document is fixed (it is the CustomerID of past periods too).
    const { id: _id, frozen: _f, ...known } = core.customers.get(ids.tasco).customer;
    const input = CustomerInput.parse({ ...known, code: 'OUTRO-01' });
    try {
      core.customers.save(actor, ids.tasco, input);
    } catch (e) {
      frozen = e instanceof Error ? e.message : String(e);
    }
    await core.stop('test');
  }, 60_000);
  afterAll(async () => {
    await f.close();
  });

  it('codes are not row ids, fit SAF-T (≤ 30) and a used code cannot change', () => {
    expect(codes.tasco).toBe('TASCO-01');
    expect(codes.generated).toMatch(/^T1-[0-9A-Z]{26}$/);
    expect(codes.generated!.length).toBeLessThanOrEqual(30);
    expect(frozen).toMatch(/o código TASCO-01 é o identificador dele no SAF-T/);
    // The database says so too (migration 0740), for a write that bypasses the service.
    const raw = new BetterSqlite3(path.join(f.dir, 'balcao.sqlite'));
    try {
      expect(() => raw.prepare(`update customer set code = 'X-1' where id = ?`).run(ids.tasco)).toThrow(
        /customer code is its SAF-T CustomerID/,
      );
    } finally {
      raw.close();
    }
  });

  it.runIf(xsd)('Customer, Invoice, StockMovement and Payment name the same codes; XSD 1.1 valid', () => {
    const out = path.join(f.dir, 'saft.xml');
    const r = balcao('saft', '--from', '2025-03-01', '--to', '2025-03-31', '--out', out, '--data-dir', f.dir);
    expect(r.status, r.stderr).toBe(0);
    expect(validateXsd(out)).toBe('0');
    const xml = new TextDecoder('windows-1252').decode(fs.readFileSync(out));
    const p = new XMLParser({
      parseTagValue: false,
      isArray: (n) => ['Invoice', 'StockMovement', 'Payment', 'Customer'].includes(n),
    });
    const a = p.parse(xml).AuditFile;
    const customers = a.MasterFiles.Customer as Array<{
      CustomerID: string;
      CustomerTaxID: string;
      CompanyName: string;
    }>;
    const byId = new Map(customers.map((c) => [c.CustomerID, c]));
    expect(byId.get(codes.tasco!)?.CustomerTaxID).toBe('501964843');
    expect(byId.get(codes.generated!)?.CustomerTaxID).toBe('503504564');
    const cf = customers.find((c) => c.CustomerTaxID === '999999990');
    expect(cf?.CompanyName).toBe('Consumidor final');
    for (const c of customers) expect(c.CustomerID).not.toMatch(/^\d+$/);

    const invoices = a.SourceDocuments.SalesInvoices.Invoice as Array<{
      InvoiceNo: string;
      InvoiceType: string;
      CustomerID: string;
    }>;
    const byType = (t: string) => invoices.filter((i) => i.InvoiceType === t).map((i) => i.CustomerID);
    expect(byType('FS')).toEqual([cf!.CustomerID]);
    expect(byType('FT').sort()).toEqual([codes.tasco, codes.generated].sort());
    const moves = a.SourceDocuments.MovementOfGoods.StockMovement as Array<{ CustomerID: string }>;
    expect(moves.map((m) => m.CustomerID)).toEqual([codes.tasco]);
    const pays = a.SourceDocuments.Payments.Payment as Array<{ CustomerID: string }>;
    expect(pays.map((m) => m.CustomerID)).toEqual([codes.tasco]);
    // Every reference resolves to a Customer of the file (the XSD keyref says so too).
    for (const id of [...invoices, ...moves, ...pays].map((d) => d.CustomerID))
      expect(byId.has(id)).toBe(true);
  });
});
