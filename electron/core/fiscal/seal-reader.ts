import type { Sqlite } from '../db/open';
import {
  DOC_FIELDS,
  INFO_FIELDS,
  LINE_FIELDS,
  PAY_FIELDS,
  TAX_FIELDS,
  type SealContent,
  type SealRow,
} from './seal-canonical';

export interface StoredSeal {
  mac: string;
  shape: string;
  tags: Buffer;
  seriesId: number;
  number: number;
}

export interface ReadDocument {
  id: number;
  seriesId: number;
  number: number;
  docNo: string;
  content: SealContent;
  seal: StoredSeal | null;
}

const PAGE = 2000;
const cols = (alias: string, fields: readonly string[]): string =>
  fields.map((f) => `${alias}.${f}`).join(', ');

/**
 * Every document of one series in number order, with its rows in seal order (seal-canonical.ts) and its stored
 * seal: pages of PAGE numbers, five statements per page, none per document (verify runs on 100k documents).
 * `maxId` limits the read to documents up to that id (the upgrade backfill).
 */
export function createDocumentReader(sqlite: Sqlite, opts: { maxId?: number } = {}) {
  const max = opts.maxId ?? Number.MAX_SAFE_INTEGER;
  const selDocs = sqlite
    .prepare(
      `select ${cols('d', DOC_FIELDS)}, s.mac, s.shape, s.tags, s.series_id, s.number
       from fiscal_document d left join fiscal_seal s on s.document_id = d.id
       where d.series_id = ? and d.number > ? and d.id <= ? order by d.number limit ${PAGE}`,
    )
    .raw(true);
  const child = (table: string, fields: readonly string[], order: string) =>
    sqlite
      .prepare(
        `select c.document_id, ${cols('c', fields)} from fiscal_document d join ${table} c on c.document_id = d.id
         where d.series_id = ? and d.number > ? and d.number <= ? order by d.number, c.${order}`,
      )
      .raw(true);
  const selLines = child('fiscal_line', LINE_FIELDS, 'line_no');
  const selTaxes = child('fiscal_tax', TAX_FIELDS, 'seq');
  const selPays = child('fiscal_payment', PAY_FIELDS, 'seq');
  const selInfo = child('fiscal_info', INFO_FIELDS, 'seq');
  const n = DOC_FIELDS.length;
  const iNumber = DOC_FIELDS.indexOf('number');
  const iDocNo = DOC_FIELDS.indexOf('doc_no');

  const grouped = (rows: unknown[][]): Map<number, SealRow[]> => {
    const m = new Map<number, SealRow[]>();
    for (const r of rows) {
      const id = r[0] as number;
      let list = m.get(id);
      if (!list) m.set(id, (list = []));
      list.push(r.slice(1) as SealRow);
    }
    return m;
  };

  return {
    *series(seriesId: number): Generator<ReadDocument> {
      let after = Number.MIN_SAFE_INTEGER;
      for (;;) {
        const docs = selDocs.all(seriesId, after, max) as unknown[][];
        if (!docs.length) return;
        const last = docs[docs.length - 1][iNumber] as number;
        const range = [seriesId, after, last] as const;
        const lines = grouped(selLines.all(...range) as unknown[][]);
        const taxes = grouped(selTaxes.all(...range) as unknown[][]);
        const pays = grouped(selPays.all(...range) as unknown[][]);
        const info = grouped(selInfo.all(...range) as unknown[][]);
        after = last;
        for (const r of docs) {
          const doc = r.slice(0, n) as SealRow;
          const id = doc[0] as number;
          const mac = r[n] as string | null;
          yield {
            id,
            seriesId,
            number: doc[iNumber] as number,
            docNo: doc[iDocNo] as string,
            content: {
              doc,
              lines: lines.get(id) ?? [],
              taxes: taxes.get(id) ?? [],
              payments: pays.get(id) ?? [],
              info: info.get(id) ?? [],
            },
            seal:
              mac === null
                ? null
                : {
                    mac,
                    shape: r[n + 1] as string,
                    tags: r[n + 2] as Buffer,
                    seriesId: r[n + 3] as number,
                    number: r[n + 4] as number,
                  },
          };
        }
      }
    },
  };
}
