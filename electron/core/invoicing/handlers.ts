import { SAFT_ACCESS } from '../../../shared/api/invoicing';
import { PosError } from '../../../shared/errors';
import type { Channel } from '../../../shared/api';
import type { SaftExports } from '../fiscal/saft/exports';
import type { DomainHandlers, Handler } from '../rpc/dispatch';
import { handle, manager, session, type Registered } from '../rpc/policy';
import type { InvoicingService } from './service';

type InvoicingChannels =
  | 'invoicing/credit-note'
  | 'invoicing/debit-note'
  | 'invoicing/find-customers'
  | 'invoicing/issue-invoice'
  | 'invoicing/open-invoices'
  | 'invoicing/register-payment'
  | 'documents/search'
  | 'documents/pdf'
  | 'saft/export-start'
  | 'saft/export-status'
  | 'saft/export-download';

/** SAF-T export: its access is the contract's SAFT_ACCESS (gerente and contabilista). */
const saft = <C extends Channel>(run: Handler<C>): Registered<C> => handle({ who: SAFT_ACCESS }, run);

const opId = (op: { id: number } | null): number => {
  if (!op) throw new PosError('UNAUTHENTICATED', 'Entre com o seu PIN para continuar.');
  return op.id;
};

/**
 * Back-office invoicing, Documentos and SAF-T (contract: shared/api/invoicing.ts). Issuing is the manager's, as
 * fiscal/issue-document and fiscal/issue-receipt, whose fiscal path it shares; the search and the PDF (a 2.ª via)
 * are any operator's, as fiscal/list-documents and sales/reprint.
 */
export function invoicingHandlers(
  invoicing: InvoicingService,
  saftExports: SaftExports,
  pdfOf: (documentId: number) => Promise<{ fileName: string; pdf: Buffer }>,
): DomainHandlers<InvoicingChannels> {
  return {
    'invoicing/credit-note': manager((i, h) => invoicing.creditNote(i, opId(h.operator))),
    'invoicing/debit-note': manager((i, h) => invoicing.debitNote(i, opId(h.operator))),
    'invoicing/find-customers': manager((i) => invoicing.findCustomers(i.query, i.limit)),
    'invoicing/issue-invoice': manager((i, h) => invoicing.issueInvoice(i, opId(h.operator))),
    'invoicing/open-invoices': manager((i) => invoicing.openInvoices(i.customerId)),
    'invoicing/register-payment': manager((i, h) => invoicing.registerPayment(i, opId(h.operator))),
    'documents/search': session((q) => invoicing.search(q)),
    'documents/pdf': session(async ({ id }) => {
      const r = await pdfOf(id);
      return { fileName: r.fileName, base64: r.pdf.toString('base64') };
    }),
    'saft/export-start': saft(({ from, to }, h) => saftExports.start(from, to, opId(h.operator))),
    'saft/export-status': saft(({ id }) => saftExports.status(id)),
    'saft/export-download': saft(({ id }) => saftExports.download(id)),
  };
}
