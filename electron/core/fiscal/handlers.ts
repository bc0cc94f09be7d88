import { PosError } from '../../../shared/errors';
import type { DomainHandlers } from '../rpc/dispatch';
import type { FiscalService } from './service';

type FiscalChannels =
  | 'fiscal/issue-document'
  | 'fiscal/issue-receipt'
  | 'fiscal/get-document'
  | 'fiscal/list-documents'
  | 'fiscal/cancel-document'
  | 'fiscal/list-series'
  | 'fiscal/set-series-code';

export function fiscalHandlers(fiscal: FiscalService): DomainHandlers<FiscalChannels> {
  const opId = (op: { id: number } | null): number => {
    if (!op) throw new PosError('UNAUTHENTICATED', 'Entre com o seu PIN para continuar.');
    return op.id;
  };
  return {
    'fiscal/issue-document': (draft, h) => fiscal.issue(draft, opId(h.operator)),
    'fiscal/issue-receipt': (draft, h) => fiscal.issueReceipt(draft, opId(h.operator)),
    'fiscal/get-document': (q) => fiscal.get('id' in q ? q.id : q.docNo),
    'fiscal/list-documents': (q) => fiscal.list(q),
    'fiscal/cancel-document': ({ id, reason }, h) => fiscal.cancel(id, reason, opId(h.operator)),
    'fiscal/list-series': () => fiscal.series.list(),
    'fiscal/set-series-code': ({ id, validationCode }) => fiscal.series.setValidationCode(id, validationCode),
  };
}
