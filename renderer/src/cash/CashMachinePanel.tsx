import { useCallback, useEffect, useState } from 'react';
import type { CashStatus } from '../../../shared/api/cash';
import { machineStateLabel } from '../../../shared/cash/labels';
import { t } from '../../../shared/i18n';
import { useClient, useStore } from '../app/context';
import { InventoryPanel } from './InventoryPanel';
import { JournalTable } from './JournalTable';
import { ReviewList } from './ReviewList';
import { cashReviewStore, refreshCashReview } from './review-store';

type Tab = 'review' | 'inventory' | 'journal';

/** Gestão › Máquina de numerário (gerente): operations to review, contents and operations, journal. */
export function CashMachinePanel() {
  const client = useClient();
  const review = useStore(cashReviewStore).length;
  const [tab, setTab] = useState<Tab>(review > 0 ? 'review' : 'inventory');
  const [status, setStatus] = useState<CashStatus | null>(null);

  const loadStatus = useCallback(async () => {
    const env = await client.tryCall('cash/status', {});
    if (env.ok) setStatus(env.value);
  }, [client]);
  useEffect(() => {
    let alive = true;
    void client.tryCall('cash/status', {}).then((env) => {
      if (alive && env.ok) setStatus(env.value);
    });
    void refreshCashReview(client);
    const off = client.on('cash/error', () => void loadStatus());
    return () => {
      alive = false;
      off();
    };
  }, [client, loadStatus]);

  return (
    <div className="cash-panel">
      <header className="panel-head">
        <div>
          <h2>{t('backoffice.cash')}</h2>
          {status && (
            <p className="muted small" data-testid="cash-status">
              <span className={`phase phase--${status.phase}`}>{t(`cashinv.phase.${status.phase}`)}</span>
              {status.kind === 'simulator' && <span className="tag">{t('device.simulated')}</span>}
              {status.message ? ` · ${status.message}` : ''}
              {/* The machine's own state, in words; "livre" would only repeat "pronta". */}
              {status.machineCode >= 0 && !(status.phase === 'ready' && status.machineCode === 1)
                ? ` · ${t('glory.machineState', { state: machineStateLabel(status.machineCode) })}`
                : ''}
            </p>
          )}
        </div>
        <div className="segmented" role="tablist" aria-label={t('backoffice.cash')}>
          {(['review', 'inventory', 'journal'] as const).map((k) => (
            <button
              key={k}
              type="button"
              role="tab"
              aria-selected={tab === k}
              className={`segmented-item${tab === k ? ' segmented-item--active' : ''}`}
              onClick={() => setTab(k)}
              data-testid={`cash-tab-${k}`}
            >
              {t(`cashPanel.tab.${k}`)}
              {k === 'review' && review > 0 && <span className="badge badge--alert">{review}</span>}
            </button>
          ))}
        </div>
      </header>
      {tab === 'review' && <ReviewList />}
      {tab === 'inventory' && <InventoryPanel status={status} onChanged={() => void loadStatus()} />}
      {tab === 'journal' && <JournalTable />}
    </div>
  );
}
