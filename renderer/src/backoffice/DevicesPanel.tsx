import { t } from '../../../shared/i18n';
import { formatDateTime } from '../app/use-now';
import { useDevices } from '../shell/StatusBar';

export function DevicesPanel() {
  const { devices } = useDevices();
  return (
    <section className="card">
      <h3 className="card-title">{t('backoffice.devices')}</h3>
      {devices.length === 0 ? (
        <p className="muted">{t('status.noDevices')}</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th>{t('device.name')}</th>
              <th>{t('device.kind')}</th>
              <th>{t('device.state')}</th>
              <th>{t('device.since')}</th>
              <th>{t('device.message')}</th>
            </tr>
          </thead>
          <tbody>
            {devices.map((d) => (
              <tr key={d.id} data-device={d.id}>
                <td>
                  {d.name}
                  {d.simulated && <span className="tag">{t('device.simulated')}</span>}
                </td>
                <td>{t(`device.kind.${d.kind}`)}</td>
                <td>
                  <span className={`state state--${d.state}`}>{t(`device.state.${d.state}`)}</span>
                </td>
                <td>{formatDateTime(d.since)}</td>
                <td>{d.message ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
