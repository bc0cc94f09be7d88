import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createPrintingService } from '../../../electron/core/printing/service';
import type { ShiftReport } from '../../../shared/api/sales';
import { tempDir } from '../../helpers/tmp';
import { fs as fsDoc } from '../../unit/printing/fixtures';
import { printingContext } from './context';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const report: ShiftReport = {
  kind: 'Z',
  shiftId: 9,
  zNumber: 7,
  terminalId: 'T1',
  operator: { id: 1, name: 'Ana Caixa' },
  openedAt: '2025-03-14T08:00:00.000Z',
  closedAt: '2025-03-14T18:00:00.000Z',
  generatedAt: '2025-03-14T18:00:00.000Z',
  training: false,
  documents: {
    count: 1,
    byType: [{ type: 'FS', count: 1, gross: '12.30' }],
    first: 'FS A/1',
    last: 'FS A/1',
  },
  byMethod: [{ method: 'cash-manual', name: 'Numerário (gaveta)', count: 1, amount: '12.30' }],
  vat: [
    {
      region: 'PT',
      code: 'NOR',
      pct: '23',
      exemptionCode: null,
      base: '10.00',
      tax: '2.30',
      gross: '12.30',
      creditBase: '0.00',
      creditTax: '0.00',
      creditGross: '0.00',
      netBase: '10.00',
      netTax: '2.30',
      netGross: '12.30',
    },
  ],
  vatTotals: {
    base: '10.00',
    tax: '2.30',
    gross: '12.30',
    creditBase: '0.00',
    creditTax: '0.00',
    creditGross: '0.00',
    netBase: '10.00',
    netTax: '2.30',
    netGross: '12.30',
  },
  returns: { count: 0, gross: '0.00', byMethod: [] },
  cancelled: { count: 0, gross: '0.00', docNos: [] },
  totals: { salesGross: '12.30', returnsGross: '0.00', netGross: '12.30' },
  cash: {
    openingFloat: '20.00',
    cashSales: '12.30',
    cashRefunds: '0.00',
    payIns: '0.00',
    payOuts: '0.00',
    expected: '32.30',
    drawer: { expected: '32.30', counted: '32.30', difference: '0.00' },
    machine: null,
  },
};

describe('X/Z report on a pdf: printer', () => {
  it('writes the same figures to an A4 PDF (read back with pdftotext), shop header from the company row', async () => {
    const tmp = tempDir();
    cleanups.push(tmp.cleanup);
    const c = await printingContext(tmp.dir);
    const printing = createPrintingService(c.ctx, { devices: c.devices, loadDocument: () => fsDoc() });
    cleanups.push(async () => {
      await printing.stop();
      c.close();
    });
    const out = path.join(tmp.dir, 'pdf', '{doc}.pdf');
    printing.configurePrinter({ id: 'a4', name: 'A4', uri: `pdf:${out}`, profile: {}, isDefault: true });
    const job = printing.enqueueReport(report);
    expect(job).toMatchObject({ kind: 'report', docNo: 'Relatório Z n.º 7', documentId: null, copy: false });
    await printing.processNow();
    expect(printing.getJob(job.id)?.state).toBe('done');
    const file = path.join(tmp.dir, 'pdf', 'Relat_rio_Z_n._7.pdf');
    expect(fs.existsSync(file)).toBe(true);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).toContain('Relatório Z - Fecho de turno');
    expect(text).toMatch(/Numerário \(gaveta\) \(1\) 12,30/);
    expect(text).toMatch(/Esperado 32,30/);
    // The VAT table, with its Total row, as on the roll (issue 9 E.11).
    expect(text).toMatch(/23% 10,00 2,30 12,30/);
    expect(text).toMatch(/Total 10,00 2,30 12,30/);
    expect(text).toContain('Este documento não serve de fatura');
    const company = c.ctx.db.get(
      c.ctx.db.k.selectFrom('company').select(['name', 'nif']).where('id', '=', 1),
    );
    if (company) expect(text).toContain(`NIF: ${company.nif}`);
  });
});
