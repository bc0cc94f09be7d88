import { describe, expect, it } from 'vitest';
import { columns, wrap } from '../../../electron/core/printing/layout/text';
import { layoutReceipt } from '../../../electron/core/printing/layout/receipt';
import { fr, fs } from './fixtures';

describe('receipt layout', () => {
  it('wraps long words and keeps indents, never wider than the paper', () => {
    expect(wrap('  abc defghijklmnop qr', 8)).toEqual(['  abc', '  defghi', '  jklmno', '  p qr']);
    for (const w of [10, 32, 42, 48]) {
      for (const l of columns('Descrição muito comprida de um artigo qualquer', '1234,56', w))
        expect(l.length).toBeLessThanOrEqual(w);
    }
  });

  it.each([32, 42, 48])('no text block overflows %i columns (double width counts twice)', (cols) => {
    const longName = 'Pastéis de nata artesanais feitos na hora com canela e açúcar em pó'.repeat(2);
    const doc = fr({
      issuer: { name: 'X'.repeat(100), nif: '599999993', address: ['Rua ' + 'comprida '.repeat(12)] },
      lines: [
        {
          quantity: '123.456',
          unit: 'KG',
          description: longName,
          unitPrice: '1234.5678',
          taxRate: '23',
          amount: '152416.45',
        },
      ],
    });
    for (const b of layoutReceipt(doc, { columns: cols })) {
      if (b.kind !== 'text') continue;
      expect(b.text.length * (b.style.doubleWidth ? 2 : 1), b.text).toBeLessThanOrEqual(cols);
    }
  });

  it('puts ATCUD immediately above the QR', () => {
    const blocks = layoutReceipt(fs(), { columns: 48 });
    const qr = blocks.findIndex((b) => b.kind === 'qr');
    expect(blocks[qr - 1]).toMatchObject({ kind: 'text', text: 'ATCUD:AAJFJ4VH-1' });
  });
});
