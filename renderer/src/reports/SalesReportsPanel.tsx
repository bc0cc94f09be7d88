import { useEffect, useMemo, useState } from 'react';
import type { SalesDimension, SalesReport, SalesRow } from '../../../shared/api/sales-reports';
import { eurosLabel } from '../../../shared/charts/geometry';
import { salesChart } from '../../../shared/charts/sales';
import { t } from '../../../shared/i18n';
import { salesColumns } from '../../../shared/reports/sales-columns';
import { useClient } from '../app/context';
import { DataTable, FilterBar, FilterDate, FilterSelect, type Column } from '../app/kit';
import { ChartSvg } from './ChartSvg';

const DIMENSIONS: ReadonlyArray<{ value: SalesDimension; label: string }> = [
  { value: 'period', label: t('sales.by.period') },
  { value: 'article', label: t('sales.by.article') },
  { value: 'family', label: t('sales.by.family') },
  { value: 'operator', label: t('sales.by.operator') },
  { value: 'terminal', label: t('sales.by.terminal') },
  { value: 'hour', label: t('sales.by.hour') },
  { value: 'vat', label: t('sales.by.vat') },
  { value: 'top', label: t('sales.by.top') },
];

const isoDay = (d: Date): string =>
  `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
const ptDay = (d: string): string => `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`;

function downloadBase64(name: string, base64: string): void {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: 'application/pdf' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/**
 * Gestão › Relatórios › Vendas: one report at a time (by period, article, family, operator, terminal, hour; VAT
 * summary; top articles) for a period, as a table on the shared kit (sort, filter, CSV of what is shown) with its
 * chart (the geometry the PDF draws) and the comparison with the period just before; PDF from the core.
 */
export function SalesReportsPanel() {
  const client = useClient();
  const now = new Date();
  const [by, setBy] = useState<SalesDimension>('family');
  const [from, setFrom] = useState(isoDay(new Date(now.getFullYear(), now.getMonth(), 1)));
  const [to, setTo] = useState(isoDay(now));
  const [report, setReport] = useState<SalesReport | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let alive = true;
    void client.tryCall('reports/sales', { by, from, to }).then((env) => {
      if (!alive) return;
      if (env.ok) {
        setReport(env.value);
        setError(null);
      } else setError(env.error.message);
    });
    return () => {
      alive = false;
    };
  }, [client, by, from, to]);

  const columns = useMemo<Column<SalesRow>[]>(
    () =>
      salesColumns(by).map((c) => ({
        id: c.key,
        header: c.header,
        align: c.align,
        cell: (r: SalesRow) => c.text(r),
        value: (r: SalesRow) => c.value(r),
        csv: (r: SalesRow) => c.text(r),
      })),
    [by],
  );
  const chart = useMemo(() => (report ? salesChart(report, { width: 720, height: 220 }) : null), [report]);

  const pdf = async () => {
    const env = await client.tryCall('reports/sales-pdf', { by, from, to });
    if (env.ok) downloadBase64(env.value.filename, env.value.base64);
    else setError(env.error.message);
  };

  const delta = report?.previous ? report.totals.grossCents - report.previous.totals.grossCents : null;
  return (
    <section className="sales-reports" data-testid="sales-reports">
      <FilterBar label={t('sales.title')}>
        <FilterSelect
          label={t('sales.report')}
          value={by}
          onChange={(v) => setBy(v as SalesDimension)}
          options={DIMENSIONS}
        />
        <FilterDate label={t('sales.from')} value={from} onChange={setFrom} />
        <FilterDate label={t('sales.to')} value={to} onChange={setTo} />
        <button type="button" className="btn" onClick={() => void pdf()} data-testid="sales-pdf">
          {t('sales.pdf')}
        </button>
      </FilterBar>
      {error ? (
        <p className="field-help field-help--error" role="alert">
          {error}
        </p>
      ) : null}
      {report ? (
        <>
          <h3 data-testid="sales-title">
            {report.title}: {ptDay(report.from)} – {ptDay(report.to)}
          </h3>
          {chart ? <ChartSvg chart={chart} /> : null}
          <p className="sales-totals" data-testid="sales-totals">
            {t('sales.total')}: {eurosLabel(report.totals.grossCents)} · {t('sales.tax')}:{' '}
            {eurosLabel(report.totals.taxCents)} · {report.totals.documents} {t('sales.documents')}
            {report.totals.marginCents !== null
              ? ` · ${t('sales.margin')}: ${eurosLabel(report.totals.marginCents)}`
              : ''}
            {report.previous && delta !== null
              ? ` · ${t('sales.previous', { from: ptDay(report.previous.from), to: ptDay(report.previous.to) })}: ${eurosLabel(report.previous.totals.grossCents)} (${delta >= 0 ? '+' : ''}${eurosLabel(delta)})`
              : ''}
          </p>
          <DataTable
            rows={report.rows}
            columns={columns}
            rowKey={(r) => r.key}
            filterable
            csvName={`vendas-${report.by}-${report.from}-a-${report.to}.csv`}
            emptyText={t('sales.empty')}
            testId="sales-table"
            rowTestId="sales-row"
          />
        </>
      ) : null}
    </section>
  );
}
