import { countDocumentsAfter } from '../db/fiscal-sql';
import type { Sqlite } from '../db/open';
import {
  checkDocument,
  type ChainState,
  type DocumentChecks,
  type RowsOf,
  type SeriesRow,
} from './verify-document';
import { createSignatureChecker } from './verify-signatures';
import type { DocRow } from './verify-totals';
import type { LineTuple, TaxTuple } from './verify-totals-fast';

export interface VerifyProblem {
  docNo: string;
  problem: string;
}

export interface VerifyResult {
  ok: boolean;
  series: number;
  documents: number;
  /** In chain order (series by id, documents by number); the first one is the first broken document. */
  problems: VerifyProblem[];
}

/** Where a series' chain is known good: its last verified document (number, stored hash, id). */
export interface ChainPosition {
  seriesId: number;
  number: number;
  hash: string;
  documentId: number;
}

export interface VerifyFromOptions {
  maxProblems?: number;
  /** Check signatures on a worker thread (default: automatic, see createSignatureChecker). */
  parallel?: boolean;
  /** Signature checks per worker chunk (tuning and tests). */
  chunkSize?: number;
  /** Only the series of this terminal (default: every series). */
  terminalId?: string;
  /**
   * Resume each series after this document ("from document N"): the chain goes on from its stored hash, the
   * numbering from N + 1 and the date order from its date. A series without a position starts at its first
   * document.
   */
  from?: readonly ChainPosition[];
}

export interface VerifyFromResult {
  ok: boolean;
  series: number;
  /** Documents verified (those after the starting positions). */
  documents: number;
  problems: Array<VerifyProblem & { documentId: number }>;
  /**
   * Per series, the last document before its first problem (or the starting position when nothing new was
   * found): where the next incremental run resumes. A series with a bad signature gets no position (it is
   * re-verified from its first document next time): which document broke the chain is only known at the end.
   */
  positions: ChainPosition[];
}

/**
 * Re-verifies every document from the database file alone (read-only is enough): the signature chain of each
 * series with the public key of the recorded key version, gapless numbering, date order, document numbers and
 * ATCUD, and every total recomputed from the lines. Because the signature covers GrossTotal and the chain covers
 * each previous hash, a row edited directly in the file (even with the triggers dropped) is found.
 */
export function verifyFiscalChains(
  sqlite: Sqlite,
  opts: Omit<VerifyFromOptions, 'terminalId' | 'from'> = {},
): VerifyResult {
  const r = verifyFiscalChainsFrom(sqlite, opts);
  return {
    ok: r.ok,
    series: r.series,
    documents: r.documents,
    problems: r.problems.map(({ docNo, problem }) => ({ docNo, problem })),
  };
}

/**
 * The same checks from given positions on (the end-of-day run's incremental check, electron/core/reports/eod):
 * one implementation for the full and the incremental verification.
 */
export function verifyFiscalChainsFrom(sqlite: Sqlite, opts: VerifyFromOptions = {}): VerifyFromResult {
  const max = opts.maxProblems ?? 100;
  // Problems carry their place in chain order (document ordinal, check slot) because signature results of a
  // worker arrive later; they are sorted and cut to `max` at the end.
  const found: Array<VerifyProblem & { documentId: number; ord: number; slot: number }> = [];
  const keyRows = sqlite.prepare('select id, version, public_pem from fiscal_key').all() as Array<{
    id: number;
    version: number;
    public_pem: string;
  }>;
  const keys = new Map(keyRows.map((k) => [k.id, k.version]));
  const series = sqlite
    .prepare(
      'select id, doc_type, code, validation_code from fiscal_series where ? is null or terminal_id = ? order by id',
    )
    .all(opts.terminalId ?? null, opts.terminalId ?? null) as SeriesRow[];
  const start = new Map((opts.from ?? []).map((p) => [p.seriesId, p]));
  // An upper bound of the signatures to check: every document to be read (receipts too). Counted on the
  // (series, number) index alone; leaving receipts out read each document's row (~90 ms for 100 000).
  const countAfter = countDocumentsAfter(sqlite);
  const signed = series.reduce(
    (n, s) => n + countAfter(s.id, start.get(s.id)?.number ?? Number.MIN_SAFE_INTEGER),
    0,
  );
  const signatures = createSignatureChecker({
    pems: new Map(keyRows.map((k) => [k.id, k.public_pem])),
    expected: signed,
    parallel: opts.parallel,
    chunkSize: opts.chunkSize,
  });
  const dateOf = sqlite.prepare('select doc_date from fiscal_document where id = ?').pluck();
  // Documents of a series are read in pages of PAGE numbers with their lines and tax rows for the same number
  // range: three statements per page, none per document. Rows come as arrays (`raw`): documents are mapped to
  // objects here (about half the cost of better-sqlite3 building them), lines and tax rows are read in place.
  const selDocs = sqlite
    .prepare(
      `select id, series_id, doc_type, number, doc_no, atcud, doc_date, system_entry_date, global_discount_pct,
       net_total, tax_payable, gross_total, hash, hash_control, key_id from fiscal_document
       where series_id = ? and number > ? order by number limit ${PAGE}`,
    )
    .raw(true);
  const selLines = sqlite
    .prepare(
      `select l.document_id, l.quantity, l.unit_price_gross, l.discount_pct, l.gross, l.net, l.tax, l.tax_type,
       l.tax_region, l.tax_code, l.tax_pct, l.exemption_code
       from fiscal_document d join fiscal_line l on l.document_id = d.id
       where d.series_id = ? and d.number > ? and d.number <= ? order by d.number, l.line_no`,
    )
    .raw(true);
  const selTaxes = sqlite
    .prepare(
      `select t.document_id, t.base, t.tax from fiscal_document d join fiscal_tax t on t.document_id = d.id
       where d.series_id = ? and d.number > ? and d.number <= ? order by d.number, t.seq`,
    )
    .raw(true);
  let documents = 0;
  const docNoOf: string[] = [];
  const docIdOf: number[] = [];
  const seriesOf: number[] = [];
  const positions = new Map<number, ChainPosition>();

  const checks: DocumentChecks = {
    keys,
    signatures,
    report: (d, ord, slot, problem) => found.push({ docNo: d.doc_no, documentId: d.id, problem, ord, slot }),
  };
  // One object reused for every document of a page: where its lines and tax rows are.
  const rows: RowsOf = { lines: [], lineFrom: 0, lineTo: 0, taxes: [], taxFrom: 0, taxTo: 0 };

  for (const s of series) {
    const from = start.get(s.id);
    const st: ChainState = {
      series: s,
      expected: (from?.number ?? 0) + 1,
      prevHash: from?.hash ?? '',
      prevDate: from ? ((dateOf.get(from.documentId) as string | undefined) ?? '') : '',
      broken: false,
    };
    let after = from?.number ?? Number.MIN_SAFE_INTEGER;
    // The position advances over good documents only: a broken one is reported again by the next run.
    let good: ChainPosition | null = from ?? null;
    let goodDoc: DocRow | null = null;
    let goodHash = good?.hash ?? '';
    for (;;) {
      const docs = (selDocs.all(s.id, after) as unknown[][]).map(docRow);
      if (!docs.length) break;
      const last = docs[docs.length - 1].number;
      // Lines and tax rows stay raw: a document's are the next run of rows with its id (see `run`).
      rows.lines = selLines.all(s.id, after, last) as LineTuple[];
      rows.taxes = selTaxes.all(s.id, after, last) as TaxTuple[];
      rows.lineTo = 0;
      rows.taxTo = 0;
      after = last;
      for (const d of docs) {
        const ord = documents++;
        docNoOf[ord] = d.doc_no;
        docIdOf[ord] = d.id;
        seriesOf[ord] = s.id;
        rows.lineFrom = rows.lineTo;
        rows.lineTo = run(rows.lines, rows.lineFrom, d.id);
        rows.taxFrom = rows.taxTo;
        rows.taxTo = run(rows.taxes, rows.taxFrom, d.id);
        checkDocument(checks, st, d, ord, rows);
        if (!st.broken) {
          goodDoc = d;
          if (d.doc_type !== 'RG') goodHash = d.hash;
        }
      }
      if (found.length > 50 * max) trim(found, max);
    }
    if (goodDoc) good = { seriesId: s.id, number: goodDoc.number, hash: goodHash, documentId: goodDoc.id };
    if (good) positions.set(s.id, good);
  }
  for (const ord of signatures.finish()) {
    found.push({
      docNo: docNoOf[ord],
      documentId: docIdOf[ord],
      problem: 'assinatura inválida (documento alterado ou cadeia quebrada)',
      ord,
      slot: 2,
    });
    positions.delete(seriesOf[ord]);
  }
  trim(found, max);
  const problems = found.map(({ docNo, documentId, problem }) => ({ docNo, documentId, problem }));
  return {
    ok: problems.length === 0,
    series: series.length,
    documents,
    problems,
    positions: [...positions.values()],
  };
}

// Small enough that a page's rows die young: with 2000 documents a page outlived its scavenges and was
// promoted (main-thread GC measured ~40% lower at 500, the statements per page stay negligible).
const PAGE = 500;

/** Columns in the order of the SELECTs above. */
const docRow = (r: unknown[]): DocRow => ({
  id: r[0] as number,
  series_id: r[1] as number,
  doc_type: r[2] as string,
  number: r[3] as number,
  doc_no: r[4] as string,
  atcud: r[5] as string,
  doc_date: r[6] as string,
  system_entry_date: r[7] as string,
  global_discount_pct: r[8] as string,
  net_total: r[9] as string,
  tax_payable: r[10] as string,
  gross_total: r[11] as string,
  hash: r[12] as string,
  hash_control: r[13] as string,
  key_id: r[14] as number | null,
});
/** Keeps the first `max` problems in chain order (stable within a document and slot). */
function trim(found: Array<{ ord: number; slot: number }>, max: number): void {
  const sorted = found
    .map((p, i) => ({ p, i }))
    .sort((a, b) => a.p.ord - b.p.ord || a.p.slot - b.p.slot || a.i - b.i)
    .slice(0, max)
    .map((x) => x.p);
  found.length = 0;
  found.push(...(sorted as typeof found));
}

/** Rows of one page are in document order: returns the end of documentId's run of rows starting at `from`. */
function run(rows: ReadonlyArray<readonly [number, ...unknown[]]>, from: number, documentId: number): number {
  let i = from;
  while (i < rows.length && rows[i][0] === documentId) i++;
  return i;
}
