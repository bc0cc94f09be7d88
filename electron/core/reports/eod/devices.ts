import type { EodLine } from '../../../../shared/api/eod';
import { localDateTime } from '../../util/clock';
import { factLine, LIGHT_LABEL, section, type EodSectionPort } from './types';

/**
 * (7) Devices and queue: print jobs that failed or are still waiting (print_job, and failed/dead rows of the job
 * runner), CI-5 errors and interventions (cash_journal failed / needing a manager), and drawer openings without
 * a sale (drawer_event without a document). ASSUMPTION: a pending job and an intervention already decided are
 * "explicadas" (they are known and dealt with); a failed print of a document and an undecided intervention on an
 * entry that is not a payment under review are "por explicar".
 */
export function devicesSection(): EodSectionPort {
  const port = { id: 'devices' as const, title: 'Dispositivos e fila' };
  return {
    ...port,
    build(src) {
      const { ro, from, to } = src;
      const { k } = ro;
      const lines: EodLine[] = [];
      const prints = ro.all(
        k
          .selectFrom('print_job')
          .select(['id', 'kind', 'doc_no', 'state', 'attempts', 'last_error', 'printer_id'])
          .where('created_at', '>=', from)
          .where('created_at', '<', to)
          .where((eb) =>
            eb.or([
              eb('state', 'in', ['pending', 'printing']),
              eb.and([eb('state', '=', 'cancelled'), eb('last_error', 'is not', null)]),
            ]),
          )
          .orderBy('id'),
      );
      for (const p of prints) {
        const what = p.doc_no ?? (p.kind === 'report' ? 'relatório' : 'gaveta');
        const failed = p.state === 'cancelled';
        lines.push(
          factLine({
            key: `print:${p.id}`,
            item: `Impressão ${what} (${p.printer_id}): ${failed ? 'falhou' : 'por imprimir'}`,
            light: failed && p.kind === 'document' ? 'por-explicar' : 'explicadas',
            explanation: `${p.attempts} tentativa${p.attempts === 1 ? '' : 's'}${p.last_error ? `; ${p.last_error}` : ''}${failed ? '' : '; ainda na fila'}`,
            refs: [{ kind: 'print-job', id: p.id, label: `impressão n.º ${p.id}` }],
          }),
        );
      }
      const jobs = ro.all(
        k
          .selectFrom('job')
          .select(['id', 'kind', 'partner', 'state', 'attempts', 'last_error'])
          .where('created_at', '>=', from)
          .where('created_at', '<', to)
          .where('state', 'in', ['failed', 'dead'])
          .where('kind', '<>', 'eod')
          .orderBy('id'),
      );
      for (const j of jobs) {
        lines.push(
          factLine({
            key: `job:${j.id}`,
            item: `Trabalho ${j.kind} (${j.partner}) ${j.state === 'dead' ? 'abandonado' : 'recusado'}`,
            light: 'por-explicar',
            explanation: j.last_error ?? '',
            refs: [{ kind: 'job', id: j.id, label: j.id }],
          }),
        );
      }
      const cashIssues = ro.all(
        k
          .selectFrom('cash_journal')
          .select(['id', 'kind', 'status', 'outcome', 'note', 'needs_ack', 'acked_at', 'reference'])
          .where('created_at', '>=', from)
          .where('created_at', '<', to)
          .where((eb) =>
            eb.or([eb('status', '=', 'failed'), eb('needs_ack', '=', 1), eb('kind', '=', 'adjustment')]),
          )
          .orderBy('id'),
      );
      for (const c of cashIssues) {
        const review = c.kind === 'sale' && c.needs_ack === 1;
        const decided = c.acked_at !== null;
        lines.push(
          factLine({
            key: `ci5:${c.id}`,
            item: `CI-5: ${c.kind === 'adjustment' ? 'acerto de contagem' : c.status === 'failed' ? `erro em ${c.kind}` : `intervenção em ${c.kind}`} (diário n.º ${c.id})`,
            light: decided || review || c.status === 'failed' ? 'explicadas' : 'por-explicar',
            explanation: [
              c.outcome,
              c.note,
              review && !decided ? 'aguarda a decisão do gerente' : null,
              decided ? 'decidido pelo gerente' : null,
            ]
              .filter(Boolean)
              .join('; '),
            refs: [{ kind: 'journal', id: c.id, label: `diário n.º ${c.id}` }],
          }),
        );
      }
      const drawer = ro.all(
        k
          .selectFrom('drawer_event')
          .select(['id', 'at', 'reason', 'operator_id'])
          .where('at', '>=', from)
          .where('at', '<', to)
          .where('document_id', 'is', null)
          .orderBy('id'),
      );
      // Pay-ins/outs and the float open the drawer too (their reason says so); the rest is "without a sale".
      const withoutSale = drawer.filter((d) => !/^(Entrada|Saída) de dinheiro|^Venda \d+/.test(d.reason));
      for (const d of withoutSale) {
        lines.push(
          factLine({
            key: `drawer-open:${d.id}`,
            item: `Gaveta aberta sem venda às ${localDateTime(new Date(d.at)).slice(11, 16)}`,
            light: 'explicadas',
            explanation: `Motivo: ${d.reason}`,
            refs: [{ kind: 'drawer-event', id: d.id, label: `abertura n.º ${d.id}` }],
          }),
        );
      }
      const facts = [
        { label: 'Impressões falhadas ou por imprimir', value: String(prints.length) },
        { label: 'Erros e intervenções do CI-5', value: String(cashIssues.length) },
        { label: 'Aberturas da gaveta sem venda', value: String(withoutSale.length) },
      ];
      return section(port, lines, facts, (light) =>
        lines.length
          ? `${lines.length} ocorrência${lines.length === 1 ? '' : 's'}: ${LIGHT_LABEL[light]}.`
          : 'Sem falhas, filas vazias.',
      );
    },
  };
}
