import { t } from '../../../shared/i18n';
import { useSystemInfo } from '../app/context';
import { formatDateTime } from '../app/use-now';

export function CompanyPanel() {
  const info = useSystemInfo();
  if (!info) return <p className="muted">{t('app.loading')}</p>;
  const c = info.company;
  const rows: [string, string][] = [
    [t('company.name'), c.name],
    [t('company.nif'), c.nif],
    [t('company.address'), `${c.address}, ${c.postalCode} ${c.city}`],
    [t('company.country'), c.country],
    [
      t('company.certificate'),
      c.certificateNumber ? t('company.certificateValue', { n: c.certificateNumber }) : '—',
    ],
  ];
  const terminal: [string, string][] = [
    [t('terminal.id'), info.terminalId],
    [t('terminal.mode'), info.mode === 'training' ? t('terminal.training') : t('terminal.production')],
    [t('terminal.version'), info.version],
    [t('terminal.startedAt'), formatDateTime(info.startedAt)],
  ];
  return (
    <div className="bo-cards">
      <section className="card">
        <h3 className="card-title">{t('backoffice.company')}</h3>
        <dl className="facts">
          {rows.map(([k, v]) => (
            <div key={k}>
              <dt>{k}</dt>
              <dd>{v}</dd>
            </div>
          ))}
        </dl>
      </section>
      <section className="card">
        <h3 className="card-title">{t('backoffice.terminal')}</h3>
        <dl className="facts">
          {terminal.map(([k, v]) => (
            <div key={k}>
              <dt>{k}</dt>
              <dd>{v}</dd>
            </div>
          ))}
        </dl>
      </section>
    </div>
  );
}
