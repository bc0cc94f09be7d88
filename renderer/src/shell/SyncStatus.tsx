import { useEffect, useState } from 'react';
import type { SyncPartnerStatus } from '../../../shared/api/sync';
import { t } from '../../../shared/i18n';
import { useClient } from '../app/context';

const DOT: Record<SyncPartnerStatus['state'], string> = {
  online: 'ok',
  pending: 'busy',
  offline: 'off',
  error: 'bad',
};

/** Sync partners in the status bar, like the devices: ligado / sem rede / N por enviar / erro. */
export function SyncStatus() {
  const client = useClient();
  const [partners, setPartners] = useState<SyncPartnerStatus[]>([]);
  useEffect(() => {
    let alive = true;
    const refresh = async (): Promise<void> => {
      const env = await client.tryCall('sync/status', {});
      if (alive && env.ok) setPartners(env.value);
    };
    const off = client.on('sync/status-changed', (list) => setPartners(list));
    const offConn = client.onConnection((c) => {
      if (c) void refresh();
    });
    void refresh();
    return () => {
      alive = false;
      off();
      offConn();
    };
  }, [client]);
  if (partners.length === 0) return null;
  return (
    <ul className="status-devices" aria-label={t('status.sync')} data-testid="sync">
      {partners.map((p) => (
        <li
          key={p.partner}
          className={`status-chip status-chip--${DOT[p.state]}`}
          title={[p.name, p.label, p.lastError].filter(Boolean).join(' — ')}
          data-sync={p.partner}
        >
          <span className="status-dot" aria-hidden="true" />
          <span className="status-chip-name">{p.name}</span>
          <span className="status-chip-state">{p.label}</span>
        </li>
      ))}
    </ul>
  );
}
