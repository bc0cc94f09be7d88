import type { EodCheckpoint } from '../../../../shared/api/eod';
import { signatureMessage } from '../../../../shared/fiscal/signature';
import type { Db } from '../../db/open';
import { createSignatureChecker } from '../../fiscal/verify-signatures';
import { totalsProblems, type DocRow, type LineRow, type TaxRow } from '../../fiscal/verify-totals';

export interface ChainCheck {
  /** Documents verified in this run (those after the checkpoint). */
  checked: number;
  problems: Array<{ docNo: string; documentId: number; problem: string }>;
  checkpoint: EodCheckpoint;
}

/**
 * `balcao verify`, incremental: per series of the terminal, only the documents after the previous run's
 * checkpoint (number and stored hash), with the same checks as electron/core/fiscal/verify.ts — numbering,
 * signature chained on the checkpoint's hash (createSignatureChecker), totals recomputed (totalsProblems).
 * A broken document does not advance the checkpoint past it, so the next run reports it again.
 */
export function verifySince(ro: Db, terminalId: string, since: EodCheckpoint | null): ChainCheck {
  const { k } = ro;
  const pems = new Map(
    ro.all(k.selectFrom('fiscal_key').select(['id', 'public_pem'])).map((r) => [r.id, r.public_pem]),
  );
  const versions = new Map(
    ro.all(k.selectFrom('fiscal_key').select(['id', 'version'])).map((r) => [r.id, r.version]),
  );
  const series = ro.all(
    k
      .selectFrom('fiscal_series')
      .select(['id', 'doc_type', 'code', 'validation_code'])
      .where('terminal_id', '=', terminalId)
      .orderBy('id'),
  );
  const from = new Map((since?.series ?? []).map((s) => [s.seriesId, s]));
  const problems: ChainCheck['problems'] = [];
  const out: EodCheckpoint['series'] = [];
  let checked = 0;
  const ords: Array<{ docNo: string; documentId: number; seriesId: number }> = [];
  const pending = ro.get(
    k
      .selectFrom('fiscal_document')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('terminal_id', '=', terminalId)
      .where('doc_type', '<>', 'RG'),
  );
  // A first run over a long history checks its signatures on a second core (verify-signatures decides).
  const sig = createSignatureChecker({ pems, expected: pending?.n ?? 0 });
  for (const s of series) {
    const cp = from.get(s.id);
    const docs = ro.all(
      k
        .selectFrom('fiscal_document')
        .select([
          'id',
          'series_id',
          'doc_type',
          'number',
          'doc_no',
          'atcud',
          'doc_date',
          'system_entry_date',
          'global_discount_pct',
          'net_total',
          'tax_payable',
          'gross_total',
          'hash',
          'hash_control',
          'key_id',
        ])
        .where('series_id', '=', s.id)
        .where('number', '>', cp?.number ?? 0)
        .orderBy('number'),
    ) as DocRow[];
    // Lines and tax rows of the whole range in two statements (none per document), grouped by document.
    const lineRows = groupBy(
      ro.all(
        k
          .selectFrom('fiscal_line as l')
          .innerJoin('fiscal_document as d', 'd.id', 'l.document_id')
          .select([
            'l.document_id',
            'l.quantity',
            'l.unit_price_gross',
            'l.discount_pct',
            'l.gross',
            'l.net',
            'l.tax',
            'l.tax_type',
            'l.tax_region',
            'l.tax_code',
            'l.tax_pct',
            'l.exemption_code',
          ])
          .where('d.series_id', '=', s.id)
          .where('d.number', '>', cp?.number ?? 0)
          .orderBy('d.number')
          .orderBy('l.line_no'),
      ),
    ) as Map<number, LineRow[]>;
    const taxRows = groupBy(
      ro.all(
        k
          .selectFrom('fiscal_tax as t')
          .innerJoin('fiscal_document as d', 'd.id', 't.document_id')
          .select(['t.document_id', 't.base', 't.tax'])
          .where('d.series_id', '=', s.id)
          .where('d.number', '>', cp?.number ?? 0)
          .orderBy('d.number')
          .orderBy('t.seq'),
      ),
    ) as Map<number, TaxRow[]>;
    let expected = (cp?.number ?? 0) + 1;
    let prevHash = cp?.hash ?? '';
    let good = cp ?? null;
    let broken = false;
    for (const d of docs) {
      checked++;
      const fail = (problem: string): void => {
        problems.push({ docNo: d.doc_no, documentId: d.id, problem });
        broken = true;
      };
      if (d.number !== expected)
        fail(
          d.number > expected
            ? `falta o número ${expected} da série (salto na numeração)`
            : 'número repetido na série',
        );
      expected = d.number + 1;
      if (d.doc_no !== `${s.doc_type} ${s.code}/${d.number}`)
        fail('número do documento não corresponde à série');
      if (s.validation_code && d.atcud !== `${s.validation_code}-${d.number}`)
        fail('ATCUD não corresponde à série');
      const lines = lineRows.get(d.id) ?? [];
      const taxes = taxRows.get(d.id) ?? [];
      if (d.doc_type !== 'RG') {
        const version = d.key_id === null ? undefined : versions.get(d.key_id);
        if (version === undefined) fail('chave de assinatura desconhecida');
        else {
          if (String(version) !== d.hash_control) fail('HashControl não corresponde à versão da chave');
          ords.push({ docNo: d.doc_no, documentId: d.id, seriesId: s.id });
          sig.add(
            ords.length - 1,
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
        if (!lines.length) fail('documento sem linhas');
        else for (const p of totalsProblems(d, lines, taxes)) fail(p);
      }
      if (!broken)
        good = {
          seriesId: s.id,
          number: d.number,
          hash: d.doc_type === 'RG' ? (good?.hash ?? '') : d.hash,
          documentId: d.id,
        };
    }
    if (good) out.push({ seriesId: s.id, number: good.number, hash: good.hash, documentId: good.documentId });
  }
  for (const ord of sig.finish()) {
    const bad = ords[ord];
    problems.push({
      docNo: bad.docNo,
      documentId: bad.documentId,
      problem: 'assinatura inválida (documento alterado ou cadeia quebrada)',
    });
    // ASSUMPTION: a bad signature drops its series' checkpoint: the next run re-verifies that series whole.
    const i = out.findIndex((c) => c.seriesId === bad.seriesId);
    if (i >= 0) out.splice(i, 1);
  }
  return { checked, problems, checkpoint: { series: out } };
}

function groupBy<R extends { document_id: number }>(rows: readonly R[]): Map<number, R[]> {
  const m = new Map<number, R[]>();
  for (const r of rows) {
    const g = m.get(r.document_id);
    if (g) g.push(r);
    else m.set(r.document_id, [r]);
  }
  return m;
}
