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
import { CashMovementPanel } from './CashMovementPanel';
import { ReportView } from './ReportView';
import { ShiftHistory } from './ShiftHistory';

type Mode =
  | { kind: 'idle' }
  | { kind: 'closing' }
  | { kind: 'report'; report: ShiftReport; back?: 'history' }
  | { kind: 'movement'; movement: 'payin' | 'payout' }
  | { kind: 'history' };

/** The operator's shift: X report, pay-in/pay-out, drawer opening, close with a blind count (Z), past shifts. */
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
  const openReport = async (s: ShiftView): Promise<void> => {
    try {
      const report = await client.call('shifts/get-report', { shiftId: s.id });
      setMode({ kind: 'report', report, back: 'history' });
    } catch {
      // shown by the client
    }
  };
  const printReport = async (report: ShiftReport): Promise<void> => {
    try {
      const r = await client.call(
        'shifts/print-report',
        report.kind === 'Z' ? { shiftId: report.shiftId } : {},
      );
      if (r.printQueued) pushToast('success', t('history.printQueued'));
      else pushToast('warning', r.printMessage ?? t('history.notPrinted'));
    } catch {
      // shown by the client
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
              <div className="shift-actions-pair">
                <button
                  type="button"
                  className="btn btn--ghost btn--lg"
                  onClick={() => setMode({ kind: 'movement', movement: 'payin' })}
                >
                  {t('movement.payin.button')}
                </button>
                <button
                  type="button"
                  className="btn btn--ghost btn--lg"
                  onClick={() => setMode({ kind: 'movement', movement: 'payout' })}
                >
                  {t('movement.payout.button')}
                </button>
              </div>
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
          <button
            type="button"
            className="btn btn--ghost btn--lg shift-history-btn"
            onClick={() => setMode({ kind: 'history' })}
          >
            {t('history.shiftsButton')}
          </button>
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
        {mode.kind === 'movement' && shift && (
          <CashMovementPanel
            key={mode.movement}
            kind={mode.movement}
            onCancel={() => setMode({ kind: 'idle' })}
            onDone={(m) => {
              setMode({ kind: 'idle' });
              pushToast(
                'success',
                t(m.kind === 'payout' ? 'movement.payout.done' : 'movement.payin.done', {
                  amount: formatEuro(m.amount),
                }),
              );
            }}
          />
        )}
        {mode.kind === 'history' && <ShiftHistory onOpen={(s) => void openReport(s)} />}
        {mode.kind === 'report' && (
          <>
            <div className="report-toolbar">
              {mode.back === 'history' && (
                <button type="button" className="btn btn--ghost" onClick={() => setMode({ kind: 'history' })}>
                  ← {t('history.back')}
                </button>
              )}
              <button
                type="button"
                className="btn btn--secondary report-toolbar-print"
                onClick={() => void printReport(mode.report)}
                data-testid="report-print"
              >
                {mode.report.kind === 'Z' ? t('history.reprintZ') : t('history.printX')}
              </button>
            </div>
            <ReportView report={mode.report} />
          </>
        )}
        {mode.kind === 'idle' && <p className="muted shift-placeholder">{t('shift.placeholder')}</p>}
      </section>
    </div>
  );
}
