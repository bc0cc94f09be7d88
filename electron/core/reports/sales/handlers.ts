import type { DomainHandlers } from '../../rpc/dispatch';
import { manager } from '../../rpc/policy';
import type { SalesReports } from './service';

/** `reports/sales*` (contract: shared/api/sales-reports.ts): the manager's, as every report. */
export function salesReportHandlers(
  reports: SalesReports,
): DomainHandlers<'reports/sales' | 'reports/sales-pdf'> {
  return {
    'reports/sales': manager((i) => reports.report(i)),
    'reports/sales-pdf': manager((i) => reports.pdf(i)),
  };
}
