import type { EodLine } from '../../../../shared/api/eod';
import { confirmedCents, settlementDaysOf } from './paypay-data';
import { paypayDayOf } from './paypay';
import { ptDate, settlementsOf } from './settlement';
import {
  euros,
  factLine,
  LIGHT_LABEL,
  moneyLine,
  notConfigured,
  section,
  type EodSectionPort,
} from './types';

/**
 * (3) Cards (issue 14 §1.3, paypay-office): the card payments on the day's documents ⇄ the PayPay Cloud terminal's
 * confirmed payments; what the cashier took on the external (Standalone) terminal ⇄ that terminal's own total,
 * which the shift close does not record: the line says "não declarado".
 *
 * ASSUMPTIONs: card payments settled by the till's `card` provider are the external terminal's, every other card
 * payment on a document is the PayPay terminal's; "não declarado" is a `certo` line (nothing to compare, nothing
 * wrong: the owner checks the terminal's own closing slip); a terminal payment confirmed without its sale and
 * flagged for the manager (late confirmation, review list) is "explicada".
 */
export function cardsSection(): EodSectionPort {
  const port = { id: 'cards' as const, title: 'Cartões' };
  return {
    ...port,
    build(src) {
      const d = paypayDayOf(src);
      const onDocs = d.onDocuments.get('card') ?? 0;
      const terminal = d.rows.filter((r) => r.kind === 'terminal');
      const confirmed = terminal.filter((r) => r.state === 'paid' && d.inDay(r.paid_at));
      const hasTerminal = !!d.config?.terminalUuid || terminal.some((r) => d.inDay(r.created_at));
      if (onDocs === 0 && !hasTerminal && confirmed.length === 0)
        return notConfigured(port.id, port.title).build(src);

      const external = d.externalCardCents;
      const viaPaypay = onDocs - external;
      const confirmedSum = confirmed.reduce((a, r) => a + confirmedCents(r), 0);
      const lines: EodLine[] = [];
      if (hasTerminal || viaPaypay !== 0 || confirmedSum !== 0) {
        const late = confirmed.filter((r) => r.document_id === null && r.flag !== null);
        const lateSum = late.reduce((a, r) => a + confirmedCents(r), 0);
        const diff = confirmedSum - viaPaypay;
        lines.push(
          moneyLine({
            key: 'cards:paypay-terminal',
            item: 'Cartão no terminal PayPay: documentos ⇄ pagamentos confirmados pelo terminal',
            expected: viaPaypay,
            actual: confirmedSum,
            explained: diff !== 0 && diff === lateSum ? lateSum : 0,
            explanation:
              diff === 0
                ? ''
                : diff === lateSum
                  ? `Confirmados pelo terminal depois de a venda ter sido abandonada, em revisão pelo gerente: ${late.map((r) => `n.º ${r.id}`).join(', ')}.`
                  : `Os documentos dizem ${euros(viaPaypay)}, o terminal PayPay confirmou ${euros(confirmedSum)}: por explicar.`,
            refs: confirmed.map((r) => ({
              kind: 'payment' as const,
              id: r.id,
              label: `PayPay n.º ${r.id}${r.doc_no ? ` (${r.doc_no})` : ''}`,
            })),
          }),
        );
      }
      if (external !== 0)
        lines.push(
          factLine({
            key: 'cards:external',
            item: `Cartão no terminal externo: ${euros(external)} nos documentos ⇄ total do terminal não declarado`,
            light: 'certo',
            explanation:
              'O fecho de turno não regista o total do terminal externo (não declarado): confira-o com o talão de fecho do próprio terminal.',
          }),
        );
      const days = settlementDaysOf(d.config).card;
      const settle =
        settlementsOf(
          confirmed.map((r) => ({ paidDay: d.dayOf(r.paid_at!), cents: confirmedCents(r) })),
          days,
        )
          .map((s) => `${ptDate(s.day)}: ${euros(s.cents)}`)
          .join('; ') || '—';
      if (confirmed.length)
        lines.push(
          factLine({
            key: 'cards:settlement',
            item: `Liquidação prevista dos cartões do terminal PayPay: ${settle}`,
            light: 'certo',
            explanation: `Pressuposto (fontes públicas, configurável): D+${days} dias úteis (sem feriados).`,
          }),
        );
      const facts = [
        { label: 'Cartão nos documentos', value: euros(onDocs) },
        { label: 'Terminal PayPay: confirmados', value: `${confirmed.length} (${euros(confirmedSum)})` },
        { label: 'Terminal externo (registado na caixa)', value: euros(external) },
        { label: 'Total declarado do terminal externo', value: 'não declarado' },
        // ASSUMPTION (public sources; configurable in the PayPay settings): the label says so on the report.
        { label: `Liquidação prevista cartões PayPay (pressuposto: D+${days} úteis)`, value: settle },
      ];
      return section(
        port,
        lines,
        facts,
        (light) =>
          `${euros(onDocs)} em cartão (terminal PayPay ${euros(confirmedSum)}, externo ${euros(external)} não declarado): ${LIGHT_LABEL[light]}.`,
      );
    },
  };
}
