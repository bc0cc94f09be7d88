import type { DomainHandlers } from '../../rpc/dispatch';
import { manager, reader } from '../../rpc/policy';
import type { EodService } from './service';

/** Channel handlers for `reports/eod-*` (contract: shared/api/eod.ts). The manager's (gerente), as the back office. */
export function eodHandlers(
  eod: EodService,
): DomainHandlers<'reports/eod-run' | 'reports/eod-get' | 'reports/eod-list'> {
  return {
    'reports/eod-run': manager((i) => eod.runNow(i.day), 'reports.eod-run'),
    'reports/eod-get': reader((i) => eod.get(i.day, i.version)),
    'reports/eod-list': reader((i) => eod.list(i.days)),
  };
}
