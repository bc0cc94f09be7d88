import type { EodLine, EodRef } from '../../../../shared/api/eod';
import { toCents } from '../../../../shared/money';
import {
  confirmedCents,
  readPaypayDay,
  settlementDaysOf,
  type PaypayDay,
  type PaypayEodRow,
} from './paypay-data';
import { ptDate, settlementsOf } from './settlement';
import {
  euros,
  factLine,
  LIGHT_LABEL,
  moneyLine,
  notConfigured,
  section,
  type EodSectionPort,
  type EodSource,
} from './types';

/** Both PayPay-backed sections (cards, PayPay) read the same data once per run. */
const memo = new WeakMap<EodSource, PaypayDay>();
export function paypayDayOf(src: EodSource): PaypayDay {
  let d = memo.get(src);
  if (!d) memo.set(src, (d = readPaypayDay(src)));
  return d;
}

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;
const refOf = (r: PaypayEodRow): EodRef[] => [
  { kind: 'payment', id: r.id, label: `PayPay n.º ${r.id}${r.reference ? ` (ref. ${r.reference})` : ''}` },
  ...(r.document_id !== null && r.doc_no
    ? [{ kind: 'document' as const, id: r.document_id, label: r.doc_no }]
    : []),
];
const sum = (rows: readonly PaypayEodRow[], f: (r: PaypayEodRow) => number = (r) => r.amount_cents): number =>
  rows.reduce((a, r) => a + f(r), 0);

/**
 * (4) PayPay (issue 14 §1.4, paypay-office): Multibanco references created, paid, expired; MB WAY confirmed and
 * refused; payments PayPay confirmed without a receipt (must be none); receipts without a confirmed payment (must
 * be none); PayPay's fees; the expected settlement dates. "não configurado" when PayPay has no settings and no
 * payment (the rest of the run works without it).
 *
 * ASSUMPTIONs: a reference "expired today" is one whose validity ended today; a paid reference whose RG was not
 * issued because the manager was flagged (invoice cancelled, already settled, wrong amount) is "explicada" — the
 * flag names the operation and the review — otherwise "por explicar"; MB WAY is reconciled by its sums
 * (documents' MB WAY payments ⇄ PayPay's confirmed), as the counter's provider links each one to its sale.
 */
export function paypaySection(): EodSectionPort {
  const port = { id: 'paypay' as const, title: 'PayPay' };
  return {
    ...port,
    build(src) {
      const d = paypayDayOf(src);
      const { rows, inDay } = d;
      const touched = rows.filter(
        (r) => inDay(r.created_at) || inDay(r.paid_at) || inDay(r.valid_until) || inDay(r.updated_at),
      );
      if (!d.config && touched.length === 0 && d.mbReceipts.length === 0 && !d.onDocuments.get('mbway'))
        return notConfigured(port.id, port.title).build(src);

      const refs = rows.filter((r) => r.kind === 'mb_reference');
      const created = refs.filter((r) => inDay(r.created_at));
      const paidToday = refs.filter(
        (r) => (r.state === 'paid' || r.state === 'mismatch') && inDay(r.paid_at),
      );
      const expired = refs.filter((r) => r.state === 'expired' && inDay(r.valid_until));
      const open = refs.filter((r) => r.state === 'creating' || r.state === 'pending');
      const mbway = rows.filter((r) => r.kind === 'mbway');
      const mbwayOk = mbway.filter((r) => r.state === 'paid' && inDay(r.paid_at));
      const mbwayRefused = mbway.filter((r) => r.state === 'cancelled' && inDay(r.updated_at));
      const mbwayExpired = mbway.filter(
        (r) => (r.state === 'expired' || r.state === 'failed') && inDay(r.updated_at),
      );
      const lines: EodLine[] = [];

      // Confirmed by PayPay (up to the end of the day) without their RG: must be none.
      for (const r of refs.filter(
        (x) =>
          (x.state === 'paid' || x.state === 'mismatch') &&
          x.receipt_document_id === null &&
          x.paid_at !== null &&
          Date.parse(x.paid_at) < Date.parse(src.to),
      )) {
        const explained = r.flag !== null;
        lines.push(
          moneyLine({
            key: `paypay:no-receipt:${r.id}`,
            item: `Referência ${r.entity ?? ''} ${r.reference ?? ''} de ${r.doc_no ?? '—'} paga no PayPay sem recibo`.replace(
              /\s+/g,
              ' ',
            ),
            expected: confirmedCents(r),
            actual: 0,
            explained: explained ? -confirmedCents(r) : 0,
            explanation: explained
              ? `Assinalada para o gerente: ${r.flag}`
              : 'Paga no PayPay e sem recibo RG emitido: corra "Verificar agora" em Gestão de Referências.',
            refs: refOf(r),
          }),
        );
      }
      // Receipts by MB reference without a payment PayPay confirmed: must be none.
      const settledBy = new Map(
        refs.filter((r) => r.receipt_document_id !== null).map((r) => [r.receipt_document_id!, r] as const),
      );
      for (const rg of d.mbReceipts) {
        const r = settledBy.get(rg.id);
        if (r && r.state === 'paid') continue;
        lines.push(
          moneyLine({
            key: `paypay:receipt-unconfirmed:${rg.id}`,
            item: `Recibo ${rg.docNo} por referência Multibanco sem pagamento confirmado pelo PayPay`,
            expected: 0,
            actual: rg.cents,
            explanation: r
              ? `A referência está "${r.state}" no Balcão: confirme o pagamento no PayPay.`
              : 'Nenhuma referência PayPay tem este recibo: foi emitido à mão? Confirme o pagamento no PayPay.',
            refs: [{ kind: 'document', id: rg.id, label: rg.docNo }],
          }),
        );
      }
      // Paid with a wrong amount: never settled; the manager's flag says what to do.
      for (const r of refs.filter((x) => x.state === 'mismatch' && inDay(x.paid_at)))
        lines.push(
          factLine({
            key: `paypay:mismatch:${r.id}`,
            item: `Referência de ${r.doc_no ?? '—'} paga com montante diferente (${euros(confirmedCents(r))} em vez de ${euros(r.amount_cents)})`,
            light: 'explicadas',
            explanation: r.flag ?? 'Assinalada para o gerente.',
            refs: refOf(r),
          }),
        );
      for (const r of open.filter((x) => x.state === 'creating' && inDay(x.created_at)))
        lines.push(
          factLine({
            key: `paypay:creating:${r.id}`,
            item: `Referência de ${r.doc_no ?? '—'} ainda por criar no PayPay`,
            light: 'explicadas',
            explanation:
              'O pedido está na fila de envio: a referência segue quando o PayPay responder (2.ª via).',
            refs: refOf(r),
          }),
        );

      // MB WAY: what the day's documents say was paid by MB WAY ⇄ what PayPay confirmed that day.
      const mbwayDocs = d.onDocuments.get('mbway') ?? 0;
      const mbwayConfirmed = sum(mbwayOk, confirmedCents);
      if (mbwayDocs !== 0 || mbwayConfirmed !== 0) {
        // A confirmation without its sale (the cashier gave up; the manager decides on the review list).
        const late = mbwayOk.filter((r) => r.document_id === null && r.flag !== null);
        const lateCents = sum(late, confirmedCents);
        lines.push(
          moneyLine({
            key: 'paypay:mbway',
            item: 'MB WAY: documentos ⇄ confirmados pelo PayPay',
            expected: mbwayDocs,
            actual: mbwayConfirmed,
            explained: mbwayConfirmed - mbwayDocs === lateCents ? lateCents : 0,
            explanation:
              mbwayConfirmed === mbwayDocs
                ? ''
                : lateCents && mbwayConfirmed - mbwayDocs === lateCents
                  ? `Confirmados depois de a venda ter sido abandonada, em revisão pelo gerente: ${late.map((r) => `n.º ${r.id}`).join(', ')}.`
                  : `Os documentos dizem ${euros(mbwayDocs)}, o PayPay confirmou ${euros(mbwayConfirmed)}: por explicar.`,
            refs: mbwayOk.flatMap(refOf),
          }),
        );
      }

      const paidRows = [...paidToday, ...mbwayOk];
      const fees = paidRows.reduce((a, r) => a + (r.fee === null ? 0 : toCents(r.fee)), 0);
      const days = settlementDaysOf(d.config);
      const settle = (xs: PaypayEodRow[], n: number) =>
        settlementsOf(
          xs
            .filter((r) => r.state === 'paid')
            .map((r) => ({ paidDay: d.dayOf(r.paid_at!), cents: confirmedCents(r) })),
          n,
        )
          .map((s) => `${ptDate(s.day)}: ${euros(s.cents)}`)
          .join('; ') || '—';
      // The day's figures as lines too: the CSV has one row per line (the facts are the screen's and PDF's table).
      const refsPaidOk = paidToday.filter((r) => r.state === 'paid');
      const withReceipt = refsPaidOk.filter((r) => r.receipt_document_id !== null);
      lines.unshift(
        factLine({
          key: 'paypay:references',
          item: `Referências Multibanco: ${created.length} criada${created.length === 1 ? '' : 's'} (${euros(sum(created))}), ${paidToday.length} paga${paidToday.length === 1 ? '' : 's'} (${euros(sum(paidToday, confirmedCents))}), ${expired.length} expirada${expired.length === 1 ? '' : 's'} (${euros(sum(expired))}), ${open.length} por pagar`,
          light: 'certo',
          explanation: `Pagas com recibo RG: ${withReceipt.length} de ${refsPaidOk.length}.`,
          refs: [...paidToday, ...expired].flatMap(refOf),
        }),
      );
      if (mbway.some((r) => inDay(r.created_at) || inDay(r.updated_at)))
        lines.push(
          factLine({
            key: 'paypay:mbway-counts',
            item: `MB WAY: ${mbwayOk.length} confirmado${mbwayOk.length === 1 ? '' : 's'} (${euros(mbwayConfirmed)}), ${mbwayRefused.length} recusado${mbwayRefused.length === 1 ? '' : 's'}, ${mbwayExpired.length} expirado${mbwayExpired.length === 1 ? '' : 's'}`,
            light: 'certo',
            explanation: '',
          }),
        );
      if (paidRows.length)
        lines.push(
          factLine({
            key: 'paypay:settlement',
            item: `Comissões PayPay ${euros(fees)}; liquidação prevista MB ${settle(paidToday, days.mb)}; MB WAY ${settle(mbwayOk, days.mbway)}`,
            light: 'certo',
            explanation: `Pressuposto (fontes públicas, configurável): MB D+${days.mb}, MB WAY D+${days.mbway} dias úteis (sem feriados).`,
          }),
        );
      const facts = [
        ...(d.config
          ? []
          : [{ label: 'Configuração', value: 'sem configuração guardada (simulador de formação)' }]),
        { label: 'Referências criadas', value: `${created.length} (${euros(sum(created))})` },
        {
          label: 'Referências pagas',
          value: `${paidToday.length} (${euros(sum(paidToday, confirmedCents))})`,
        },
        { label: 'Referências expiradas', value: `${expired.length} (${euros(sum(expired))})` },
        { label: 'Referências por pagar (no fim do dia)', value: `${open.length} (${euros(sum(open))})` },
        { label: 'MB WAY confirmados', value: `${mbwayOk.length} (${euros(mbwayConfirmed)})` },
        { label: 'MB WAY recusados', value: String(mbwayRefused.length) },
        { label: 'MB WAY expirados', value: String(mbwayExpired.length) },
        { label: 'Comissões PayPay (reportadas)', value: euros(fees) },
        // ASSUMPTION (public sources; configurable in the PayPay settings): label says so on the report.
        {
          label: `Liquidação prevista MB (pressuposto: D+${days.mb} úteis)`,
          value: settle(paidToday, days.mb),
        },
        {
          label: `Liquidação prevista MB WAY (pressuposto: D+${days.mbway} úteis)`,
          value: settle(mbwayOk, days.mbway),
        },
      ];
      return section(
        port,
        lines,
        facts,
        (light) =>
          `${plural(created.length, 'referência criada', 'referências criadas')}, ${plural(paidToday.length, 'paga', 'pagas')}, ${plural(expired.length, 'expirada', 'expiradas')}; MB WAY ${plural(mbwayOk.length, 'confirmado', 'confirmados')}, ${plural(mbwayRefused.length, 'recusado', 'recusados')}: ${LIGHT_LABEL[light]}.`,
      );
    },
  };
}
