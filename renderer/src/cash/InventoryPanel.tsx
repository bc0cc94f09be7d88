import { useCallback, useEffect, useState } from 'react';
import type { z } from 'zod';
import type { CashStatus, InventoryView } from '../../../shared/api/cash';
import { t } from '../../../shared/i18n';
import { dec, formatEuro } from '../../../shared/money';
import { ConfirmDialog } from '../app/ConfirmDialog';
import { useClient, useSystemInfo } from '../app/context';
import { pushToast } from '../app/toasts';
import { CashSimulatorPanel } from '../pos/CashSimulatorPanel';
import { levelLabel } from './labels';

type Inventory = z.infer<typeof InventoryView>;
type Busy = null | 'replenish' | 'collect' | 'reset' | 'cover';

/**
 * What the CI-5 holds by denomination (cash/inventory) against what the journal expects, and the manager's
 * operations: replenish change through the entrance, collect (to the exit or the cassette), reset after an
 * error, exit cover (suspect notes). Every one of them is journaled by the cash service.
 */
export function InventoryPanel({ status, onChanged }: { status: CashStatus | null; onChanged: () => void }) {
  const client = useClient();
  const training = useSystemInfo()?.mode === 'training';
  const [inv, setInv] = useState<Inventory | null>(null);
  const [busy, setBusy] = useState<Busy>(null);
  const [replenishing, setReplenishing] = useState(false);
  const [inserted, setInserted] = useState('0.00');
  const [confirm, setConfirm] = useState<null | 'exit' | 'cassette'>(null);
  const machine = status !== null && status.kind !== 'none';

  const load = useCallback(async () => {
    const env = await client.tryCall('cash/inventory', {});
    if (env.ok) setInv(env.value);
  }, [client]);
  useEffect(() => {
    if (!machine) return;
    let alive = true;
    void client.tryCall('cash/inventory', {}).then((env) => {
      if (alive && env.ok) setInv(env.value);
    });
    const off = client.on('cash/amount-inserted', (e) => {
      if (e.operation === 'replenish') setInserted(e.inserted);
    });
    return () => {
      alive = false;
      off();
    };
  }, [client, machine]);

  const act = async (kind: Busy, fn: () => Promise<string | null>): Promise<void> => {
    setBusy(kind);
    try {
      const message = await fn();
      if (message) pushToast('success', message);
    } catch {
      // shown by the client
    } finally {
      setBusy(null);
      void load();
      onChanged();
    }
  };
  const startReplenish = (): Promise<void> =>
    act('replenish', async () => {
      await client.call('cash/replenish-start', {});
      setInserted('0.00');
      setReplenishing(true);
      return null;
    });
  const endReplenish = (cancel: boolean): Promise<void> =>
    act('replenish', async () => {
      const r = await client.call('cash/replenish-end', { cancel });
      setReplenishing(false);
      return r.message;
    });
  const collect = (to: 'exit' | 'cassette'): Promise<void> =>
    act('collect', async () => (await client.call('cash/collect', { to, pieces: [] })).message);
  const reset = (): Promise<void> =>
    act('reset', async () => (await client.call('cash/reset', {})).message ?? t('cashinv.resetDone'));
  const cover = (open: boolean): Promise<void> =>
    act('cover', async () => {
      await client.call('cash/exit-cover', { open });
      return t(open ? 'cashinv.coverOpened' : 'cashinv.coverClosed');
    });

  if (!machine)
    return <p className="notice notice--info">{status ? t('cashinv.noMachine') : t('app.loading')}</p>;
  const notes = inv?.pieces.filter((p) => p.kind === 'note') ?? [];
  const coins = inv?.pieces.filter((p) => p.kind === 'coin') ?? [];
  return (
    <div className="inventory">
      <section className="card">
        <header className="card-head">
          <h3 className="card-title">{t('cashinv.title')}</h3>
          {inv && (
            <span className={`tag ${inv.agrees ? 'tag--open' : 'tag--void'}`} data-testid="inventory-agrees">
              {inv.agrees ? t('sim.agrees') : t('sim.differs', { expected: formatEuro(inv.expectedTotal) })}
            </span>
          )}
          <strong className="inventory-total card-head-end" data-testid="inventory-total">
            {formatEuro(inv?.total ?? '0')}
          </strong>
        </header>
        <div className="inventory-grid">
          {[
            { title: t('sim.notes'), list: notes },
            { title: t('sim.coins'), list: coins },
          ].map((g) => (
            <table key={g.title} className="table table--compact" data-testid="inventory-table">
              <thead>
                <tr>
                  <th>{g.title}</th>
                  <th className="num">{t('cashinv.countShort')}</th>
                  <th className="num">{t('cashinv.amount')}</th>
                  <th>{t('cashinv.level')}</th>
                </tr>
              </thead>
              <tbody>
                {g.list.map((p) => (
                  <tr key={`${p.kind}${p.value}`}>
                    <td>
                      <span className={`denom denom--${p.kind}`}>{formatEuro(p.value)}</span>
                    </td>
                    <td className="num">{p.count}</td>
                    <td className="num">{formatEuro(dec(p.value).times(p.count))}</td>
                    <td>
                      <span className={`level level--${p.level}`}>{levelLabel(p.level)}</span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ))}
        </div>
      </section>
      <section className="card inventory-actions">
        <h3 className="card-title">{t('cashinv.actions')}</h3>
        {replenishing ? (
          <div className="replenish" data-testid="replenish">
            <p className="muted">{t('cashinv.replenishHint')}</p>
            <div className="after-sale-change">
              <span>{t('pay.inserted')}</span>
              <strong data-testid="replenish-inserted">{formatEuro(inserted)}</strong>
            </div>
            {training && <CashSimulatorPanel compact />}
            <div className="dialog-actions">
              <button
                type="button"
                className="btn btn--ghost btn--lg"
                disabled={busy !== null}
                onClick={() => void endReplenish(true)}
              >
                {t('shift.depositCancel')}
              </button>
              <button
                type="button"
                className="btn btn--primary btn--lg"
                disabled={busy !== null}
                onClick={() => void endReplenish(false)}
              >
                {t('cashinv.replenishEnd')}
              </button>
            </div>
          </div>
        ) : (
          <div className="action-list">
            <ActionRow
              title={t('cashinv.replenish')}
              text={t('cashinv.replenishText')}
              label={t('cashinv.replenishStart')}
              disabled={busy !== null}
              onClick={() => void startReplenish()}
            />
            <ActionRow
              title={t('cashinv.collect')}
              text={t('cashinv.collectText')}
              label={t('cashinv.collectExit')}
              secondLabel={t('cashinv.collectCassette')}
              disabled={busy !== null}
              onClick={() => setConfirm('exit')}
              onSecond={() => setConfirm('cassette')}
            />
            <ActionRow
              title={t('cashinv.reset')}
              text={t('cashinv.resetText')}
              label={t('cashinv.resetButton')}
              disabled={busy !== null}
              onClick={() => void reset()}
            />
            <ActionRow
              title={t('cashinv.cover')}
              text={t('cashinv.coverText')}
              label={t('cashinv.coverOpen')}
              secondLabel={t('cashinv.coverClose')}
              disabled={busy !== null}
              onClick={() => void cover(true)}
              onSecond={() => void cover(false)}
            />
          </div>
        )}
        {busy && !replenishing && <p className="muted small">{t('cashinv.working')}</p>}
      </section>
      {confirm && (
        <ConfirmDialog
          title={t('cashinv.collect')}
          message={t(confirm === 'exit' ? 'cashinv.collectConfirmExit' : 'cashinv.collectConfirmCassette', {
            total: formatEuro(inv?.total ?? '0'),
          })}
          confirmLabel={t(confirm === 'exit' ? 'cashinv.collectExit' : 'cashinv.collectCassette')}
          onCancel={() => setConfirm(null)}
          onConfirm={() => {
            const to = confirm;
            setConfirm(null);
            void collect(to);
          }}
        />
      )}
    </div>
  );
}

interface ActionRowProps {
  title: string;
  text: string;
  label: string;
  secondLabel?: string;
  disabled: boolean;
  onClick: () => void;
  onSecond?: () => void;
}

function ActionRow({ title, text, label, secondLabel, disabled, onClick, onSecond }: ActionRowProps) {
  return (
    <div className="action-row">
      <div>
        <strong>{title}</strong>
        <p className="muted small">{text}</p>
      </div>
      <div className="action-row-buttons">
        <button type="button" className="btn btn--secondary" disabled={disabled} onClick={onClick}>
          {label}
        </button>
        {secondLabel && onSecond && (
          <button type="button" className="btn btn--ghost" disabled={disabled} onClick={onSecond}>
            {secondLabel}
          </button>
        )}
      </div>
    </div>
  );
}
