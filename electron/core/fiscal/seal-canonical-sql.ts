import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../db/open';
import { workerPageQuery, type WorkerPageQuery } from '../db/worker-pages';
import {
  canonicalDocument,
  DOC_FIELDS,
  INFO_FIELDS,
  LINE_FIELDS,
  PAY_FIELDS,
  SEAL_VERSION,
  TAX_FIELDS,
} from './seal-canonical';
import { createDocumentReader, type ReadDocument, type StoredSeal } from './seal-reader';

export interface CanonicalDocument {
  seriesId: number;
  number: number;
  docNo: string;
  /** The text to MAC (canonicalDocument's), as SQLite built it, or as canonicalDocument built it if `exact`. */
  canonical: string;
  /** True when `canonical` came from canonicalDocument itself (the reference); false when SQLite built it. */
  exact: boolean;
  /** The stored seal, without its diagnosis tags (read with the reference text when they are needed). */
  seal: Pick<StoredSeal, 'mac' | 'seriesId' | 'number'> | null;
}

const PAGE = 2000;

const jsonRow = (alias: string, fields: readonly string[]): RawBuilder<string> =>
  sql<string>`json_array(${sql.join(fields.map((f) => sql.ref(`${alias}.${f}`)))})`;

// Concatenated rather than nested JSON: a scalar subquery loses the JSON subtype, and json() to restore it
// parses every child array again (~90 ms per 100 000 documents). json_array never returns NULL, and
// JSON.stringify writes an empty array as [], as the coalesce does.
// No ORDER BY in group_concat: it sorted every document's rows (~15 % of the statement), which come in key
// order anyway (the child tables' keys are (document_id, line_no) and (document_id, seq)). SQL does not promise
// that order, so nothing relies on it: a text in another order only fails to match its seal and is read again
// the reference way (below), and verify's checks over the text require increasing line_no and seq.
const children = (table: string, fields: readonly string[]): RawBuilder<string> =>
  sql<string>`'[' || coalesce((select group_concat(${jsonRow('c', fields)}, ',') from ${sql.table(table)} as c where c.document_id = d.id), '') || ']'`;

/**
 * One document of a page: [id, number, doc_no, stored MAC, seal's series id, seal's number, canonical text as
 * UTF-8 bytes]. Bytes rather than a string: making 100 MB of JavaScript strings (and encoding them again for
 * the MAC) was a fifth of reading them, and bytes cross to the seal's worker thread (seal-scan.ts) as a copy.
 */
export type CanonicalRow = [
  id: number,
  number: number,
  docNo: string,
  mac: string | null,
  sealSeriesId: number | null,
  sealNumber: number | null,
  canonical: Buffer,
];

export interface CanonicalPage {
  rows: CanonicalRow[];
  /** The texts are canonicalDocument's (a page SQLite could not build): the reference, not SQLite's. */
  exact: boolean;
}

/**
 * `verify`'s fast read of the seal's canonical text (issue 15: with every document and line materialised as
 * JavaScript values, checking the seal of 100 000 documents took ~2.8 s of CPU, three times the signature
 * chains). SQLite builds each document's JSON in C, one string per document.
 *
 * Why a match is proof: SQLite's JSON text equals JSON.stringify's for TEXT, INTEGER and NULL values (same
 * escapes, checked in tests/integration/fiscal/seal-canonical-sql.test.ts), so an untouched document MACs the same
 * as its seal. A changed one cannot match by a difference of rendering: two equal JSON texts are the same
 * values, and a REAL (only a tampered row can hold one: the sealed numbers are integers) renders with a `.` or
 * an exponent, which JSON.stringify of an integer never has. A BLOB makes SQLite's JSON fail: that page is read
 * the reference way. Whatever does not match is read again and checked the reference way (canonicalDocument)
 * by the caller, so a difference of rendering can only cost time, never raise a false alarm.
 */
export function createCanonicalReader(db: Db) {
  const k = db.k;
  const reference = createDocumentReader(db);
  // JSON.stringify([SEAL_VERSION, doc, lines, taxes, payments, info]), canonicalDocument's text.
  const canonical = sql<string>`'[' || ${sql.lit(SEAL_VERSION)} || ',' || ${jsonRow('d', DOC_FIELDS)} || ',' || ${children('fiscal_line', LINE_FIELDS)} || ',' || ${children('fiscal_tax', TAX_FIELDS)} || ',' || ${children('fiscal_payment', PAY_FIELDS)} || ',' || ${children('fiscal_info', INFO_FIELDS)} || ']'`;
  const pageOf = (seriesId: number, after: number, limit: number) =>
    k
      .selectFrom('fiscal_document as d')
      .leftJoin('fiscal_seal as s', 's.document_id', 'd.id')
      .select(['d.id', 'd.number', 'd.doc_no', 's.mac', 's.series_id', 's.number'])
      .select(sql<Buffer>`cast(${canonical} as blob)`.as('canonical'))
      .where('d.series_id', '=', seriesId)
      .where('d.number', '>', after)
      .orderBy('d.number')
      .limit(limit);

  // The same page as one row (the seal scan's worker, seal-scan.ts): the documents' [id, number, doc_no, mac,
  // seal's series id and number] as a JSON array, the texts' byte lengths and the texts end to end. A BLOB per
  // document (100 000 of them, each its own buffer) cost about a tenth of building the texts.
  // The aggregates' order is not promised by SQL: the worker checks the numbers increase, or gives up.
  const pageRowOf = (seriesId: number, after: number, limit: number) =>
    k
      .selectFrom(
        k
          .selectFrom('fiscal_document as d')
          .leftJoin('fiscal_seal as s', 's.document_id', 'd.id')
          .select([
            'd.id',
            'd.number',
            'd.doc_no',
            's.mac',
            's.series_id as seal_series',
            's.number as seal_number',
          ])
          .select(canonical.as('t'))
          .where('d.series_id', '=', seriesId)
          .where('d.number', '>', after)
          .orderBy('d.number')
          .limit(limit)
          .as('p'),
      )
      .select([
        sql<string>`json_group_array(json_array(p.id, p.number, p.doc_no, p.mac, p.seal_series, p.seal_number))`.as(
          'meta',
        ),
        sql<string | null>`group_concat(octet_length(p.t))`.as('lengths'),
        sql<Buffer | null>`cast(group_concat(p.t, '') as blob)`.as('texts'),
      ]);

  /** Up to PAGE documents of the series after number `after`, in number order. */
  const page = (seriesId: number, after: number): CanonicalPage => {
    try {
      return { rows: db.rows(pageOf(seriesId, after, PAGE)) as CanonicalRow[], exact: false };
    } catch {
      // "JSON cannot hold BLOB values": a tampered column; this page the reference way.
      const rows = reference
        .page(seriesId, after)
        .map((d): CanonicalRow => [
          d.id,
          d.number,
          d.docNo,
          d.seal?.mac ?? null,
          d.seal?.seriesId ?? null,
          d.seal?.number ?? null,
          Buffer.from(canonicalDocument(d.content)),
        ]);
      return { rows, exact: true };
    }
  };

  return {
    page,
    /**
     * The page statement for another connection (the seal scan's worker, through `workerPageQuery`), or
     * undefined where there can be none: one row per page, [meta JSON, lengths, texts] (pageRowOf above); its
     * parameters are the series id, the number after which to start and the page size, in that order (checked
     * when compiled, not assumed).
     */
    pageQuery(): { query: WorkerPageQuery; page: number } | undefined {
      const query = workerPageQuery(db, pageRowOf(-101, -202, PAGE), [-101, -202, PAGE]);
      return query && { query, page: PAGE };
    },
    *series(seriesId: number): Generator<CanonicalDocument> {
      let after = Number.MIN_SAFE_INTEGER;
      for (;;) {
        const p = page(seriesId, after);
        if (!p.rows.length) return;
        for (const [, number, docNo, mac, sealSeriesId, sealNumber, text] of p.rows)
          yield {
            seriesId,
            number,
            docNo,
            canonical: text.toString('utf8'),
            exact: p.exact,
            seal: mac === null ? null : { mac, seriesId: sealSeriesId!, number: sealNumber! },
          };
        after = p.rows[p.rows.length - 1][1];
      }
    },
    /** One document the reference way, for the ones whose fast text did not match. */
    reference(seriesId: number, number: number): ReadDocument | undefined {
      const [d] = reference.page(seriesId, number - 1, 1);
      return d?.number === number ? d : undefined;
    },
  };
}
