import { PosError } from '../../../shared/errors';
import type { DomainHandlers } from '../rpc/dispatch';
import { manager, reader, session } from '../rpc/policy';
import type { FiscalService } from './service';

type FiscalChannels =
  | 'fiscal/issue-document'
  | 'fiscal/issue-receipt'
  | 'fiscal/get-document'
  | 'fiscal/list-documents'
  | 'fiscal/cancel-document'
  | 'fiscal/list-series'
  | 'fiscal/set-series-code';

/**
 * fiscal/issue-document and fiscal/issue-receipt take a free-form draft: any line, any price, an NC/ND against
 * any document. The till never uses them — the checkout (sales/*) issues from the persisted sale, prices from
 * the catalogue, and asks a manager for price overrides, discounts above the limit, returns (NC) and
 * cancellations. So the raw channels are the back office's manual-document tool: manager-only (a caixa gets
 * FORBIDDEN whatever the draft, even with a manager's PIN) and audited on top of the document's own trail.
 */
export function fiscalHandlers(fiscal: FiscalService): DomainHandlers<FiscalChannels> {
  const opId = (op: { id: number } | null): number => {
    if (!op) throw new PosError('UNAUTHENTICATED', 'Entre com o seu PIN para continuar.');
    return op.id;
  };
  return {
    'fiscal/issue-document': manager(
      (draft, h) => fiscal.issue(draft, opId(h.operator)),
      'fiscal.issue-document-direct',
    ),
    'fiscal/issue-receipt': manager(
      (draft, h) => fiscal.issueReceipt(draft, opId(h.operator)),
      'fiscal.issue-receipt-direct',
    ),
    'fiscal/get-document': session((q) => fiscal.get('id' in q ? q.id : q.docNo)),
    'fiscal/list-documents': session((q) => fiscal.list(q)),
    'fiscal/cancel-document': manager(({ id, reason }, h) => fiscal.cancel(id, reason, opId(h.operator))),
    'fiscal/list-series': reader(() => fiscal.series.list()),
    'fiscal/set-series-code': manager(
      ({ id, validationCode }) => fiscal.series.setValidationCode(id, validationCode),
      'fiscal.series-code-set',
    ),
  };
}
