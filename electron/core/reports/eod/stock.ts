import type { EodLine, EodRef } from '../../../../shared/api/eod';
import { Dec, formatQty } from '../../../../shared/money';
import { factLine, LIGHT_LABEL, section, type EodSectionPort, type EodSource } from './types';

/** Documents whose tracked product lines take goods out (electron/core/stock/document-moves.ts). */
const OUTGOING = new Set(['FS', 'FR', 'FT']);

interface ArticleTally {
  name: string;
  code: string;
  expected: Dec;
  actual: Dec;
  /** Documents whose lines and movements disagree, for the drill-down. */
  refs: Map<number, string>;
}

/**
 * (6) Stock: the day's sold and returned quantities per article (lines of the day's documents that move stock by
 * the stock hooks' rules) ⇄ the ledger's movements of cause sale/return posted for those lines, reversals of
 * cancellations included — they must match exactly; and every balance that went below zero today, with the
 * movement (and document) that took it there.
 * ASSUMPTION: "tracked" is read as the article is now (stock_tracked, ProductType P), as the hooks read it when
 * the document was issued; an article switched to "sem stock" later shows its day's movements as a difference.
 * ASSUMPTION: a negative balance created today is `explicadas` (the sale that took it there is listed; the
 * policy `stock.below-zero` allowed it): it asks for a count or the missing purchase, not for a correction.
 */
export function stockSection(): EodSectionPort {
  const port = { id: 'stock' as const, title: 'Stock' };
  return {
    ...port,
    build(src: EodSource) {
      const { ro, day, terminalId } = src;
      const { k } = ro;
      const docLines = ro.all(
        k
          .selectFrom('fiscal_line as l')
          .innerJoin('fiscal_document as d', 'd.id', 'l.document_id')
          .innerJoin('article as a', 'a.id', 'l.article_id')
          .leftJoin('fiscal_status as st', 'st.document_id', 'd.id')
          .select([
            'l.id',
            'l.article_id',
            'l.quantity',
            'l.product_type',
            'l.origin_line_id',
            'd.id as document_id',
            'd.doc_no',
            'd.doc_type',
            'a.name',
            'a.code',
            'a.stock_tracked',
            'st.document_id as cancelled',
          ])
          .where('d.terminal_id', '=', terminalId)
          .where('d.doc_date', '=', day)
          .where('d.doc_type', 'in', ['FS', 'FR', 'FT', 'NC']),
      );
      // Movements posted for those lines, and the reversals a cancellation posted for them.
      const moves = ro.all(
        k
          .selectFrom('stock_movement as m')
          .innerJoin('fiscal_line as l', 'l.id', 'm.document_line_id')
          .innerJoin('fiscal_document as d', 'd.id', 'l.document_id')
          .leftJoin('stock_movement as r', 'r.reverses_id', 'm.id')
          .select([
            'm.article_id',
            'm.quantity',
            'm.document_line_id',
            'r.quantity as reversed',
            'd.id as document_id',
            'd.doc_no',
          ])
          .where('d.terminal_id', '=', terminalId)
          .where('d.doc_date', '=', day)
          .where('m.cause', 'in', ['sale', 'return'])
          .where('m.reverses_id', 'is', null),
      );
      // An NC line brings goods back only when the sale it credits moved them (document-moves.ts).
      const soldLines = new Set(
        docLines.some((l) => l.doc_type === 'NC' && l.origin_line_id !== null)
          ? ro
              .all(
                k
                  .selectFrom('stock_movement as m')
                  .innerJoin('fiscal_line as l', 'l.origin_line_id', 'm.document_line_id')
                  .innerJoin('fiscal_document as d', 'd.id', 'l.document_id')
                  .select('m.document_line_id')
                  .where('d.terminal_id', '=', terminalId)
                  .where('d.doc_date', '=', day)
                  .where('m.cause', '=', 'sale')
                  .where('m.reverses_id', 'is', null),
              )
              .map((r) => r.document_line_id)
          : [],
      );

      const tallies = new Map<number, ArticleTally>();
      const tally = (articleId: number, name: string, code: string): ArticleTally => {
        let v = tallies.get(articleId);
        if (!v)
          tallies.set(
            articleId,
            (v = { name, code, expected: new Dec(0), actual: new Dec(0), refs: new Map() }),
          );
        return v;
      };
      const names = new Map(docLines.map((l) => [l.article_id!, { name: l.name, code: l.code }]));
      /** Per line that must move stock: the net movement it should have (zero once its document is cancelled). */
      const moved = new Map<number, Dec>();
      let sold = new Dec(0);
      let returned = new Dec(0);
      for (const l of docLines) {
        const articleId = l.article_id!;
        let q = new Dec(0);
        // An FT line invoicing a guide line (its origin line) moves nothing: the guide moved the goods.
        if (
          OUTGOING.has(l.doc_type) &&
          l.product_type === 'P' &&
          l.stock_tracked === 1 &&
          l.origin_line_id === null
        )
          q = new Dec(l.quantity).neg();
        else if (l.doc_type === 'NC' && l.origin_line_id !== null && soldLines.has(l.origin_line_id))
          q = new Dec(l.quantity);
        if (q.isZero()) continue;
        if (q.isNeg()) sold = sold.plus(q.neg());
        else returned = returned.plus(q);
        // A cancelled document's movements are all reversed: its net expectation is zero.
        const t = tally(articleId, l.name, l.code);
        const net = l.cancelled === null ? q : new Dec(0);
        t.expected = t.expected.plus(net);
        moved.set(l.id, net);
      }
      for (const m of moves) {
        const n = names.get(m.article_id);
        const t = tally(m.article_id, n?.name ?? `artigo ${m.article_id}`, n?.code ?? String(m.article_id));
        const net = new Dec(m.quantity).plus(m.reversed ?? 0);
        t.actual = t.actual.plus(net);
        const want = moved.get(m.document_line_id!);
        if (!want || !want.eq(net)) t.refs.set(m.document_id, m.doc_no);
        moved.delete(m.document_line_id!);
      }
      // Lines that should have moved stock and did not: their documents are the drill-down.
      for (const l of docLines)
        if (moved.has(l.id) && !moved.get(l.id)!.isZero())
          tallies.get(l.article_id!)!.refs.set(l.document_id, l.doc_no);

      const lines: EodLine[] = [];
      const mismatched = [...tallies].filter(([, t]) => !t.expected.eq(t.actual));
      lines.push(
        factLine({
          key: 'stock:sales',
          item: `Quantidades vendidas e devolvidas ⇄ movimentos de stock: ${tallies.size} artigo${tallies.size === 1 ? '' : 's'}`,
          light: mismatched.length ? 'por-explicar' : 'certo',
          explanation: mismatched.length
            ? `${mismatched.length} artigo${mismatched.length === 1 ? '' : 's'} com movimentos diferentes das vendas (abaixo).`
            : 'Cada linha vendida ou devolvida tem o seu movimento de stock.',
        }),
      );
      for (const [articleId, t] of mismatched) {
        const refs: EodRef[] = [...t.refs]
          .slice(0, 10)
          .map(([id, label]) => ({ kind: 'document' as const, id, label }));
        lines.push(
          factLine({
            key: `stock:article:${articleId}`,
            item: `${t.code} ${t.name}: vendas ${formatQty(t.expected)} ⇄ movimentos ${formatQty(t.actual)}`,
            light: 'por-explicar',
            explanation: `Diferença de ${formatQty(t.actual.minus(t.expected))} sem movimento que a explique${refs.length ? ` (${refs.map((r) => r.label).join(', ')})` : ''}.`,
            refs,
          }),
        );
      }

      // Balances that crossed below zero today: a movement of the day whose balance before was ≥ 0.
      const below = ro.all(
        k
          .selectFrom('stock_movement as m')
          .innerJoin('article as a', 'a.id', 'm.article_id')
          .innerJoin('warehouse as w', 'w.id', 'm.warehouse_id')
          .leftJoin('fiscal_document as d', 'd.id', 'm.document_id')
          .select([
            'm.id',
            'm.article_id',
            'm.warehouse_id',
            'm.quantity',
            'm.balance_after',
            'm.cause',
            'a.code',
            'a.name',
            'w.code as warehouse',
            'd.id as document_id',
            'd.doc_no',
          ])
          .where('m.at', '>=', src.from)
          .where('m.at', '<', src.to)
          .where('m.balance_after', 'like', '-%')
          .orderBy('m.seq'),
      );
      const negatives = new Map<string, (typeof below)[number]>();
      for (const m of below) {
        const before = new Dec(m.balance_after).minus(m.quantity);
        const key = `${m.article_id}:${m.warehouse_id}`;
        if (!before.isNeg() && !negatives.has(key)) negatives.set(key, m);
      }
      const now = new Map(
        negatives.size
          ? ro
              .all(
                k
                  .selectFrom('stock_balance')
                  .select(['article_id', 'warehouse_id', 'quantity'])
                  .where('quantity', 'like', '-%'),
              )
              .map((b) => [`${b.article_id}:${b.warehouse_id}`, b.quantity])
          : [],
      );
      for (const [key, m] of negatives)
        lines.push(
          factLine({
            key: `stock:negative:${key}`,
            item: `Stock negativo: ${m.code} ${m.name} em ${m.warehouse} (${formatQty(m.balance_after)}${now.has(key) ? `; agora ${formatQty(now.get(key)!)}` : '; já reposto'})`,
            light: 'explicadas',
            explanation: `Ficou abaixo de zero com ${m.doc_no ?? `um movimento (${m.cause})`}: registe a compra em falta ou faça uma contagem.`,
            refs: [
              ...(m.document_id !== null
                ? [{ kind: 'document' as const, id: m.document_id, label: m.doc_no! }]
                : []),
              { kind: 'stock-movement', id: m.id, label: `movimento ${m.id}` },
            ],
          }),
        );

      const facts = [
        { label: 'Artigos movimentados', value: String(tallies.size) },
        { label: 'Quantidade vendida', value: formatQty(sold) },
        { label: 'Quantidade devolvida', value: formatQty(returned) },
        { label: 'Stock negativo criado hoje', value: String(negatives.size) },
      ];
      return section(
        port,
        lines,
        facts,
        (light) =>
          `${tallies.size} artigo${tallies.size === 1 ? '' : 's'} vendido${tallies.size === 1 ? '' : 's'}, ${mismatched.length} com diferenças, ${negatives.size} com stock negativo: ${LIGHT_LABEL[light]}.`,
      );
    },
  };
}
