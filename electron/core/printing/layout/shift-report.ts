import { DOC_TYPE_NAMES } from '../../../../shared/fiscal/doc-types';
import { Dec } from '../../../../shared/money';
import { localDateTime } from '../../util/clock';
import { LEGAL } from '../legal-text';
import type { PrintableShiftReport } from '../printable-report';
import { text, type Block } from './blocks';
import { columns, dateTime, money, percent, row, wrap } from './text';

/** ISO instant (UTC) → the shop's wall clock, as on the receipts. */
const local = (iso: string): string => dateTime(localDateTime(new Date(iso)));
const neg = (v: string): string => (new Dec(v).isZero() ? money(v) : `-${money(v)}`);
const signed = (v: string): string => (new Dec(v).gt(0) ? `+${money(v)}` : money(v));

/**
 * The X (mid-shift) or Z (close) report on a thermal roll ("Relatório Z - Fecho de turno": PC858 has no em dash). Not a fiscal document: it says so ("Este documento
 * não serve de fatura", Despacho 8632/2014 1.2). Every text line fits `columns` (double width counts twice).
 */
export function layoutShiftReport(p: PrintableShiftReport, opts: { columns: number }): Block[] {
  const W = opts.columns;
  const r = p.report;
  const out: Block[] = [];
  const rule = (c = '-'): void => void out.push(text(c.repeat(W)));
  const para = (s: string, align: 'left' | 'center' = 'left', style = {}): void => {
    for (const l of wrap(s, W)) out.push(text(l, align, style));
  };
  const pair = (left: string, right: string, style = {}): void => {
    for (const l of columns(left, right, W)) out.push(text(l, 'left', style));
  };
  const heading = (s: string): void => para(s.toUpperCase(), 'left', { bold: true });

  para(p.issuer.name, 'center', { bold: true });
  for (const a of p.issuer.address) para(a, 'center');
  if (p.issuer.nif) para(`NIF: ${p.issuer.nif}`, 'center');
  rule('=');
  para(r.kind === 'Z' ? 'Relatório Z - Fecho de turno' : 'Relatório X', 'center', { bold: true });
  if (r.kind === 'X') para('Leitura do turno (não fecha o turno)', 'center');
  if (r.zNumber !== null) para(`Z n.º ${r.zNumber}`, 'center', { bold: true });
  if (p.copy) para(LEGAL.copy, 'center', { bold: true, invert: true });
  if (r.training) para(LEGAL.training, 'center', { bold: true });
  rule();
  pair('Terminal', r.terminalId);
  pair('Turno', String(r.shiftId));
  pair('Operador', r.operator.name);
  pair('Aberto', local(r.openedAt));
  pair(r.closedAt ? 'Fechado' : 'Emitido', local(r.closedAt ?? r.generatedAt));
  rule();

  heading('Vendas por meio de pagamento');
  if (!r.byMethod.length) para('Sem pagamentos.');
  for (const m of r.byMethod) pair(`${m.name} (${m.count})`, money(m.amount));
  rule();

  heading('Documentos por tipo');
  if (!r.documents.byType.length) para('Sem documentos.');
  for (const t of r.documents.byType)
    pair(`${t.type} ${DOC_TYPE_NAMES[t.type]} (${t.count})`, money(t.gross));
  if (r.documents.first) para(`De ${r.documents.first} a ${r.documents.last ?? r.documents.first}`);
  rule();

  if (r.vat.length) {
    heading('Resumo do IVA');
    const cw = Math.floor((W - 5) / 3);
    const vatRow = (a: string, b: string, c: string, d: string): string =>
      row([
        { text: a, width: W - 3 * cw },
        { text: b, width: cw, right: true },
        { text: c, width: cw, right: true },
        { text: d, width: cw, right: true },
      ]);
    out.push(text(vatRow('Taxa', 'Base', 'IVA', 'Total'), 'left', { bold: true }));
    // Per rate: the sales, then (when there are any) the credit notes and the net; the Total row sums the net
    // column by column, so the table adds up across and down (issue 9 E.11).
    for (const v of r.vat) {
      const label = v.exemptionCode ?? percent(v.pct);
      out.push(text(vatRow(label, money(v.base), money(v.tax), money(v.gross))));
      if (!new Dec(v.creditGross).isZero() || !new Dec(v.creditBase).isZero()) {
        out.push(text(vatRow('  NC', neg(v.creditBase), neg(v.creditTax), neg(v.creditGross))));
        out.push(text(vatRow(' Líq.', money(v.netBase), money(v.netTax), money(v.netGross))));
      }
    }
    const tot = r.vatTotals;
    out.push(
      text(vatRow('Total', money(tot.netBase), money(tot.netTax), money(tot.netGross)), 'left', {
        bold: true,
      }),
    );
    rule();
  }

  heading('Devoluções e anulações');
  pair(`Notas de crédito (${r.returns.count})`, neg(r.returns.gross));
  for (const m of r.returns.byMethod) pair(`  Reembolso ${m.name}`, money(m.amount));
  pair(`Anulados (${r.cancelled.count})`, money(r.cancelled.gross));
  if (r.cancelled.docNos.length) para(`  ${r.cancelled.docNos.join(', ')}`);
  rule();

  heading('Totais');
  pair('Vendas', money(r.totals.salesGross));
  pair('Devoluções', neg(r.totals.returnsGross));
  for (const l of columns('LÍQUIDO', `${money(r.totals.netGross)} €`, Math.floor(W / 2)))
    out.push(text(l, 'left', { bold: true, doubleWidth: true }));
  rule();

  const c = r.cash;
  heading('Numerário');
  pair('Fundo inicial', money(c.openingFloat));
  pair('Vendas em numerário', money(c.cashSales));
  pair('Reembolsos', neg(c.cashRefunds));
  pair('Entradas', money(c.payIns));
  pair('Saídas', neg(c.payOuts));
  pair('Esperado', money(c.expected), { bold: true });
  para('Gaveta');
  pair('  Esperado', money(c.drawer.expected));
  pair('  Contado', c.drawer.counted === null ? 'no fecho' : money(c.drawer.counted));
  if (c.drawer.difference !== null) pair('  Diferença', signed(c.drawer.difference), { bold: true });
  if (c.machine) {
    para('Máquina CI-5');
    pair('  Esperado', money(c.machine.expected));
    pair('  Contagem CI-5', c.machine.counted === null ? 'indisponível' : money(c.machine.counted));
    if (c.machine.difference !== null) pair('  Diferença', signed(c.machine.difference), { bold: true });
  }
  rule('=');
  para(`Emitido em ${local(r.generatedAt)}`, 'center');
  para(LEGAL.notInvoice, 'center', { bold: true });
  out.push({ kind: 'cut' });
  return out;
}
