import type { DomainHandlers } from '../rpc/dispatch';
import { manager, session } from '../rpc/policy';
import type { GuidesService } from './service';

type GuidesChannel = 'guides/issue' | 'guides/list' | 'guides/set-at-code' | 'guides/invoice-lines';

/** `guides/*` (contract: shared/api/guides.ts): issuing a guide and typing its AT code are the manager's. */
export function guidesHandlers(guides: GuidesService): DomainHandlers<GuidesChannel> {
  return {
    'guides/issue': manager((i, h) => guides.issue(i, h.operator?.id ?? null), 'guides.issue'),
    'guides/list': session((i) => guides.list(i)),
    'guides/invoice-lines': manager((i) => guides.invoiceLines(i.ids)),
    'guides/set-at-code': manager(
      (i, h) => guides.setAtCode(i.id, i.code, h.operator?.id ?? null),
      'guides.at-code-set',
    ),
  };
}
