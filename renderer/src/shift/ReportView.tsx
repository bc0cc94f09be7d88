import type { ShiftReport } from '../../../shared/api/sales';
import { t } from '../../../shared/i18n';
import { formatEuro } from '../../../shared/money';
import { formatDateTime } from '../app/use-now';
import { VatTable } from '../app/VatTable';

/** X (running) or Z (closing) shift report, as printed and saved by the core. */
export function ReportView({ report }: { report: ShiftReport }) {
  const c = report.cash;
  const cashRows: [string, string | null][] = [
    [t('report.openingFloat'), c.openingFloat],
    [t('report.cashSales'), c.cashSales],
    [t('report.cashRefunds'), c.cashRefunds],
    [t('report.payIns'), c.payIns],
    [t('report.payOuts'), c.payOuts],
    [t('report.expected'), c.expected],
    [t('report.drawerExpected'), c.drawer.expected],
    [t('report.counted'), c.drawer.counted],
    [t('report.difference'), c.drawer.difference],
    [t('report.machineExpected'), c.machine?.expected ?? null],
    [t('report.machine'), c.machine?.counted ?? null],
    [t('report.machineDifference'), c.machine?.difference ?? null],
  ];
  return (
    <article className="report" data-testid={`report-${report.kind}`}>
      <header className="report-head">
        <h3>
          {report.kind === 'Z' ? t('report.z', { n: report.zNumber ?? '—' }) : t('report.x')}
          {report.training && <span className="tag tag--training">{t('app.training')}</span>}
        </h3>
        <p className="muted small">
          {report.operator.name} · {t('status.terminal', { id: report.terminalId })} ·{' '}
          {formatDateTime(report.openedAt)}
          {report.closedAt ? ` – ${formatDateTime(report.closedAt)}` : ''}
        </p>
      </header>
      <div className="report-totals">
        <div>
          <span>{t('report.sales')}</span>
          <strong data-testid="report-sales">{formatEuro(report.totals.salesGross)}</strong>
        </div>
        <div>
          <span>{t('report.returns')}</span>
          <strong data-testid="report-returns">{formatEuro(report.totals.returnsGross)}</strong>
        </div>
        <div>
          <span>{t('report.net')}</span>
          <strong data-testid="report-net">{formatEuro(report.totals.netGross)}</strong>
        </div>
      </div>
      <div className="report-grid">
        <section>
          <h4>{t('report.documents', { n: report.documents.count })}</h4>
          <table className="table table--compact" data-testid="report-doc-types">
            <tbody>
              {report.documents.byType.map((d) => (
                <tr key={d.type}>
                  <td>
                    <span className="doc-chip">{d.type}</span> × {d.count}
                  </td>
                  <td className="num">{formatEuro(d.gross)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {report.documents.first && (
            <p className="muted small">
              {report.documents.first} … {report.documents.last}
            </p>
          )}
          {report.cancelled.count > 0 && (
            <p className="muted small">
              {t('report.cancelled', {
                n: report.cancelled.count,
                amount: formatEuro(report.cancelled.gross),
              })}
            </p>
          )}
        </section>
        <section>
          <h4>{t('report.byMethod')}</h4>
          <table className="table table--compact" data-testid="report-methods">
            <tbody>
              {report.byMethod.map((m) => (
                <tr key={m.method}>
                  <td>
                    {m.name} × {m.count}
                  </td>
                  <td className="num">{formatEuro(m.amount)}</td>
                </tr>
              ))}
              {report.returns.byMethod.map((m) => (
                <tr key={`r-${m.method}`}>
                  <td>{t('report.refundBy', { name: m.name })}</td>
                  <td className="num">−{formatEuro(m.amount)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        <section>
          <h4>{t('report.vat')}</h4>
          {/* Net of credit notes in every column, so that base + VAT = total on each row and down each column. */}
          <VatTable
            rows={report.vat.map((v) => ({ ...v, base: v.netBase, tax: v.netTax, gross: v.netGross }))}
            total={{
              base: report.vatTotals.netBase,
              tax: report.vatTotals.netTax,
              gross: report.vatTotals.netGross,
            }}
            testId="report-vat"
          />
        </section>
        <section>
          <h4>{t('report.cash')}</h4>
          <table className="table table--compact" data-testid="report-cash">
            <tbody>
              {cashRows
                .filter(([, v]) => v !== null)
                .map(([k, v]) => (
                  <tr key={k}>
                    <td>{k}</td>
                    <td className="num">{formatEuro(v ?? '0')}</td>
                  </tr>
                ))}
            </tbody>
          </table>
        </section>
      </div>
    </article>
  );
}
