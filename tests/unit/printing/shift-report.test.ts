import { describe, expect, it } from 'vitest';
import type { ShiftReport } from '../../../shared/api/sales';
import { decode, paperText } from '../../../electron/core/printing/escpos/decoder';
import { layoutShiftReport } from '../../../electron/core/printing/layout/shift-report';
import { PrintableShiftReport } from '../../../electron/core/printing/printable-report';
import { reportBytes } from '../../../electron/core/printing/render-document';
import { defaultProfile } from '../../../electron/core/printing/profile';
import { flat } from './helpers';

const z: ShiftReport = {
  kind: 'Z',
  shiftId: 4,
  zNumber: 3,
  terminalId: 'T1',
  operator: { id: 1, name: 'Ana Caixa' },
  openedAt: '2025-03-14T08:00:00.000Z',
  closedAt: '2025-03-14T18:30:00.000Z',
  generatedAt: '2025-03-14T18:30:00.000Z',
  training: true,
  documents: {
    count: 4,
    byType: [
      { type: 'FS', count: 2, gross: '12.34' },
      { type: 'FR', count: 1, gross: '100.00' },
      { type: 'NC', count: 1, gross: '1.89' },
    ],
    first: 'FS T1/1',
    last: 'NC T1/1',
  },
  byMethod: [
    { method: 'cash-manual', name: 'Numerário (gaveta)', count: 2, amount: '12.34' },
    { method: 'card', name: 'Cartão', count: 1, amount: '100.00' },
  ],
  vat: [
    {
      region: 'PT',
      code: 'NOR',
      pct: '23',
      exemptionCode: null,
      base: '81.30',
      tax: '18.70',
      gross: '100.00',
      creditBase: '0.00',
      creditTax: '0.00',
      creditGross: '0.00',
      netBase: '81.30',
      netTax: '18.70',
      netGross: '100.00',
    },
    {
      region: 'PT',
      code: 'RED',
      pct: '6',
      exemptionCode: null,
      base: '11.64',
      tax: '0.70',
      gross: '12.34',
      creditBase: '1.78',
      creditTax: '0.11',
      creditGross: '1.89',
      netBase: '9.86',
      netTax: '0.59',
      netGross: '10.45',
    },
  ],
  vatTotals: {
    base: '92.94',
    tax: '19.40',
    gross: '112.34',
    creditBase: '1.78',
    creditTax: '0.11',
    creditGross: '1.89',
    netBase: '91.16',
    netTax: '19.29',
    netGross: '110.45',
  },
  returns: {
    count: 1,
    gross: '1.89',
    byMethod: [{ method: 'cash-manual', name: 'Numerário (gaveta)', amount: '1.89' }],
  },
  cancelled: { count: 0, gross: '0.00', docNos: [] },
  totals: { salesGross: '112.34', returnsGross: '1.89', netGross: '110.45' },
  cash: {
    openingFloat: '50.00',
    cashSales: '12.34',
    cashRefunds: '1.89',
    payIns: '10.00',
    payOuts: '5.00',
    expected: '65.45',
    drawer: { expected: '65.45', counted: '65.00', difference: '-0.45' },
    machine: { expected: '0.00', counted: '0.00', difference: '0.00' },
  },
};

const printable = (over: Partial<ShiftReport> = {}, copy = false): PrintableShiftReport =>
  PrintableShiftReport.parse({
    report: { ...z, ...over },
    issuer: {
      name: 'Mercearia Exemplo, Lda.',
      nif: '599999993',
      address: ['Rua Direita 1', '1000-001 Lisboa'],
    },
    copy,
  });

describe('X/Z shift report on paper', () => {
  it.each(['58mm-32', '80mm-42', '80mm-48'] as const)('never overflows the paper (%s)', (paper) => {
    const p = defaultProfile({ paper });
    const cols = Number(paper.slice(-2));
    for (const b of layoutShiftReport(printable(), { columns: cols })) {
      if (b.kind !== 'text') continue;
      expect(b.text.length * (b.style.doubleWidth ? 2 : 1), b.text).toBeLessThanOrEqual(cols);
    }
    const text = flat(paperText(decode(reportBytes(printable(), p))));
    expect(text).toContain('Relatório Z - Fecho de turno');
    expect(text).toContain('110,45');
  });

  it('decoded ESC/POS text carries every figure of the Z', () => {
    const d = decode(reportBytes(printable(), defaultProfile({ paper: '80mm-48' })));
    expect(d.unknown).toEqual([]);
    expect(d.items.some((i) => i.kind === 'cut')).toBe(true);
    expect(d.items.some((i) => i.kind === 'drawer' || i.kind === 'qr')).toBe(false);
    const raw = paperText(d);
    const text = flat(raw);
    for (const s of [
      'Relatório Z - Fecho de turno',
      'Z n.º 3',
      'Terminal T1',
      'Operador Ana Caixa',
      'NIF: 599999993',
      'Numerário (gaveta) (2) 12,34',
      'Cartão (1) 100,00',
      'FS Fatura simplificada (2) 12,34',
      'FR Fatura-recibo (1) 100,00',
      'NC Nota de crédito (1) 1,89',
      'De FS T1/1 a NC T1/1',
      'Notas de crédito (1) -1,89',
      'Fundo inicial 50,00',
      'Entradas 10,00',
      'Saídas -5,00',
      'Esperado 65,45',
      'Contado 65,00',
      'Diferença -0,45',
      'Contagem CI-5 0,00',
      'Documento emitido para fins de Formação',
      'Este documento não serve de fatura',
    ])
      expect(text).toContain(s);
    expect(text).toMatch(/LÍQUIDO\s+110,45 €/);
    // VAT summary: rate, base, VAT, total; then the credit notes of that rate.
    expect(raw).toMatch(/23%\s+81,30\s+18,70\s+100,00/);
    expect(raw).toMatch(/6%\s+11,64\s+0,70\s+12,34/);
    expect(raw).toMatch(/NC\s+-1,78\s+-0,11\s+-1,89/);
    // ... their net, and the column totals of the net (issue 9 E.11).
    expect(raw).toMatch(/Líq\.\s+9,86\s+0,59\s+10,45/);
    expect(raw).toMatch(/Total\s+91,16\s+19,29\s+110,45/);
    // Opened/closed times are the shop's wall clock.
    const local = (iso: string): string => {
      const d = new Date(iso);
      const p = (n: number): string => String(n).padStart(2, '0');
      return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
    };
    expect(text).toContain(`Aberto ${local(z.openedAt)}`);
    expect(text).toContain(`Fechado ${local(z.closedAt!)}`);
  });

  it('an X says it does not close the shift; a reprint says "2.ª via"', () => {
    const x = flat(
      paperText(
        decode(
          reportBytes(
            printable({
              kind: 'X',
              zNumber: null,
              closedAt: null,
              cash: { ...z.cash, drawer: { expected: '65.45', counted: null, difference: null } },
            }),
            defaultProfile(),
          ),
        ),
      ),
    );
    expect(x).toContain('Relatório X');
    expect(x).toContain('não fecha o turno');
    expect(x).not.toContain('Fecho de turno');
    expect(x).toContain('Contado no fecho');
    expect(x).not.toContain('Diferença -0,45');
    const copy = flat(paperText(decode(reportBytes(printable({}, true), defaultProfile()))));
    expect(copy).toContain('2.ª via');
  });
});
