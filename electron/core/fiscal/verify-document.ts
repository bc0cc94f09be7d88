import { signatureMessage } from '../../../shared/fiscal/signature';
import type { SignatureChecker } from './verify-signatures';
import { totalsProblems, type DocRow, type LineRow, type TaxRow } from './verify-totals';

export interface SeriesRow {
  id: number;
  doc_type: string;
  code: string;
  validation_code: string | null;
}

/** One series' chain while its documents are checked in number order. */
export interface ChainState {
  readonly series: SeriesRow;
  /** The number the next document must have. */
  expected: number;
  /** Stored hash of the previous signed document ("" before the first). */
  prevHash: string;
  prevDate: string;
  /** A problem was found in this series (the resume position stops advancing). */
  broken: boolean;
}

export interface DocumentChecks {
  /** Key versions by fiscal_key.id. */
  keys: ReadonlyMap<number, number>;
  signatures: SignatureChecker;
  /** Records a problem; `slot` orders the problems of one document (0 numbering … 3 totals). */
  report(d: DocRow, ord: number, slot: number, problem: string): void;
}

/**
 * Every check of one document, in order: numbering, document number and ATCUD, date order, key and
 * HashControl, the signature (queued on `signatures`), totals. The reference, and the one that words problems:
 * verify runs it on the rows of each document its seal-text path (verify-text.ts) cannot tell about.
 */
export function checkDocument(
  c: DocumentChecks,
  st: ChainState,
  d: DocRow,
  ord: number,
  lines: readonly LineRow[],
  taxes: readonly TaxRow[],
): void {
  const s = st.series;
  if (d.number !== st.expected) {
    fail(
      c,
      st,
      d,
      ord,
      0,
      d.number > st.expected
        ? `falta o número ${st.expected} da série (salto na numeração)`
        : 'número repetido na série',
    );
  }
  st.expected = d.number + 1;
  if (d.doc_no !== `${s.doc_type} ${s.code}/${d.number}` || d.doc_type !== s.doc_type)
    fail(c, st, d, ord, 0, 'número do documento não corresponde à série');
  if (s.validation_code && d.atcud !== `${s.validation_code}-${d.number}`)
    fail(c, st, d, ord, 0, 'ATCUD não corresponde à série');
  if (d.doc_date < st.prevDate)
    fail(c, st, d, ord, 0, `data ${d.doc_date} anterior à do documento anterior (${st.prevDate})`);
  st.prevDate = d.doc_date;

  if (d.doc_type !== 'RG') {
    const version = d.key_id === null ? undefined : c.keys.get(d.key_id);
    if (version === undefined) fail(c, st, d, ord, 1, 'chave de assinatura desconhecida');
    else {
      if (String(version) !== d.hash_control)
        fail(c, st, d, ord, 1, 'HashControl não corresponde à versão da chave');
      // Checked by `signatures` (slot 2), possibly on another core.
      c.signatures.add(
        ord,
        d.key_id!,
        signatureMessage({
          date: d.doc_date,
          systemEntryDate: d.system_entry_date,
          docNo: d.doc_no,
          grossTotal: d.gross_total,
          previousHash: st.prevHash,
        }),
        d.hash,
      );
    }
    st.prevHash = d.hash;
  }

  if (!lines.length) {
    fail(c, st, d, ord, 3, 'documento sem linhas');
    return;
  }
  if (d.doc_type === 'RG') {
    let sum = 0;
    for (const l of lines) sum += cents(l.gross);
    if (sum !== cents(d.gross_total) || cents(d.net_total) !== sum)
      fail(c, st, d, ord, 3, 'total do recibo não corresponde às linhas');
    return;
  }
  // The full check (exact BigInt path, then decimal.js): the text path could not tell.
  for (const problem of totalsProblems(d, lines, taxes)) fail(c, st, d, ord, 3, problem);
}

/** Records a problem; the resume position stops advancing. */
function fail(c: DocumentChecks, st: ChainState, d: DocRow, ord: number, slot: number, problem: string) {
  c.report(d, ord, slot, problem);
  st.broken = true;
}

/** "12.30" → 1230 (amounts are stored with exactly 2 decimals). */
function cents(v: string): number {
  return Math.round(Number(v) * 100);
}
