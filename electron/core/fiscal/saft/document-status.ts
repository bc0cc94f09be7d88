import { el } from './fragments';
import type { SaftDocRow as DocRow } from './queries';

/** SourceID: the operator who issued the document, or the system. */
export const sourceId = (d: DocRow): string => (d.operator_id === null ? 'Sistema' : String(d.operator_id));

/** DocumentStatus of an invoice, a guide or a receipt (`tag`: Invoice, Movement, Payment). */
export const documentStatus = (d: DocRow, tag: string, source: string): string =>
  `<DocumentStatus>${el(`${tag}Status`, d.status ?? 'N')}${el(`${tag}StatusDate`, d.status_at ?? d.system_entry_date)}${d.status_reason ? el('Reason', d.status_reason) : ''}${el('SourceID', sourceId(d))}${el(source, 'P')}</DocumentStatus>`;
