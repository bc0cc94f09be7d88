import { useEffect, useState } from 'react';
import type { ShiftView } from '../../../shared/api/sales';
import { t } from '../../../shared/i18n';
import { formatEuro } from '../../../shared/money';
import { useClient } from '../app/context';
import { formatDateTime } from '../app/use-now';

/** This terminal's last shifts; choosing one opens its saved Z (or the X of the open one). */
export function ShiftHistory({ onOpen }: { onOpen: (shift: ShiftView) => void }) {
  const client = useClient();
  const [list, setList] = useState<ShiftView[] | null>(null);
  useEffect(() => {
    let alive = true;
    void client.tryCall('shifts/list', { limit: 50 }).then((env) => {
      if (alive) setList(env.ok ? env.value : []);
    });
    return () => {
      alive = false;
    };
  }, [client]);

  return (
    <section className="card" data-testid="shift-history">
      <h3 className="card-title">{t('history.shifts')}</h3>
      {list === null && <p className="muted">{t('app.loading')}</p>}
      {list?.length === 0 && <p className="muted">{t('history.noShifts')}</p>}
      {list && list.length > 0 && (
        <table className="table table--rows">
          <thead>
            <tr>
              <th>{t('history.z')}</th>
              <th>{t('shift.operator')}</th>
              <th>{t('history.opened')}</th>
              <th>{t('history.closed')}</th>
              <th className="num">{t('shift.float')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {list.map((s) => (
              <tr key={s.id} onClick={() => onOpen(s)} data-testid="shift-row">
                <td>
                  {s.zNumber !== null ? (
                    <strong>Z {s.zNumber}</strong>
                  ) : (
                    <span className="tag tag--open">{t('history.open')}</span>
                  )}
                </td>
                <td>{s.operator.name}</td>
                <td>{formatDateTime(s.openedAt)}</td>
                <td>{s.closedAt ? formatDateTime(s.closedAt) : '—'}</td>
                <td className="num">{formatEuro(s.openingFloat)}</td>
                <td className="num">
                  <button type="button" className="btn btn--small">
                    {s.status === 'closed' ? t('history.viewZ') : t('history.viewX')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
