import crypto from 'node:crypto';
import { computeAmounts, taxGroupKey } from '../../../shared/fiscal/amounts';
import { signatureMessage } from '../../../shared/fiscal/signature';
import type { Sqlite } from '../db/open';

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

interface DocRow {
  id: number;
  series_id: number;
  doc_type: string;
  number: number;
  doc_no: string;
  atcud: string;
  doc_date: string;
  system_entry_date: string;
  global_discount_pct: string;
  net_total: string;
  tax_payable: string;
  gross_total: string;
  hash: string;
  hash_control: string;
  key_id: number | null;
}

interface LineRow {
  quantity: string;
  unit_price_gross: string;
  discount_pct: string;
  gross: string;
  net: string;
  tax: string;
  tax_type: string;
  tax_region: string;
  tax_code: string;
  tax_pct: string;
  exemption_code: string | null;
}

/**
 * Re-verifies every document from the database file alone (read-only is enough): the signature chain of each
 * series with the public key of the recorded key version, gapless numbering, date order, document numbers and
 * ATCUD, and every total recomputed from the lines. Because the signature covers GrossTotal and the chain covers
 * each previous hash, a row edited directly in the file (even with the triggers dropped) is found.
 */
export function verifyFiscalChains(sqlite: Sqlite, opts: { maxProblems?: number } = {}): VerifyResult {
  const max = opts.maxProblems ?? 100;
  const problems: VerifyProblem[] = [];
  const keys = new Map<number, { key: crypto.KeyObject; version: number }>();
  for (const k of sqlite.prepare('select id, version, public_pem from fiscal_key').all() as Array<{
    id: number;
    version: number;
    public_pem: string;
  }>) {
    keys.set(k.id, { key: crypto.createPublicKey(k.public_pem), version: k.version });
  }
  const series = sqlite
    .prepare('select id, doc_type, code, validation_code from fiscal_series order by id')
    .all() as Array<{
    id: number;
    doc_type: string;
    code: string;
    validation_code: string | null;
  }>;
  const selDocs = sqlite.prepare(
    `select id, series_id, doc_type, number, doc_no, atcud, doc_date, system_entry_date, global_discount_pct, net_total,
     tax_payable, gross_total, hash, hash_control, key_id from fiscal_document where series_id = ? order by number`,
  );
  const selLines = sqlite.prepare(
    `select quantity, unit_price_gross, discount_pct, gross, net, tax, tax_type, tax_region, tax_code, tax_pct, exemption_code
     from fiscal_line where document_id = ? order by line_no`,
  );
  const selTaxes = sqlite.prepare('select base, tax from fiscal_tax where document_id = ? order by seq');
  let documents = 0;

  for (const s of series) {
    let expected = 1;
    let prevHash = '';
    let prevDate = '';
    for (const d of selDocs.iterate(s.id) as IterableIterator<DocRow>) {
      documents++;
      const fail = (problem: string): void => {
        if (problems.length < max) problems.push({ docNo: d.doc_no, problem });
      };
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
      if (d.doc_date < prevDate) fail(`data ${d.doc_date} anterior à do documento anterior (${prevDate})`);
      prevDate = d.doc_date;

      if (d.doc_type !== 'RG') {
        const k = d.key_id === null ? undefined : keys.get(d.key_id);
        const message = signatureMessage({
          date: d.doc_date,
          systemEntryDate: d.system_entry_date,
          docNo: d.doc_no,
          grossTotal: d.gross_total,
          previousHash: prevHash,
        });
        if (!k) fail('chave de assinatura desconhecida');
        else {
          if (String(k.version) !== d.hash_control) fail('HashControl não corresponde à versão da chave');
          const good = crypto.verify(
            'sha1',
            Buffer.from(message, 'utf8'),
            { key: k.key, padding: crypto.constants.RSA_PKCS1_PADDING },
            Buffer.from(d.hash, 'base64'),
          );
          if (!good) fail('assinatura inválida (documento alterado ou cadeia quebrada)');
        }
        prevHash = d.hash;
      }

      const lines = selLines.all(d.id) as LineRow[];
      if (!lines.length) {
        fail('documento sem linhas');
        continue;
      }
      if (d.doc_type === 'RG') {
        const sum = lines.reduce((a, l) => a + cents(l.gross), 0);
        if (sum !== cents(d.gross_total) || cents(d.net_total) !== sum)
          fail('total do recibo não corresponde às linhas');
        continue;
      }
      const a = computeAmounts(
        lines.map((l) => ({
          quantity: l.quantity,
          unitPriceGross: l.unit_price_gross,
          discountPct: l.discount_pct,
          taxPct: l.tax_pct,
          taxKey: taxGroupKey(l.tax_type, l.tax_region, l.tax_code, l.tax_pct, l.exemption_code),
        })),
        d.global_discount_pct,
      );
      const lineBad = lines.findIndex(
        (l, i) => l.gross !== a.lines[i].gross || l.net !== a.lines[i].net || l.tax !== a.lines[i].tax,
      );
      if (lineBad >= 0) fail(`linha ${lineBad + 1}: valores não correspondem à quantidade, preço e taxa`);
      if (a.grossTotal !== d.gross_total || a.netTotal !== d.net_total || a.taxPayable !== d.tax_payable) {
        fail(`totais não correspondem às linhas (recalculado ${a.grossTotal}, gravado ${d.gross_total})`);
      }
      const taxes = selTaxes.all(d.id) as Array<{ base: string; tax: string }>;
      if (
        taxes.length !== a.groups.length ||
        taxes.some((t, i) => t.base !== a.groups[i].base || t.tax !== a.groups[i].tax)
      ) {
        fail('quadro de IVA não corresponde às linhas');
      }
    }
  }
  return { ok: problems.length === 0, series: series.length, documents, problems };
}

/** "12.30" → 1230 (amounts are stored with exactly 2 decimals). */
function cents(v: string): number {
  return Math.round(Number(v) * 100);
}
