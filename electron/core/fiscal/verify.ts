import { countDocumentsAfter } from '../db/fiscal-sql';
import type { Db } from '../db/open';
import { createCanonicalReader } from './seal-canonical-sql';
import type { PageSource } from './seal-scan';
import { checkDocument, type ChainState, type DocumentChecks, type SeriesRow } from './verify-document';
import { createSignatureChecker } from './verify-signatures';
import { checkDocumentText } from './verify-text';

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

export interface VerifyOptions extends Omit<VerifyFromOptions, 'terminalId' | 'from'> {
  /**
   * Where the pages of seal texts come from: the seal check's (verify-seal.ts), so that `balcao verify` reads
   * each document once for both. Only here: the incremental run reads part of a series, which the seal cannot
   * use. Default: read here.
   */
  pages?: PageSource;
}

/**
 * Re-verifies every document from the database file alone (read-only is enough): the signature chain of each
 * series with the public key of the recorded key version, gapless numbering, date order, document numbers and
 * ATCUD, and every total recomputed from the lines. Because the signature covers GrossTotal and the chain covers
 * each previous hash, a row edited directly in the file (even with the triggers dropped) is found.
 */
export function verifyFiscalChains(db: Db, opts: VerifyOptions = {}): VerifyResult {
  const r = run(db, opts, opts.pages);
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
export function verifyFiscalChainsFrom(db: Db, opts: VerifyFromOptions = {}): VerifyFromResult {
  return run(db, opts, undefined);
}

function run(db: Db, opts: VerifyFromOptions, pages: PageSource | undefined): VerifyFromResult {
  const sqlite = db.sqlite;
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
    // The seal's worker reading the pages is one thread at work already; it takes checks when it is ahead.
    busyThreads: pages?.threaded ? 1 : 0,
    chunkSize: opts.chunkSize,
    lane: pages?.lane,
  });
  // While the seal's worker has no page ready, the signatures it has not taken.
  const idle = (): boolean => signatures.helpOne();
  const dateOf = sqlite.prepare('select doc_date from fiscal_document where id = ?').pluck();
  // Each document is read once, as its seal text (seal-canonical-sql.ts: SQLite builds it in C), in pages per
  // series (from `pages` when the seal check reads them); its checks run over the text (verify-text.ts). Only a
  // document the text path cannot tell about is read again as rows and checked by checkDocument, which reports.
  const reader = createCanonicalReader(db);
  const source: PageSource = pages ?? reader;
  const k = db.k;
  // The document's rows as checkDocument reads them (all columns: a document the text path could not tell about
  // is rare, and its DocRow, LineRow and TaxRow fields are among them).
  const rowsOfDocument = (id: number) => ({
    d: db.get(k.selectFrom('fiscal_document').selectAll().where('id', '=', id))!,
    lines: db.all(k.selectFrom('fiscal_line').selectAll().where('document_id', '=', id).orderBy('line_no')),
    taxes: db.all(k.selectFrom('fiscal_tax').selectAll().where('document_id', '=', id).orderBy('seq')),
  });
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
    // The last good document of this series (no object per document: verify's hot loop).
    let goodNumber = 0;
    let goodId = -1;
    let goodHash = '';
    for (;;) {
      const page = source.page(s.id, after, idle);
      if (!page.rows.length) break;
      for (const [id, number, docNo, , , , text] of page.rows) {
        const ord = documents++;
        docNoOf[ord] = docNo;
        docIdOf[ord] = id;
        seriesOf[ord] = s.id;
        // A reference text (a page SQLite could not build) holds a value the text path cannot read anyway.
        if (page.exact || !checkDocumentText(checks, st, text, ord)) {
          const { d, lines, taxes } = rowsOfDocument(id);
          checkDocument(checks, st, d, ord, lines, taxes);
        }
        // While the series is unbroken, prevHash is the last signed document's stored hash.
        if (!st.broken) {
          goodNumber = number;
          goodId = id;
          goodHash = st.prevHash;
        }
      }
      after = page.rows[page.rows.length - 1][1];
      if (found.length > 50 * max) trim(found, max);
    }
    if (goodId >= 0) good = { seriesId: s.id, number: goodNumber, hash: goodHash, documentId: goodId };
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
