import { signatureMessage } from '../../../shared/fiscal/signature';
import { DOC_FIELDS, INFO_FIELDS, LINE_FIELDS, PAY_FIELDS, SEAL_VERSION, TAX_FIELDS } from './seal-canonical';
import type { ChainState, DocumentChecks } from './verify-document';
import { cents, fig, figuresMatch, hasPipe, OUT_OF_RANGE, samePct, small } from './verify-totals-fast';

/**
 * verify's checks of one document read from its seal text (seal-canonical-sql.ts: the JSON SQLite builds of all
 * the document's columns and rows, which the seal's MAC needs anyway), so that each document is read once
 * (issue 15: the chains' own reads of documents, lines and tax rows as JavaScript values were half of their
 * time). The text is tokenised in place: offsets into it, no values made except the few strings the chain and
 * the signature need.
 *
 * The answer is "every check of checkDocument (verify-document.ts) passes" or "cannot tell": anything this path
 * does not read exactly (an escaped string where a value is needed, a number where text belongs, a null key,
 * rows out of order, a value outside the totals' fast range, any failing check) is left to checkDocument over
 * the document's rows, which reports. So a problem is always worded by one implementation, and the text can
 * only say yes where the rows say yes: SQLite renders TEXT as a JSON string (every `"` and `\` escaped),
 * INTEGER as its digits and REAL with a `.` or an exponent, so an unescaped string token is exactly the stored
 * text and a plain run of digits exactly the stored integer.
 */

const STRING = 0;
/** A string with a backslash escape: its raw text is not its value. */
const ESCAPED = 1;
/** A number or null. */
const LITERAL = 2;

const QUOTE = 34;
const BACKSLASH = 92;
const COMMA = 44;
const OPEN = 91;
const CLOSE = 93;

const at = <F extends readonly string[]>(fields: F, f: F[number]): number => fields.indexOf(f);
const D = {
  number: at(DOC_FIELDS, 'number'),
  docType: at(DOC_FIELDS, 'doc_type'),
  docNo: at(DOC_FIELDS, 'doc_no'),
  atcud: at(DOC_FIELDS, 'atcud'),
  date: at(DOC_FIELDS, 'doc_date'),
  entry: at(DOC_FIELDS, 'system_entry_date'),
  globalDiscount: at(DOC_FIELDS, 'global_discount_pct'),
  net: at(DOC_FIELDS, 'net_total'),
  tax: at(DOC_FIELDS, 'tax_payable'),
  gross: at(DOC_FIELDS, 'gross_total'),
  hash: at(DOC_FIELDS, 'hash'),
  hashControl: at(DOC_FIELDS, 'hash_control'),
  keyId: at(DOC_FIELDS, 'key_id'),
};
const L = {
  lineNo: at(LINE_FIELDS, 'line_no'),
  qty: at(LINE_FIELDS, 'quantity'),
  price: at(LINE_FIELDS, 'unit_price_gross'),
  disc: at(LINE_FIELDS, 'discount_pct'),
  gross: at(LINE_FIELDS, 'gross'),
  net: at(LINE_FIELDS, 'net'),
  tax: at(LINE_FIELDS, 'tax'),
  type: at(LINE_FIELDS, 'tax_type'),
  region: at(LINE_FIELDS, 'tax_region'),
  code: at(LINE_FIELDS, 'tax_code'),
  pct: at(LINE_FIELDS, 'tax_pct'),
  exemption: at(LINE_FIELDS, 'exemption_code'),
};
const T = { seq: at(TAX_FIELDS, 'seq'), base: at(TAX_FIELDS, 'base'), tax: at(TAX_FIELDS, 'tax') };
const ND = DOC_FIELDS.length;
const NL = LINE_FIELDS.length;
const NT = TAX_FIELDS.length;

/**
 * The tokens of the last text: per scalar its kind, start and end (of the content, without quotes). The
 * document's fields first, then each line's, then each tax row's; payments and additional info are only
 * checked for shape (the seal covers them; no check of verify reads them).
 */
let kind = new Int32Array(1024);
let start = new Int32Array(1024);
let end = new Int32Array(1024);
let tokens = 0;
let lineCount = 0;
let taxCount = 0;
let text: Buffer = Buffer.alloc(0);
let length = 0;
let pos = 0;

function grow(): void {
  const n = kind.length * 2;
  const k = new Int32Array(n);
  const s = new Int32Array(n);
  const e = new Int32Array(n);
  k.set(kind);
  s.set(start);
  e.set(end);
  kind = k;
  start = s;
  end = e;
}

/** One scalar at `pos`; false when the text has something else there (an array or object where none belongs). */
function scalar(): boolean {
  if (tokens === kind.length) grow();
  const t = text;
  const c = t[pos];
  if (c === QUOTE) {
    let j = pos + 1;
    let k = STRING;
    for (;;) {
      if (j >= length) return false; // the text ended inside a string
      const d = t[j];
      if (d === QUOTE) break;
      if (d === BACKSLASH) {
        k = ESCAPED;
        j++;
      }
      j++;
    }
    kind[tokens] = k;
    start[tokens] = pos + 1;
    end[tokens] = j;
    tokens++;
    pos = j + 1;
    return true;
  }
  let j = pos;
  for (;;) {
    if (j >= length) return false;
    const d = t[j];
    if (d === COMMA || d === CLOSE) break;
    // Only the characters of numbers and null: `[`, `{` or `"` mean another shape.
    if (!(
      (d >= 48 && d <= 57) ||
      d === 45 ||
      d === 43 ||
      d === 46 ||
      d === 101 ||
      d === 69 ||
      d === 110 ||
      d === 117 ||
      d === 108
    ))
      return false;
    j++;
  }
  if (j === pos) return false;
  kind[tokens] = LITERAL;
  start[tokens] = pos;
  end[tokens] = j;
  tokens++;
  pos = j;
  return true;
}

/** `[` scalar {`,` scalar} `]` with exactly `n` scalars. */
function row(n: number): boolean {
  if (text[pos] !== OPEN) return false;
  pos++;
  for (let i = 0; i < n; i++) {
    if (i > 0) {
      if (text[pos] !== COMMA) return false;
      pos++;
    }
    if (!scalar()) return false;
  }
  if (text[pos] !== CLOSE) return false;
  pos++;
  return true;
}

/** `[` {row of n} `]`; returns the number of rows, or -1. */
function rows(n: number): number {
  if (text[pos] !== OPEN) return -1;
  pos++;
  let count = 0;
  if (text[pos] === CLOSE) {
    pos++;
    return 0;
  }
  for (;;) {
    if (!row(n)) return -1;
    count++;
    const c = text[pos++];
    if (c === CLOSE) return count;
    if (c !== COMMA) return -1;
  }
}

function comma(): boolean {
  return text[pos++] === COMMA;
}

const VERSION = Buffer.from(`[${SEAL_VERSION},`);

/** Tokenises canonicalDocument's shape: [version, doc, lines, taxes, payments, info]. */
function tokenize(t: Buffer): boolean {
  text = t;
  length = t.length;
  tokens = 0;
  if (length < VERSION.length) return false;
  for (let i = 0; i < VERSION.length; i++) if (t[i] !== VERSION[i]) return false;
  pos = VERSION.length;
  if (!row(ND) || !comma()) return false;
  lineCount = rows(NL);
  if (lineCount < 0 || !comma()) return false;
  taxCount = rows(NT);
  if (taxCount < 0 || !comma()) return false;
  // Payments and info: shape only, their tokens dropped.
  const mark = tokens;
  if (rows(PAY_FIELDS.length) < 0 || !comma()) return false;
  tokens = mark;
  if (rows(INFO_FIELDS.length) < 0) return false;
  tokens = mark;
  return text[pos] === CLOSE && pos === length - 1;
}

const lineTok = (line: number, field: number): number => ND + line * NL + field;
const taxTok = (row: number, field: number): number => ND + lineCount * NL + row * NT + field;

/** Token i as a string, or null when it is not an unescaped string. */
function str(i: number): string | null {
  return kind[i] === STRING ? text.toString('utf8', start[i], end[i]) : null;
}
/** Token i is the unescaped string `v` (compared byte by byte while `v` is ASCII, without making a string). */
function isText(i: number, v: string): boolean {
  if (kind[i] !== STRING) return false;
  const s = start[i];
  const n = end[i] - s;
  for (let k = 0; k < v.length; k++) {
    const c = v.charCodeAt(k);
    if (c >= 0x80) return str(i) === v;
    if (k >= n || text[s + k] !== c) return false;
  }
  return n === v.length;
}
/** Token i as an integer (digits with an optional `-`), or null. */
function int(i: number): number | null {
  if (kind[i] !== LITERAL) return null;
  let j = start[i];
  const e = end[i];
  const neg = text[j] === 45;
  if (neg) j++;
  if (j === e || e - j > 15) return null;
  let n = 0;
  for (; j < e; j++) {
    const c = text[j] - 48;
    if (c < 0 || c > 9) return null;
    n = n * 10 + c;
  }
  return neg ? -n : n;
}
/** The totals' fast-path parsers over token i (throw OUT_OF_RANGE for anything else than a plain string). */
function tokSmall(i: number): number {
  if (kind[i] !== STRING) throw OUT_OF_RANGE;
  return small(text, start[i], end[i]);
}
function tokCents(i: number): number {
  if (kind[i] !== STRING) throw OUT_OF_RANGE;
  return cents(text, start[i], end[i]);
}
/** Tokens i and j are the same unescaped string. */
function sameText(i: number, j: number): boolean {
  const n = end[i] - start[i];
  if (kind[i] !== STRING || kind[j] !== STRING || n !== end[j] - start[j]) return false;
  for (let k = 0; k < n; k++) if (text[start[i] + k] !== text[start[j] + k]) return false;
  return true;
}
const isNull = (i: number): boolean => {
  const s = start[i];
  return (
    kind[i] === LITERAL &&
    end[i] - s === 4 &&
    text[s] === 110 &&
    text[s + 1] === 117 &&
    text[s + 2] === 108 &&
    text[s + 3] === 108
  );
};
/** A missing exemption: null or '' (computeAmounts keys it as ''). */
const noExemption = (i: number): boolean => isNull(i) || (kind[i] === STRING && end[i] === start[i]);

/** Lines a and b are in the same VAT group (verify-totals-fast's sameKey, over tokens). */
function sameKey(a: number, b: number): boolean {
  const ea = lineTok(a, L.exemption);
  const eb = lineTok(b, L.exemption);
  return (
    sameText(lineTok(a, L.type), lineTok(b, L.type)) &&
    sameText(lineTok(a, L.region), lineTok(b, L.region)) &&
    sameText(lineTok(a, L.code), lineTok(b, L.code)) &&
    (noExemption(ea) || noExemption(eb) ? noExemption(ea) && noExemption(eb) : sameText(ea, eb))
  );
}
/** A VAT key field holds '|' (could merge two groups' keys: the full path decides); only text is read here. */
function piped(i: number): boolean {
  if (kind[i] !== STRING) throw OUT_OF_RANGE;
  return hasPipe(text, start[i], end[i]);
}
/** The exemption: null, or text without '|'. */
const exemptionPiped = (i: number): boolean => !isNull(i) && piped(i);

const groupFirst: number[] = [];

/** Fills verify-totals-fast's figures from the tokens and recomputes; false: cannot tell. */
function totalsMatch(): boolean {
  try {
    fig.globalDisc = tokSmall(D.globalDiscount);
    fig.globalScale = fig.scale;
    fig.docGross = tokCents(D.gross);
    fig.docNet = tokCents(D.net);
    fig.docTax = tokCents(D.tax);
    let groups = 0;
    for (let i = 0; i < lineCount; i++) {
      fig.qty[i] = tokSmall(lineTok(i, L.qty));
      fig.qtyScale[i] = fig.scale;
      fig.price[i] = tokSmall(lineTok(i, L.price));
      fig.priceScale[i] = fig.scale;
      fig.disc[i] = tokSmall(lineTok(i, L.disc));
      fig.discScale[i] = fig.scale;
      fig.gross[i] = tokCents(lineTok(i, L.gross));
      fig.net[i] = tokCents(lineTok(i, L.net));
      fig.tax[i] = tokCents(lineTok(i, L.tax));
      if (
        piped(lineTok(i, L.type)) ||
        piped(lineTok(i, L.region)) ||
        piped(lineTok(i, L.code)) ||
        exemptionPiped(lineTok(i, L.exemption))
      )
        return false;
      const pct = tokSmall(lineTok(i, L.pct));
      const pctScale = fig.scale;
      let k = 0;
      while (
        k < groups &&
        !(sameKey(groupFirst[k], i) && samePct(fig.groupPct[k], fig.groupScale[k], pct, pctScale))
      )
        k++;
      if (k === groups) {
        groupFirst[k] = i;
        fig.groupPct[k] = pct;
        fig.groupScale[k] = pctScale;
        groups++;
      }
      fig.lineGroup[i] = k;
    }
    fig.lines = lineCount;
    fig.groups = groups;
    fig.taxes = taxCount;
    for (let k = 0; k < taxCount; k++) {
      fig.taxBase[k] = tokCents(taxTok(k, T.base));
      fig.taxTax[k] = tokCents(taxTok(k, T.tax));
    }
    return figuresMatch();
  } catch (e) {
    if (e === OUT_OF_RANGE) return false;
    throw e;
  }
}

/** A receipt's lines add up to its total (checkDocument's rule, with the strict cents of the fast path). */
function receiptMatches(): boolean {
  try {
    let sum = 0;
    for (let i = 0; i < lineCount; i++) sum += tokCents(lineTok(i, L.gross));
    return sum === tokCents(D.gross) && tokCents(D.net) === sum;
  } catch (e) {
    if (e === OUT_OF_RANGE) return false;
    throw e;
  }
}

/** Lines in increasing line_no and tax rows in increasing seq: the order checkDocument reads them in. */
function ordered(): boolean {
  let prev = -Infinity;
  for (let i = 0; i < lineCount; i++) {
    const n = int(lineTok(i, L.lineNo));
    if (n === null || n <= prev) return false;
    prev = n;
  }
  prev = -Infinity;
  for (let k = 0; k < taxCount; k++) {
    const n = int(taxTok(k, T.seq));
    if (n === null || n <= prev) return false;
    prev = n;
  }
  return true;
}

/**
 * Every check of checkDocument on the document's seal text: true when all pass (the chain state is then
 * advanced and the signature queued, exactly as checkDocument does); false when this path cannot tell, with
 * nothing changed (the caller runs checkDocument over the rows).
 */
export function checkDocumentText(c: DocumentChecks, st: ChainState, t: Buffer, ord: number): boolean {
  if (!tokenize(t)) return false;
  const s = st.series;
  const number = int(D.number);
  if (number === null || number !== st.expected) return false;
  if (!isText(D.docType, s.doc_type)) return false;
  const docNo = `${s.doc_type} ${s.code}/${number}`;
  if (!isText(D.docNo, docNo)) return false;
  if (s.validation_code && !isText(D.atcud, `${s.validation_code}-${number}`)) return false;
  const date = str(D.date);
  if (date === null || date < st.prevDate) return false;
  if (lineCount === 0 || !ordered()) return false;
  const receipt = s.doc_type === 'RG';
  if (receipt) {
    if (!receiptMatches()) return false;
    st.expected = number + 1;
    st.prevDate = date;
    return true;
  }
  const keyId = int(D.keyId);
  const version = keyId === null ? undefined : c.keys.get(keyId);
  if (version === undefined || !isText(D.hashControl, String(version))) return false;
  const hash = str(D.hash);
  const entry = str(D.entry);
  const gross = str(D.gross);
  if (hash === null || entry === null || gross === null) return false;
  if (!totalsMatch()) return false;
  st.expected = number + 1;
  st.prevDate = date;
  c.signatures.add(
    ord,
    keyId!,
    signatureMessage({ date, systemEntryDate: entry, docNo, grossTotal: gross, previousHash: st.prevHash }),
    hash,
  );
  st.prevHash = hash;
  return true;
}

/** The totals check of this path alone over a seal text (tests hold it to computeAmounts). */
export function textTotalsMatch(t: Buffer): boolean {
  return tokenize(t) && totalsMatch();
}
