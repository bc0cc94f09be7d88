import { useCallback, useEffect, useState } from 'react';
import type { JournalEntry } from '../../../shared/api/cash';
import { t } from '../../../shared/i18n';
import { formatEuro } from '../../../shared/money';
import { useClient } from '../app/context';
import { formatDateTime } from '../app/use-now';
import { kindLabel, piecesText, referenceLabel, statusLabel } from './labels';

/** The cash journal (cash/journal): every money-moving call with its intent, outcome and pieces. */
export function JournalTable() {
  const client = useClient();
  const [rows, setRows] = useState<JournalEntry[] | null>(null);
  const load = useCallback(async () => {
    const env = await client.tryCall('cash/journal', { limit: 200 });
    setRows(env.ok ? env.value : []);
  }, [client]);
  useEffect(() => {
    let alive = true;
    void client.tryCall('cash/journal', { limit: 200 }).then((env) => {
      if (alive) setRows(env.ok ? env.value : []);
    });
    return () => {
      alive = false;
    };
  }, [client]);

  return (
    <div className="card card--fill">
      <header className="card-head">
        <h3 className="card-title">{t('cashj.title')}</h3>
        <span className="muted">{t('cashj.hint')}</span>
        <button type="button" className="btn btn--small card-head-end" onClick={() => void load()}>
          {t('common.refresh')}
        </button>
      </header>
      <div className="table-wrap">
        <table className="table" data-testid="cash-journal">
          <thead>
            <tr>
              <th>n.º</th>
              <th>{t('cashj.when')}</th>
              <th>{t('cashj.kind')}</th>
              <th>{t('cashj.state')}</th>
              <th className="num">{t('cashj.requested')}</th>
              <th className="num">{t('cashj.received')}</th>
              <th className="num">{t('cashj.paidOut')}</th>
              <th>{t('cashj.detail')}</th>
            </tr>
          </thead>
          <tbody>
            {rows?.map((e) => (
              <tr key={e.id} className={e.needsReview ? 'row--warn' : undefined}>
                <td className="mono">{e.id}</td>
                <td className="nowrap">{formatDateTime(e.createdAt)}</td>
                <td>{kindLabel(e.kind)}</td>
                <td>
                  <span className={`jstate jstate--${e.status}`}>{statusLabel(e.status)}</span>
                  {e.needsReview && <span className="tag tag--warn">{t('cashj.toReview')}</span>}
                </td>
                <td className="num">{formatEuro(e.requested)}</td>
                <td className="num">{formatEuro(e.received)}</td>
                <td className="num">{formatEuro(e.paidOut)}</td>
                <td className="small jdetail">
                  {e.reference && <div>{referenceLabel(e.reference)}</div>}
                  {e.cashIn.length > 0 && (
                    <div className="muted">
                      {t('cashj.in')}: {piecesText(e.cashIn)}
                    </div>
                  )}
                  {e.cashOut.length > 0 && (
                    <div className="muted">
                      {t('cashj.out')}: {piecesText(e.cashOut)}
                    </div>
                  )}
                  {e.note && <div className="muted">{e.note}</div>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {rows?.length === 0 && <p className="muted table-note">{t('cashj.empty')}</p>}
      </div>
    </div>
  );
}
