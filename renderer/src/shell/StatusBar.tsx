import { useEffect, useState } from 'react';
import type { DeviceStatus } from '../../../shared/api/devices';
import { t } from '../../../shared/i18n';
import { useClient, useSystemInfo } from '../app/context';
import { formatTime, useNow } from '../app/use-now';
import { SyncStatus } from './SyncStatus';

/** Device list kept live: the initial list, then every `devices/status-changed` event. */
export function useDevices(): { devices: DeviceStatus[]; connected: boolean } {
  const client = useClient();
  const [devices, setDevices] = useState<DeviceStatus[]>([]);
  const [connected, setConnected] = useState(false);

  useEffect(() => {
    let alive = true;
    const refresh = async (): Promise<void> => {
      const env = await client.tryCall('devices/list', {});
      if (alive && env.ok) setDevices(env.value);
    };
    const offEvent = client.on('devices/status-changed', (d) =>
      setDevices((list) => {
        const i = list.findIndex((x) => x.id === d.id);
        return i < 0 ? [...list, d] : list.map((x, j) => (j === i ? d : x));
      }),
    );
    // After a reconnect the events we missed are gone: reload the whole list.
    const offConn = client.onConnection((c) => {
      setConnected(c);
      if (c) void refresh();
    });
    void refresh();
    return () => {
      alive = false;
      offEvent();
      offConn();
    };
  }, [client]);
  return { devices, connected };
}

const DOT: Record<DeviceStatus['state'], string> = {
  // Never reached yet (a new printer): not green before it answered (issue 15 item 6).
  untested: 'busy',
  ready: 'ok',
  busy: 'busy',
  connecting: 'busy',
  disconnected: 'off',
  error: 'bad',
};

export function DeviceChip({ device }: { device: DeviceStatus }) {
  const title = [device.name, t(`device.state.${device.state}`), device.message].filter(Boolean).join(' — ');
  return (
    <li className={`status-chip status-chip--${DOT[device.state]}`} title={title} data-device={device.id}>
      <span className="status-dot" aria-hidden="true" />
      <span className="status-chip-name">{device.name}</span>
      <span className="status-chip-state">{t(`device.state.${device.state}`)}</span>
    </li>
  );
}

export function StatusBar() {
  const { devices, connected } = useDevices();
  const info = useSystemInfo();
  const now = useNow();
  return (
    <footer className="status-bar" aria-label={t('status.label')}>
      <div
        className={`status-chip status-chip--${connected ? 'ok' : 'bad'}`}
        data-testid="connection"
        data-connected={connected}
      >
        <span className="status-dot" aria-hidden="true" />
        <span className="status-chip-name">{t('status.connection')}</span>
        <span className="status-chip-state">{connected ? t('status.online') : t('status.offline')}</span>
      </div>
      <ul className="status-devices" aria-label={t('status.devices')} data-testid="devices">
        {devices.length === 0 ? (
          <li className="status-empty">{t('status.noDevices')}</li>
        ) : (
          devices.map((d) => <DeviceChip key={d.id} device={d} />)
        )}
      </ul>
      <SyncStatus />
      <div className="status-meta">
        {info && <span>{t('status.terminal', { id: info.terminalId })}</span>}
        {info && <span>v{info.version}</span>}
        <span className="status-clock">{formatTime(now)}</span>
      </div>
    </footer>
  );
}
