import type { SalesReport, SalesReportInput } from '../../../../shared/api/sales-reports';
import type { CoreContext } from '../../context';
import type { Db } from '../../db/open';
import { openReadOnly } from '../../fiscal/open-readonly';
import { renderSalesPdf } from './pdf';
import { salesReport } from './report';

/**
 * Sales reports (Gestão › Relatórios › Vendas). Each report reads through its own READ-ONLY connection to the
 * data folder's database, as the end-of-day run does: a report never writes, and never holds the till's one.
 */
export function createSalesReports(ctx: Pick<CoreContext, 'dataDir' | 'terminalId'>) {
  const withRo = <T>(fn: (ro: Db) => T): T => {
    const ro = openReadOnly(ctx.dataDir);
    try {
      return fn(ro);
    } finally {
      ro.close();
    }
  };
  const report = (i: SalesReportInput): SalesReport => withRo((ro) => salesReport(ro, i, ctx.terminalId));
  return {
    report,
    async pdf(i: SalesReportInput): Promise<{ filename: string; base64: string }> {
      const r = report(i);
      const buf = await renderSalesPdf(r);
      return { filename: `vendas-${r.by}-${r.from}-a-${r.to}.pdf`, base64: buf.toString('base64') };
    },
  };
}
export type SalesReports = ReturnType<typeof createSalesReports>;
