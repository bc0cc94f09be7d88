import { useEffect, useState } from 'react';
import type { ShiftReport, ShiftView } from '../../../shared/api/sales';
import { t } from '../../../shared/i18n';
import { dec, formatEuro } from '../../../shared/money';
import { ApprovalCancelled, callWithApproval } from '../app/approval';
import { useClient } from '../app/context';
import { MoneyEntry, parseMoney } from '../app/MoneyEntry';
import { pushToast } from '../app/toasts';
import { navigate } from '../app/use-hash-route';
import { formatDateTime } from '../app/use-now';
import { ReportView } from './ReportView';

type Mode = { kind: 'idle' } | { kind: 'closing' } | { kind: 'report'; report: ShiftReport };

/** The operator's shift: X report at any time, close with a blind count (Z), drawer opening. */
export function ShiftScreen() {
  const client = useClient();
  const [shift, setShift] = useState<ShiftView | null | undefined>(undefined);
  const [mode, setMode] = useState<Mode>({ kind: 'idle' });
  const [counted, setCounted] = useState('');
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let alive = true;
    void client.tryCall('shifts/current', {}).then((env) => {
      if (alive) setShift(env.ok ? env.value : null);
    });
    return () => {
      alive = false;
    };
  }, [client]);

  const reportX = async (): Promise<void> => {
    try {
      setMode({ kind: 'report', report: await client.call('shifts/report-x', {}) });
    } catch {
      // shown by the client
    }
  };
  const close = async (): Promise<void> => {
    const value = parseMoney(counted || '0');
    if (!value || busy) return;
    setBusy(true);
    try {
      const r = await client.call('shifts/close', { countedCash: value, print: true });
      setShift(null);
      setMode({ kind: 'report', report: r.report });
      pushToast('success', r.printQueued ? t('shift.closedPrinted') : t('shift.closed'));
    } catch {
      // shown by the client
    } finally {
      setBusy(false);
    }
  };
  const openDrawer = async (): Promise<void> => {
    try {
      await callWithApproval(client, 'shifts/open-drawer', { reason: t('shift.drawerReason') });
      pushToast('info', t('shift.drawerOpened'));
    } catch (e) {
      if (!(e instanceof ApprovalCancelled)) return;
    }
  };

  if (shift === undefined) return <div className="splash">{t('app.loading')}</div>;
  return (
    <div className="shift-screen">
      <aside className="shift-side">
        <h2>{t('shift.title')}</h2>
        {shift ? (
          <dl className="facts">
            <div>
              <dt>{t('shift.operator')}</dt>
              <dd>{shift.operator.name}</dd>
            </div>
            <div>
              <dt>{t('shift.openedAt')}</dt>
              <dd>{formatDateTime(shift.openedAt)}</dd>
            </div>
            <div>
              <dt>{t('shift.float')}</dt>
              <dd>
                {formatEuro(shift.openingFloat)}
                {dec(shift.machineFloat).gt(0) && (
                  <span className="tag">
                    {t('shift.inMachine', { amount: formatEuro(shift.machineFloat) })}
                  </span>
                )}
              </dd>
            </div>
          </dl>
        ) : (
          <p className="muted">{t('shift.none')}</p>
        )}
        <div className="shift-actions">
          {shift ? (
            <>
              <button type="button" className="btn btn--secondary btn--lg" onClick={() => void reportX()}>
                {t('shift.reportX')}
              </button>
              <button type="button" className="btn btn--ghost btn--lg" onClick={() => void openDrawer()}>
                {t('shift.openDrawer')}
              </button>
              <button
                type="button"
                className="btn btn--danger btn--lg"
                onClick={() => setMode({ kind: 'closing' })}
              >
                {t('shift.close')}
              </button>
            </>
          ) : (
            <button type="button" className="btn btn--primary btn--lg" onClick={() => navigate('/venda')}>
              {t('shift.openNew')}
            </button>
          )}
        </div>
      </aside>
      <section className="shift-main">
        {mode.kind === 'closing' && shift && (
          <div className="shift-close" data-no-wedge>
            <h3>{t('shift.closeTitle')}</h3>
            <p className="muted">{t('shift.blindHint')}</p>
            <MoneyEntry
              label={t('shift.counted')}
              value={counted}
              onChange={setCounted}
              onEnter={() => void close()}
              testId="counted"
            />
            <div className="dialog-actions">
              <button
                type="button"
                className="btn btn--ghost btn--lg"
                onClick={() => setMode({ kind: 'idle' })}
              >
                {t('common.cancel')}
              </button>
              <button
                type="button"
                className="btn btn--danger btn--lg"
                disabled={busy}
                onClick={() => void close()}
              >
                {t('shift.closeConfirm')}
              </button>
            </div>
          </div>
        )}
        {mode.kind === 'report' && <ReportView report={mode.report} />}
        {mode.kind === 'idle' && <p className="muted shift-placeholder">{t('shift.placeholder')}</p>}
      </section>
    </div>
  );
}
