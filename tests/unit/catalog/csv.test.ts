import { describe, expect, it } from 'vitest';
import { csvBoolean, csvColumnOf, csvDecimal } from '../../../shared/catalog-csv';
import { CsvSyntaxError, detectDelimiter, parseCsv, writeCsv } from '../../../shared/csv';

const fields = (text: string) => parseCsv(text).map((r) => r.fields);

describe('CSV parser (RFC 4180, ";" or ",", BOM)', () => {
  it('reads ";" and "," files, with or without BOM, CRLF/LF/CR line ends', () => {
    expect(fields('a;b\r\n1;2\r\n')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
    expect(fields('\ufeffa,b\n1,2')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
    expect(fields('a;b\r1;2\r')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
    expect(detectDelimiter('\ufeffcodigo;descricao;preco')).toBe(';');
    expect(detectDelimiter('codigo,descricao,preco')).toBe(',');
    expect(detectDelimiter('"a;b",c,d\n1;2;3;4')).toBe(',');
  });

  it('keeps quoted separators, doubled quotes and line breaks, and numbers records by their first line', () => {
    const recs = parseCsv('c;d\n1;"Pão ""caseiro""; 1,5 kg"\n2;"duas\nlinhas"\n3;x\n');
    expect(recs.map((r) => r.fields)).toEqual([
      ['c', 'd'],
      ['1', 'Pão "caseiro"; 1,5 kg'],
      ['2', 'duas\nlinhas'],
      ['3', 'x'],
    ]);
    expect(recs.map((r) => r.line)).toEqual([1, 2, 3, 5]);
  });

  it('keeps empty fields, skips blank lines', () => {
    expect(fields('a;;c\n\n;;\n""\n')).toEqual([['a', '', 'c'], ['', '', ''], ['']]);
  });

  it('refuses broken quoting with the line', () => {
    expect(() => parseCsv('a;b\n1;"open\n')).toThrow(CsvSyntaxError);
    try {
      parseCsv('a;b\n1;2\n3;x"y"\n');
    } catch (e) {
      expect(e).toBeInstanceOf(CsvSyntaxError);
      expect((e as CsvSyntaxError).line).toBe(3);
    }
    expect(() => parseCsv('a;"b"c\n')).toThrow(/depois das aspas/);
  });

  it('writes what it reads (BOM, CRLF, quotes only where needed)', () => {
    const rows = [
      ['codigo', 'descricao'],
      ['A1', 'Pão; "caseiro"'],
      ['A2', 'Água'],
    ];
    const text = writeCsv(rows);
    expect(text.startsWith('\ufeffcodigo;descricao\r\n')).toBe(true);
    expect(text).toContain('A1;"Pão; ""caseiro"""\r\n');
    expect(fields(text)).toEqual(rows);
  });
});

describe('article CSV cells', () => {
  it('matches headers without accents or case, decimals with comma or point, sim/não', () => {
    expect(csvColumnOf('Descrição')).toBe('descricao');
    expect(csvColumnOf(' Código ')).toBe('codigo');
    expect(csvColumnOf('preço sem IVA')).toBe('preco_sem_iva');
    expect(csvColumnOf('cor favorita')).toBeNull();
    expect(csvDecimal('1,89')).toBe('1.89');
    expect(csvDecimal('1.89')).toBe('1.89');
    expect(csvDecimal('1.234,5')).toBe('1234.5');
    expect(csvDecimal('2 €')).toBe('2');
    expect(csvDecimal('1,2,3')).toBe('1,2,3');
    expect(csvBoolean('Não')).toBe(false);
    expect(csvBoolean('SIM')).toBe(true);
    expect(csvBoolean('talvez')).toBeNull();
  });
});
