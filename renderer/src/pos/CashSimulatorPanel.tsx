import { useCallback, useEffect, useState } from 'react';
import type { z } from 'zod';
import type { InventoryView } from '../../../shared/api/cash';
import { t } from '../../../shared/i18n';
import { formatEuro } from '../../../shared/money';
import { useClient, useStore } from '../app/context';
import { sessionStore } from '../app/session';
import { pushToast } from '../app/toasts';

const NOTES = ['5.00', '10.00', '20.00', '50.00', '100.00'];
const COINS = ['0.01', '0.02', '0.05', '0.10', '0.20', '0.50', '1.00', '2.00'];
const FAULTS = ['jam', 'door', 'power', 'network', 'heartbeat'] as const;

/**
 * Training mode only: plays the customer at the simulated Glory CI-5 (insert notes and coins, take the
 * change) and the technician (faults). Real machines never see these calls.
 */
export function CashSimulatorPanel({ compact = false }: { compact?: boolean }) {
  const client = useClient();
  const session = useStore(sessionStore);
  // Fault injection is the manager's (cash/sim-fault is a manager channel): a caixa only plays the customer.
  const faults = !compact && session.status === 'active' && session.session.operator.role === 'gerente';
  const [inventory, setInventory] = useState<z.infer<typeof InventoryView> | null>(null);

  const refresh = useCallback(async () => {
    const env = await client.tryCall('cash/inventory', {});
    if (env.ok) setInventory(env.value);
  }, [client]);

  useEffect(() => {
    if (compact) return;
    let alive = true;
    void client.tryCall('cash/inventory', {}).then((env) => {
      if (alive && env.ok) setInventory(env.value);
    });
    const offs = [
      client.on('cash/amount-inserted', () => void refresh()),
      client.on('cash/take-cash', () => void refresh()),
      client.on('sales/completed', () => void refresh()),
    ];
    return () => {
      alive = false;
      offs.forEach((off) => off());
    };
  }, [client, compact, refresh]);

  const insert = async (value: string): Promise<void> => {
    try {
      const r = await client.call('cash/sim-insert', { pieces: [{ value, count: 1 }] });
      if (r.rejected.length > 0) pushToast('warning', t('sim.rejected', { value: formatEuro(value) }));
    } catch {
      // shown by the client
    }
  };
  const act = (fn: () => Promise<unknown>): void => {
    void fn().then(
      () => (compact ? undefined : refresh()),
      () => undefined,
    );
  };

  return (
    <section className={`sim${compact ? ' sim--compact' : ''}`} aria-label={t('sim.title')} data-no-wedge>
      <header className="sim-head">
        <h3>{t('sim.title')}</h3>
        <span className="muted">{t('sim.hint')}</span>
      </header>
      <div className="sim-money">
        <div className="sim-group" aria-label={t('sim.notes')}>
          {NOTES.map((v) => (
            <button key={v} type="button" className="sim-note" onClick={() => void insert(v)}>
              {formatEuro(v).replace(',00', '')}
            </button>
          ))}
        </div>
        <div className="sim-group" aria-label={t('sim.coins')}>
          {COINS.map((v) => (
            <button key={v} type="button" className="sim-coin" onClick={() => void insert(v)}>
              {/* "0,50 €", not "50 c" (no such abbreviation in pt-PT) */}
              {Number(v) < 1 ? formatEuro(v) : formatEuro(v).replace(',00', '')}
            </button>
          ))}
        </div>
      </div>
      <div className="sim-actions">
        <button
          type="button"
          className="btn btn--secondary"
          onClick={() => act(() => client.call('cash/sim-take', {}))}
        >
          {t('sim.take')}
        </button>
        {faults &&
          FAULTS.map((f) => (
            <button
              key={f}
              type="button"
              className="btn btn--ghost"
              onClick={() => act(() => client.call('cash/sim-fault', { kind: f, unit: 'notes' }))}
            >
              {t(`sim.fault.${f}`)}
            </button>
          ))}
        {faults && (
          <button
            type="button"
            className="btn btn--ghost"
            onClick={() => act(() => client.call('cash/sim-clear', {}))}
          >
            {t('sim.clear')}
          </button>
        )}
      </div>
      {!compact && inventory && (
        <div className="sim-inventory">
          <h4>
            {t('sim.inventory')}: <strong data-testid="sim-total">{formatEuro(inventory.total)}</strong>
            <span className={`tag${inventory.agrees ? '' : ' tag--void'}`}>
              {inventory.agrees
                ? t('sim.agrees')
                : t('sim.differs', { expected: formatEuro(inventory.expectedTotal) })}
            </span>
          </h4>
          <ul className="sim-pieces">
            {inventory.pieces
              .filter((p) => p.count > 0)
              .map((p) => (
                <li key={`${p.kind}${p.value}`}>
                  <span>{formatEuro(p.value)}</span>
                  <strong>× {p.count}</strong>
                </li>
              ))}
          </ul>
        </div>
      )}
    </section>
  );
}
