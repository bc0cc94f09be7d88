import { z } from 'zod';
import type { EodLine } from '../../../../shared/api/eod';
import { toCents } from '../../../../shared/money';
import { ILINK_SETTING } from '../../integrations/ilink/config';
import { eligibleForIlink } from '../../integrations/ilink/sending';
import { MB_AFTER_SEND } from '../../integrations/ilink/store';
import { readSetting } from '../../system/settings';
import { euros, factLine, LIGHT_LABEL, section, type EodSectionPort, type EodSource } from './types';

/**
 * Only what the reconciliation needs of the iLink settings (config.ts keeps the full, sealed form): whether the
 * terminal sends or receives at all. Secrets are never opened here (the run has no SecretBox, and needs none).
 */
const Switches = z.object({ send: z.enum(['auto', 'manual', 'off']), receive: z.boolean() }).passthrough();

/** dd/mm/aaaa from an ISO date or instant (pt-PT). */
const ptDate = (iso: string): string => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

/**
 * (5) iLink: the day's documents due to be sent (FT, FR, FS, ND, NC with the buyer's NIF, eligibleForIlink) ⇄
 * registered for sending (`ilink_document`) ⇄ delivered ⇄ accepted/rejected; each one still in the outbox, failed
 * or rejected for regularization as its own line (with the number to resend); iLink purchase documents received
 * and not yet confirmed. "não configurado" when the terminal neither sends nor receives.
 */
export function ilinkSection(): EodSectionPort {
  const port = { id: 'ilink' as const, title: 'iLink' };
  return {
    ...port,
    build(src: EodSource) {
      const { ro, day, terminalId } = src;
      const { k } = ro;
      const cfg = readSetting(ro, ILINK_SETTING, Switches);
      if (!cfg || (cfg.send === 'off' && !cfg.receive))
        return {
          ...port,
          configured: false,
          light: null,
          summary: 'não configurado',
          lines: [],
          facts: [],
        };

      const docs = ro.all(
        k
          .selectFrom('fiscal_document as d')
          .leftJoin('ilink_document as i', 'i.document_id', 'd.id')
          .leftJoin('fiscal_status as st', 'st.document_id', 'd.id')
          .select([
            'd.id',
            'd.doc_no',
            'd.doc_type',
            'd.customer_nif',
            'd.gross_total',
            'st.document_id as cancelled',
            'i.document_id as registered',
            'i.state',
            'i.edi_state',
            'i.reason',
            'i.error_message',
            'i.error_code',
            'i.job_id',
          ])
          .where('d.terminal_id', '=', terminalId)
          .where('d.doc_date', '=', day)
          .orderBy('d.id'),
      );
      // An NC/ND issued against a rejected document is how a rejection that cannot be resent is regularized.
      const corrected = new Set(
        ro
          .all(
            k
              .selectFrom('fiscal_document as n')
              .innerJoin('fiscal_document as o', 'o.id', 'n.origin_document_id')
              .select('o.id')
              .where('o.terminal_id', '=', terminalId)
              .where('o.doc_date', '=', day)
              .where('n.doc_type', 'in', ['NC', 'ND']),
          )
          .map((r) => r.id),
      );
      const due = docs.filter((d) => eligibleForIlink(d));
      const lines: EodLine[] = [];
      const ref = (d: { id: number; doc_no: string }) => [
        { kind: 'document' as const, id: d.id, label: d.doc_no },
      ];

      // Due ⇄ registered: an eligible document without its iLink row was never going to leave. A document
      // cancelled before it was registered is not sent (ASSUMPTION, as the iLink README says for cancellations).
      const missing = due.filter((d) => d.registered === null && d.cancelled === null);
      const registered = due.filter((d) => d.registered !== null);
      lines.push(
        factLine({
          key: 'ilink:due',
          item: `Documentos a enviar: ${due.length} ⇄ registados para envio: ${registered.length}`,
          light: missing.length ? 'por-explicar' : 'certo',
          explanation: missing.length
            ? `Sem registo de envio: ${missing
                .slice(0, 20)
                .map((d) => d.doc_no)
                .join(', ')}.`
            : cfg.send === 'off'
              ? 'Envio desligado: nenhum documento a enviar.'
              : 'Todos os documentos com NIF do cliente estão registados para envio.',
          refs: missing.slice(0, 20).flatMap(ref),
        }),
      );

      const delivered = registered.filter(
        (d) => d.state === 'tosend' || d.state === 'sent' || d.state === 'accepted' || d.state === 'rejected',
      );
      const count = (s: string) => registered.filter((d) => d.state === s).length;
      const waiting = count('tosend') + count('sent');
      lines.push(
        factLine({
          key: 'ilink:delivered',
          item: `Entregues ao iLink: ${delivered.length} ⇄ aceites ${count('accepted')}, recusados ${count('rejected')}, sem resposta do cliente ${waiting}`,
          light: 'certo',
          explanation: waiting
            ? `${waiting} documento${waiting === 1 ? '' : 's'} ainda sem resposta do cliente (normal no próprio dia).`
            : '',
        }),
      );

      for (const d of registered) {
        const money = euros(toCents(d.gross_total));
        if (d.state === 'queued' || d.state === 'manual')
          lines.push(
            factLine({
              key: `ilink:outbox:${d.id}`,
              item: `${d.doc_no} (${money}) ainda por enviar`,
              light: 'explicadas',
              explanation:
                d.state === 'manual'
                  ? 'Envio manual: use "Enviar agora" em Gestão › iLink › Histórico de envio.'
                  : 'Na fila de envio (outbox): sai na próxima ronda de sincronização.',
              refs: [
                ...ref(d),
                ...(d.job_id ? [{ kind: 'job' as const, id: d.job_id, label: 'envio iLink' }] : []),
              ],
            }),
          );
        else if (d.state === 'failed')
          lines.push(
            factLine({
              key: `ilink:failed:${d.id}`,
              item: `${d.doc_no} (${money}): erro no envio`,
              // A cancelled document is refused by the writer on purpose (a cancelled document is not sent).
              light: d.cancelled !== null ? 'explicadas' : 'por-explicar',
              explanation:
                d.cancelled !== null
                  ? 'Documento anulado depois de entrar na fila: não é enviado.'
                  : `${d.error_message ?? 'Erro sem mensagem.'} Corrija e use "Enviar agora" em Gestão › iLink.`,
              refs: [
                ...ref(d),
                ...(d.job_id ? [{ kind: 'job' as const, id: d.job_id, label: 'envio iLink' }] : []),
              ],
            }),
          );
        // reports-perf (issue 11 review): delivered before its Multibanco reference existed; iLink cannot change it.
        if (d.error_code === MB_AFTER_SEND && d.state !== 'failed')
          lines.push(
            factLine({
              key: `ilink:mb-after-send:${d.id}`,
              item: `${d.doc_no} (${money}) no iLink sem a referência Multibanco`,
              light: 'explicadas',
              explanation: d.error_message ?? '',
              refs: ref(d),
            }),
          );
        if (d.state === 'rejected') {
          const regularize = d.edi_state === 'regularization';
          const fixed = !regularize && corrected.has(d.id);
          lines.push(
            factLine({
              key: `ilink:rejected:${d.id}`,
              item: `${d.doc_no} (${money}) recusado pelo cliente${regularize ? ' para regularização' : ''}`,
              light: fixed ? 'explicadas' : 'por-explicar',
              explanation: regularize
                ? `Motivo: ${d.reason ?? '—'}. Reenviar o documento N.º ${d.doc_no} em Gestão › iLink › Histórico de envio (Reenviar).`
                : fixed
                  ? `Motivo: ${d.reason ?? '—'}. Regularizado por nota de crédito/débito.`
                  : `Motivo: ${d.reason ?? '—'}. Não pode ser reenviado: emita uma NC/ND sobre o N.º ${d.doc_no}.`,
              refs: ref(d),
            }),
          );
        }
      }

      // Purchase documents received through iLink and not yet accepted or refused (any day up to this one).
      const purchases = ro.all(
        k
          .selectFrom('purchase as p')
          .innerJoin('supplier as s', 's.id', 'p.supplier_id')
          .select(['p.id', 'p.number', 'p.type_code', 'p.payable_total', 'p.received_at', 's.name'])
          .where('p.source', '=', 'ilink')
          .where('p.state', '=', 'registado')
          .where('p.received_at', '<', src.to)
          .orderBy('p.received_at'),
      );
      for (const p of purchases)
        lines.push(
          factLine({
            key: `ilink:purchase:${p.id}`,
            item: `Compra ${p.type_code} ${p.number} de ${p.name} (${euros(toCents(p.payable_total))}) por confirmar`,
            light: 'explicadas',
            explanation: `Recebida em ${ptDate(p.received_at)}: aceite ou recuse em Gestão › Compras.`,
            refs: [{ kind: 'purchase', id: p.id, label: `${p.type_code} ${p.number}` }],
          }),
        );

      const facts = [
        {
          label: 'Envio',
          value: cfg.send === 'auto' ? 'automático' : cfg.send === 'manual' ? 'manual' : 'desligado',
        },
        { label: 'Receção', value: cfg.receive ? 'ligada' : 'desligada' },
        { label: 'A enviar', value: String(due.length) },
        { label: 'Entregues', value: String(delivered.length) },
        { label: 'Aceites', value: String(count('accepted')) },
        { label: 'Recusados', value: String(count('rejected')) },
        { label: 'Na fila', value: String(count('queued') + count('manual')) },
        { label: 'Com erro', value: String(count('failed')) },
        { label: 'Compras por confirmar', value: String(purchases.length) },
      ];
      return section(
        port,
        lines,
        facts,
        (light) =>
          `${due.length} documento${due.length === 1 ? '' : 's'} a enviar, ${delivered.length} entregue${delivered.length === 1 ? '' : 's'}, ${purchases.length} compra${purchases.length === 1 ? '' : 's'} por confirmar: ${LIGHT_LABEL[light]}.`,
      );
    },
  };
}
