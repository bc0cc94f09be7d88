import { t } from '../../../shared/i18n';
import { formatEuro, formatQty } from '../../../shared/money';

export interface VatRow {
  region: string;
  code: string;
  pct: string;
  exemptionCode: string | null;
  /** Legal mention of an exemption, shown under the rate when given. */
  exemptionReason?: string | null;
  base: string;
  tax: string;
  gross: string;
}

/**
 * VAT summary by rate (base, VAT, total), as on documents and shift reports. `total` (the core's column sums)
 * adds a footer row; the screen never sums money itself.
 */
export function VatTable({
  rows,
  testId,
  total,
}: {
  rows: VatRow[];
  testId: string;
  total?: { base: string; tax: string; gross: string };
}) {
  return (
    <table className="table table--compact" data-testid={testId}>
      <thead>
        <tr>
          <th>{t('report.rate')}</th>
          <th className="num">{t('report.base')}</th>
          <th className="num">{t('report.tax')}</th>
          <th className="num">{t('report.gross')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((v) => (
          <tr key={`${v.region}${v.code}${v.exemptionCode ?? ''}`}>
            <td>
              {formatQty(v.pct)} %{v.exemptionCode ? ` (${v.exemptionCode})` : ''}
              {v.exemptionReason && <div className="muted small">{v.exemptionReason}</div>}
            </td>
            <td className="num">{formatEuro(v.base)}</td>
            <td className="num">{formatEuro(v.tax)}</td>
            <td className="num">{formatEuro(v.gross)}</td>
          </tr>
        ))}
      </tbody>
      {total && (
        <tfoot>
          <tr data-testid={`${testId}-total`}>
            <th>{t('report.gross')}</th>
            <th className="num">{formatEuro(total.base)}</th>
            <th className="num">{formatEuro(total.tax)}</th>
            <th className="num">{formatEuro(total.gross)}</th>
          </tr>
        </tfoot>
      )}
    </table>
  );
}
