import { sql } from 'kysely';
import type { Db } from '../db/open';
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
/** Columns of `alias`, in seal order, as positional select items (the names are never read back). */
const cols = (alias: string, fields: readonly string[]) =>
  fields.map((f) => sql.ref<unknown>(`${alias}.${f}`).as(`${alias}_${f}`));

type ChildTable = 'fiscal_line' | 'fiscal_tax' | 'fiscal_payment' | 'fiscal_info';

/**
 * Every document of one series in number order, with its rows in seal order (seal-canonical.ts) and its stored
 * seal: pages of PAGE numbers, five statements per page, none per document (verify runs on 100k documents).
 * Positional rows (`db.rows`): no object per row on this path. `maxId` limits the read to documents up to that
 * id (the upgrade backfill).
 */
export function createDocumentReader(db: Db, opts: { maxId?: number } = {}) {
  const k = db.k;
  const max = opts.maxId ?? Number.MAX_SAFE_INTEGER;
  const selDocs = (seriesId: number, after: number, limit = PAGE): unknown[][] =>
    db.rows(
      k
        .selectFrom('fiscal_document as d')
        .leftJoin('fiscal_seal as s', 's.document_id', 'd.id')
        .select(cols('d', DOC_FIELDS))
        .select(['s.mac', 's.shape', 's.tags', 's.series_id', 's.number'])
        .where('d.series_id', '=', seriesId)
        .where('d.number', '>', after)
        .where('d.id', '<=', max)
        .orderBy('d.number')
        .limit(limit),
    );
  const child =
    (table: ChildTable, fields: readonly string[], order: string) =>
    (seriesId: number, after: number, last: number): unknown[][] =>
      db.rows(
        k
          // The four child tables share document_id; the cast only names one of them for the type checker.
          .selectFrom(`${table} as c` as 'fiscal_line as c')
          .innerJoin('fiscal_document as d', 'd.id', 'c.document_id')
          .select('c.document_id')
          .select(cols('c', fields))
          .where('d.series_id', '=', seriesId)
          .where('d.number', '>', after)
          .where('d.number', '<=', last)
          .orderBy('d.number')
          .orderBy(sql.ref(`c.${order}`)),
      );
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

  /** Up to `limit` documents of the series after number `after`, in number order. */
  const page = (seriesId: number, after: number, limit = PAGE): ReadDocument[] => {
    const docs = selDocs(seriesId, after, limit);
    if (!docs.length) return [];
    const last = docs[docs.length - 1][iNumber] as number;
    const lines = grouped(selLines(seriesId, after, last));
    const taxes = grouped(selTaxes(seriesId, after, last));
    const pays = grouped(selPays(seriesId, after, last));
    const info = grouped(selInfo(seriesId, after, last));
    return docs.map((r) => {
      const doc = r.slice(0, n) as SealRow;
      const id = doc[0] as number;
      const mac = r[n] as string | null;
      return {
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
    });
  };

  return {
    page,
    *series(seriesId: number): Generator<ReadDocument> {
      let after = Number.MIN_SAFE_INTEGER;
      for (;;) {
        const docs = page(seriesId, after);
        if (!docs.length) return;
        after = docs[docs.length - 1].number;
        yield* docs;
      }
    },
  };
}
