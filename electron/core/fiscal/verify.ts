import { signatureMessage } from '../../../shared/fiscal/signature';
import type { Sqlite } from '../db/open';
import { createSignatureChecker } from './verify-signatures';
import { totalsProblems, type DocRow, type LineRow, type TaxRow } from './verify-totals';

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
    .all(opts.terminalId ?? null, opts.terminalId ?? null) as Array<{
    id: number;
    doc_type: string;
    code: string;
    validation_code: string | null;
  }>;
  const start = new Map((opts.from ?? []).map((p) => [p.seriesId, p]));
  const countSigned = sqlite.prepare(
    `select count(*) as n from fiscal_document where series_id = ? and number > ? and doc_type <> 'RG'`,
  );
  const signed = series.reduce(
    (n, s) => n + (countSigned.get(s.id, start.get(s.id)?.number ?? 0) as { n: number }).n,
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
  // range: three statements per page, none per document. Rows come as arrays (`raw`), mapped to objects here:
  // about half the cost of better-sqlite3 building the objects.
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

  for (const s of series) {
    const from = start.get(s.id);
    let expected = (from?.number ?? 0) + 1;
    let prevHash = from?.hash ?? '';
    let prevDate = from ? ((dateOf.get(from.documentId) as string | undefined) ?? '') : '';
    let after = from?.number ?? Number.MIN_SAFE_INTEGER;
    let good: ChainPosition | null = from ?? null;
    let broken = false;
    for (;;) {
      const docs = (selDocs.all(s.id, after) as unknown[][]).map(docRow);
      if (!docs.length) break;
      const last = docs[docs.length - 1].number;
      const lineRows = new Rows((selLines.all(s.id, after, last) as unknown[][]).map(lineRow));
      const taxRows = new Rows(
        (selTaxes.all(s.id, after, last) as unknown[][]).map((r): TaxRow => ({
          document_id: r[0] as number,
          base: r[1] as string,
          tax: r[2] as string,
        })),
      );
      after = last;
      for (const d of docs) {
        const ord = documents++;
        docNoOf[ord] = d.doc_no;
        docIdOf[ord] = d.id;
        seriesOf[ord] = s.id;
        let slot = 0;
        const fail = (problem: string): void => {
          found.push({ docNo: d.doc_no, documentId: d.id, problem, ord, slot });
          broken = true;
        };
        check(d);
        // The position advances over good documents only: a broken one is reported again by the next run.
        if (!broken)
          good = {
            seriesId: s.id,
            number: d.number,
            hash: d.doc_type === 'RG' ? (good?.hash ?? '') : d.hash,
            documentId: d.id,
          };

        function check(d: DocRow): void {
          const lines = lineRows.take(d.id);
          const taxes = taxRows.take(d.id);
          if (d.number !== expected) {
            fail(
              d.number > expected
                ? `falta o número ${expected} da série (salto na numeração)`
                : 'número repetido na série',
            );
          }
          expected = d.number + 1;
          if (d.doc_no !== `${s.doc_type} ${s.code}/${d.number}` || d.doc_type !== s.doc_type)
            fail('número do documento não corresponde à série');
          if (s.validation_code && d.atcud !== `${s.validation_code}-${d.number}`)
            fail('ATCUD não corresponde à série');
          if (d.doc_date < prevDate)
            fail(`data ${d.doc_date} anterior à do documento anterior (${prevDate})`);
          prevDate = d.doc_date;

          slot = 1;
          if (d.doc_type !== 'RG') {
            const version = d.key_id === null ? undefined : keys.get(d.key_id);
            if (version === undefined) fail('chave de assinatura desconhecida');
            else {
              if (String(version) !== d.hash_control) fail('HashControl não corresponde à versão da chave');
              // Checked by `signatures` (slot 2), possibly on another core.
              signatures.add(
                ord,
                d.key_id!,
                signatureMessage({
                  date: d.doc_date,
                  systemEntryDate: d.system_entry_date,
                  docNo: d.doc_no,
                  grossTotal: d.gross_total,
                  previousHash: prevHash,
                }),
                d.hash,
              );
            }
            prevHash = d.hash;
          }

          slot = 3;
          if (!lines.length) {
            fail('documento sem linhas');
            return;
          }
          if (d.doc_type === 'RG') {
            const sum = lines.reduce((a, l) => a + cents(l.gross), 0);
            if (sum !== cents(d.gross_total) || cents(d.net_total) !== sum)
              fail('total do recibo não corresponde às linhas');
            return;
          }
          for (const problem of totalsProblems(d, lines, taxes)) fail(problem);
        }
      }
      if (found.length > 50 * max) trim(found, max);
    }
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

const PAGE = 2000;

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
const lineRow = (r: unknown[]): LineRow & { document_id: number } => ({
  document_id: r[0] as number,
  quantity: r[1] as string,
  unit_price_gross: r[2] as string,
  discount_pct: r[3] as string,
  gross: r[4] as string,
  net: r[5] as string,
  tax: r[6] as string,
  tax_type: r[7] as string,
  tax_region: r[8] as string,
  tax_code: r[9] as string,
  tax_pct: r[10] as string,
  exemption_code: r[11] as string | null,
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

/** "12.30" → 1230 (amounts are stored with exactly 2 decimals). */
function cents(v: string): number {
  return Math.round(Number(v) * 100);
}

/** Rows of one page in document order: the rows of one document are contiguous. */
class Rows<R extends { document_id: number }> {
  #i = 0;
  constructor(private readonly rows: readonly R[]) {}
  take(documentId: number): R[] {
    const from = this.#i;
    while (this.#i < this.rows.length && this.rows[this.#i].document_id === documentId) this.#i++;
    return this.rows.slice(from, this.#i);
  }
}
