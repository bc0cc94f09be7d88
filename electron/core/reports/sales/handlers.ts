import type { DomainHandlers } from '../../rpc/dispatch';
import { reader } from '../../rpc/policy';
import type { SalesReports } from './service';

/** `reports/sales*` (contract: shared/api/sales-reports.ts): the gerente's and the contabilista's, as every report. */
export function salesReportHandlers(
  reports: SalesReports,
): DomainHandlers<'reports/sales' | 'reports/sales-pdf'> {
  return {
    'reports/sales': reader((i) => reports.report(i)),
    'reports/sales-pdf': reader((i) => reports.pdf(i)),
  };
}
