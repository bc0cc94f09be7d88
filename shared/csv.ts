/**
 * CSV as spreadsheets in Portugal write it (RFC 4180 records; issue 12 item 2). Hand-written because no CSV
 * library is installed and the rules are few: fields separated by ";" or ",", optionally in double quotes
 * (a quote inside is doubled; a quoted field may hold the separator and line breaks), records ended by CRLF, LF
 * or CR, an optional UTF-8 BOM. Each record keeps the file line it starts on, for `linha N: motivo`.
 */
export type CsvDelimiter = ';' | ',';

export interface CsvRecord {
  /** 1-based line of the file where the record starts (a quoted line break spans lines). */
  line: number;
  fields: string[];
}

export class CsvSyntaxError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
  }
}

export const stripBom = (text: string): string => (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);

/**
 * The separator of the header line: the one of ";" and "," that occurs more often outside quotes (";" on a
 * tie: Excel's choice with Portuguese settings, where "," is the decimal mark).
 */
export function detectDelimiter(text: string): CsvDelimiter {
  let semi = 0;
  let comma = 0;
  let quoted = false;
  for (const ch of stripBom(text)) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && ch === ';') semi++;
    else if (!quoted && ch === ',') comma++;
  }
  return comma > semi ? ',' : ';';
}

export function parseCsv(input: string, delimiter: CsvDelimiter = detectDelimiter(input)): CsvRecord[] {
  const text = stripBom(input);
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let i = 0;
  let quoted = false;
  let wasQuoted = false;
  const endField = (): void => {
    fields.push(field);
    field = '';
    wasQuoted = false;
  };
  const endRecord = (): void => {
    const blank = fields.length === 0 && field === '' && !wasQuoted;
    endField();
    // A blank line is no record (spreadsheets often end with one); `""` is one empty field.
    if (!blank) records.push({ line: recordLine, fields });
    fields = [];
  };
  while (i < text.length) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      if (ch === '\r' || ch === '\n') {
        if (ch === '\r' && text[i + 1] === '\n') {
          field += '\r\n';
          i += 2;
        } else {
          field += ch;
          i++;
        }
        line++;
        continue;
      }
      field += ch;
      i++;
      continue;
    }
    if (ch === '"') {
      if (field !== '' || wasQuoted) {
        throw new CsvSyntaxError(line, 'aspas no meio de um campo (um campo com aspas começa e acaba nelas)');
      }
      quoted = true;
      wasQuoted = true;
      i++;
      continue;
    }
    if (wasQuoted && ch !== delimiter && ch !== '\r' && ch !== '\n') {
      throw new CsvSyntaxError(line, 'texto depois das aspas de fecho de um campo');
    }
    if (ch === delimiter) {
      endField();
      i++;
      continue;
    }
    if (ch === '\r' || ch === '\n') {
      endRecord();
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
      line++;
      recordLine = line;
      continue;
    }
    field += ch;
    i++;
  }
  if (quoted) throw new CsvSyntaxError(recordLine, 'aspas por fechar');
  if (field !== '' || fields.length > 0 || wasQuoted) endRecord();
  return records;
}

const NEEDS_QUOTES = /[";,\r\n]|^\s|\s$/;

/** One CSV field, quoted when it must be (separator, quote, line break, edge spaces). */
export const csvField = (v: string): string => (NEEDS_QUOTES.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/** Records to CSV text: CRLF line ends (RFC 4180), with a UTF-8 BOM so Excel reads the accents. */
export function writeCsv(rows: readonly (readonly string[])[], delimiter: CsvDelimiter = ';'): string {
  return '\ufeff' + rows.map((r) => r.map(csvField).join(delimiter)).join('\r\n') + '\r\n';
}
