import type { EodCheckpoint, EodLine } from '../../../../shared/api/eod';
import { Dec, toCents } from '../../../../shared/money';
import {
  euros,
  factLine,
  LIGHT_LABEL,
  moneyLine,
  section,
  type EodSectionPort,
  type EodSource,
} from './types';
import { verifySince } from './verify-incremental';

/** What the documents section hands to the record besides its section: where the chain check stopped. */
export interface DocumentsOutcome {
  checkpoint: EodCheckpoint;
}

/**
 * (1) Documents: every document of the day by type and series, gapless numbering (the day's first number follows
 * the series' last before the day), the chain verified since the last run, cancellations with their reason, NC/ND
 * with their origins, training documents counted apart.
 */
export function documentsSection(out: { checkpoint?: EodCheckpoint }): EodSectionPort {
  const port = { id: 'documents' as const, title: 'Documentos' };
  return {
    ...port,
    build(src: EodSource) {
      const { ro, day, terminalId } = src;
      const { k } = ro;
      const docs = ro.all(
        k
          .selectFrom('fiscal_document as d')
          .innerJoin('fiscal_series as s', 's.id', 'd.series_id')
          .leftJoin('fiscal_document as o', 'o.id', 'd.origin_document_id')
          .select([
            'd.id',
            'd.series_id',
            'd.doc_type',
            'd.number',
            'd.doc_no',
            'd.gross_total',
            'd.training',
            'd.origin_reason',
            's.code',
            'o.doc_no as origin_doc_no',
          ])
          .where('d.terminal_id', '=', terminalId)
          .where('d.doc_date', '=', day)
          .orderBy('d.series_id')
          .orderBy('d.number'),
      );
      const cancels = ro.all(
        k
          .selectFrom('fiscal_status as st')
          .innerJoin('fiscal_document as d', 'd.id', 'st.document_id')
          .select(['st.document_id', 'st.reason', 'st.at', 'd.doc_no', 'd.gross_total'])
          .where('d.terminal_id', '=', terminalId)
          .where('d.doc_date', '=', day),
      );
      const cancelled = new Set(cancels.map((c) => c.document_id));
      const lines: EodLine[] = [];

      // Per series: the day's numbers must be contiguous and follow the last number issued before the day.
      const bySeries = new Map<number, typeof docs>();
      // Appended in place: copying the series' array per document was quadratic (5 000 sales: 12.5 M copies).
      for (const d of docs) {
        const list = bySeries.get(d.series_id);
        if (list) list.push(d);
        else bySeries.set(d.series_id, [d]);
      }
      for (const [seriesId, ds] of bySeries) {
        const before = ro.get(
          k
            .selectFrom('fiscal_document')
            .select((eb) => eb.fn.max('number').as('n'))
            .where('series_id', '=', seriesId)
            .where('doc_date', '<', day),
        );
        let expected = (before?.n ?? 0) + 1;
        const missing: number[] = [];
        for (const d of ds) {
          for (; expected < d.number; expected++) missing.push(expected);
          expected = d.number + 1;
        }
        const first = ds[0];
        const last = ds[ds.length - 1];
        const gross = ds
          .filter((d) => !cancelled.has(d.id))
          .reduce((a, d) => a.plus(d.gross_total), new Dec(0));
        const name = `${first.doc_type} ${first.code}`;
        lines.push(
          factLine({
            key: `series:${name}`,
            item: `${name}: n.º ${first.number} a ${last.number} (${ds.length} documento${ds.length === 1 ? '' : 's'}, ${euros(toCents(gross))})`,
            light: missing.length ? 'por-explicar' : 'certo',
            explanation: missing.length
              ? `Numeração com saltos: falta${missing.length === 1 ? '' : 'm'} o${missing.length === 1 ? '' : 's'} n.º ${missing.slice(0, 20).join(', ')}.`
              : 'Numeração sem saltos.',
            refs: [
              { kind: 'document', id: first.id, label: first.doc_no },
              ...(last.id !== first.id
                ? [{ kind: 'document' as const, id: last.id, label: last.doc_no }]
                : []),
            ],
          }),
        );
      }

      lines.push(...paymentLines(src, cancelled));

      const chain = verifySince(ro, terminalId, src.previous?.checkpoint ?? null);
      out.checkpoint = chain.checkpoint;
      lines.push(
        factLine({
          key: 'chain',
          item: `Cadeia de assinaturas e totais: ${chain.checked} documento${chain.checked === 1 ? '' : 's'} novo${chain.checked === 1 ? '' : 's'} verificado${chain.checked === 1 ? '' : 's'} desde o último fecho`,
          light: chain.problems.length ? 'por-explicar' : 'certo',
          explanation: chain.problems.length
            ? chain.problems
                .slice(0, 10)
                .map((p) => `${p.docNo}: ${p.problem}`)
                .join('; ')
            : 'Assinaturas, numeração e totais corretos.',
          // One reference per document, however many of its checks failed.
          refs: [...new Map(chain.problems.map((p) => [p.documentId, p.docNo]))]
            .slice(0, 10)
            .map(([id, label]) => ({ kind: 'document' as const, id, label })),
        }),
      );

      for (const c of cancels) {
        const reason = c.reason.trim();
        lines.push(
          factLine({
            key: `cancel:${c.document_id}`,
            item: `Anulado ${c.doc_no} (${euros(toCents(c.gross_total))})`,
            // A cancellation with its reason is a legal operation, not a difference.
            light: reason ? 'certo' : 'por-explicar',
            explanation: reason ? `Motivo: ${reason}` : 'Anulação sem motivo registado.',
            refs: [{ kind: 'document', id: c.document_id, label: c.doc_no }],
          }),
        );
      }
      for (const d of docs.filter((x) => x.doc_type === 'NC' || x.doc_type === 'ND')) {
        const ok = d.origin_doc_no !== null;
        lines.push(
          factLine({
            key: `origin:${d.id}`,
            item: `${d.doc_no} (${euros(toCents(d.gross_total))}) ${ok ? `sobre ${d.origin_doc_no}` : 'sem documento de origem'}`,
            light: ok ? 'certo' : 'por-explicar',
            explanation: ok ? `Motivo: ${d.origin_reason ?? '—'}` : 'Nota sem documento de origem.',
            refs: [{ kind: 'document', id: d.id, label: d.doc_no }],
          }),
        );
      }

      const byType = new Map<string, { n: number; gross: Dec }>();
      for (const d of docs.filter((x) => !cancelled.has(x.id))) {
        const t = byType.get(d.doc_type) ?? { n: 0, gross: new Dec(0) };
        t.n++;
        t.gross = t.gross.plus(d.gross_total);
        byType.set(d.doc_type, t);
      }
      const training = docs.filter((d) => d.training === 1).length;
      const facts = [
        ...[...byType].map(([t, v]) => ({ label: t, value: `${v.n} · ${euros(toCents(v.gross))}` })),
        { label: 'Anulados', value: String(cancels.length) },
        // ASSUMPTION: on a training terminal every document is a training one; they are counted apart here and
        // reconciled like any other (the till's cash moved for them in the simulator).
        { label: 'Documentos de formação', value: String(training) },
      ];
      return section(
        port,
        lines,
        facts,
        (light) =>
          `${docs.length} documento${docs.length === 1 ? '' : 's'} em ${bySeries.size} série${bySeries.size === 1 ? '' : 's'}, ${cancels.length} anulado${cancels.length === 1 ? '' : 's'}: ${LIGHT_LABEL[light]}.`,
      );
    },
  };
}

/** The till's payment method → the fiscal one recorded on documents (electron/core/sales/payments/*). */
const FISCAL_METHOD: Record<string, string> = {
  'cash-machine': 'cash',
  'cash-manual': 'cash',
  card: 'card',
  mbway: 'mbway',
  'mb-reference': 'mb_reference',
};
const METHOD_NAME: Record<string, string> = {
  cash: 'Numerário (NU)',
  card: 'Cartão',
  mbway: 'MB WAY',
  mb_reference: 'Referência MB',
};

/**
 * Per payment method: what the day's documents say was paid (fiscal_payment of FS/FR/RG not cancelled) ⇄ what
 * the till recorded as settled (sale_payment of the sales behind those documents). The CSV's figures per method.
 */
function paymentLines(src: EodSource, cancelled: ReadonlySet<number>) {
  const { ro, day, terminalId } = src;
  const { k } = ro;
  const onDocs = ro
    .all(
      k
        .selectFrom('fiscal_payment as p')
        .innerJoin('fiscal_document as d', 'd.id', 'p.document_id')
        .select(['d.id', 'p.method', 'p.amount'])
        .where('d.terminal_id', '=', terminalId)
        .where('d.doc_date', '=', day)
        .where('d.doc_type', '<>', 'NC')
        // paypay-office: an RG PayPay's payment issued has no till payment behind it; the PayPay section
        // reconciles it with the confirmed payment.
        .where((eb) =>
          eb.not(
            eb.exists(
              eb
                .selectFrom('paypay_payment as pp')
                .select('pp.id')
                .whereRef('pp.receipt_document_id', '=', 'd.id'),
            ),
          ),
        ),
    )
    .filter((r) => !cancelled.has(r.id));
  const atTill = ro
    .all(
      k
        .selectFrom('sale_payment as p')
        .innerJoin('sale as s', 's.id', 'p.sale_id')
        .innerJoin('fiscal_document as d', 'd.id', 's.document_id')
        .select(['d.id', 'p.method', 'p.amount', 'p.sale_id'])
        .where('s.terminal_id', '=', terminalId)
        .where('d.doc_date', '=', day)
        .where('p.status', '=', 'settled'),
    )
    .filter((r) => !cancelled.has(r.id));
  const sums = new Map<string, { docs: Dec; till: Dec; byTill: Map<string, Dec>; sales: Set<number> }>();
  const of = (m: string) => {
    let v = sums.get(m);
    if (!v) sums.set(m, (v = { docs: new Dec(0), till: new Dec(0), byTill: new Map(), sales: new Set() }));
    return v;
  };
  for (const r of onDocs) of(r.method).docs = of(r.method).docs.plus(r.amount);
  for (const r of atTill) {
    const v = of(FISCAL_METHOD[r.method] ?? r.method);
    v.till = v.till.plus(r.amount);
    v.byTill.set(r.method, (v.byTill.get(r.method) ?? new Dec(0)).plus(r.amount));
    v.sales.add(r.sale_id);
  }
  return [...sums].map(([m, v]) => {
    const detail = [...v.byTill].map(([tm, a]) => `${tm} ${euros(toCents(a))}`).join(', ');
    return moneyLine({
      key: `payments:${m}`,
      item: `Pagamentos ${METHOD_NAME[m] ?? m}: documentos ⇄ caixa${detail ? ` (${detail})` : ''}`,
      expected: toCents(v.docs),
      actual: toCents(v.till),
      explanation: v.docs.eq(v.till)
        ? ''
        : `Os documentos dizem ${euros(toCents(v.docs))}, a caixa registou ${euros(toCents(v.till))}: por explicar.`,
    });
  });
}
