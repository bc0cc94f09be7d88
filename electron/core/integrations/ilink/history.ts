import type { IlinkSentRow } from '../../../../shared/api/ilink';
import type { IlinkDocumentRow } from './store';

const STATE_LABEL: Record<IlinkDocumentRow['state'], string> = {
  manual: 'Por enviar (envio manual)',
  queued: 'Em fila de envio',
  tosend: 'Por enviar ao cliente',
  sent: 'Enviado ao cliente',
  accepted: 'Aceite pelo cliente',
  rejected: 'Recusado pelo cliente',
  failed: 'Erro no envio',
};

/** One "Histórico de envio" row: Número, Tipo, Cliente ("NIF - nome"), Data Envio, Estado Documento, Sucesso. */
export function sentRow(r: IlinkDocumentRow): IlinkSentRow {
  const delivered =
    r.state === 'tosend' || r.state === 'sent' || r.state === 'accepted' || r.state === 'rejected';
  const regularize = r.state === 'rejected' && r.edi_state === 'regularization';
  return {
    documentId: r.document_id,
    number: r.doc_no,
    type: r.doc_type,
    customer: `${r.customer_nif} - ${r.customer_name}`,
    date: r.doc_date.slice(0, 10),
    sentAt: r.sent_at,
    state: r.state,
    stateLabel: regularize ? 'Recusado: regularizar' : STATE_LABEL[r.state],
    success: delivered,
    error: r.error_message ?? (r.state === 'rejected' ? r.reason : null),
    ilinkId: r.ilink_id,
    canSendNow: r.state === 'manual' || r.state === 'queued' || r.state === 'failed',
    canResend: regularize,
  };
}
