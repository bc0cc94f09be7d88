import { useState } from 'react';
import type { Role } from '../../../shared/api/auth';
import { t } from '../../../shared/i18n';
import { useSystemInfo } from '../app/context';
import { formatDateTime } from '../app/use-now';
import { BackupsCard } from './company/BackupsCard';
import { CompanyForm } from './company/CompanyForm';
import { ProductionDialog } from './company/ProductionDialog';
import { SeriesCard } from './company/SeriesCard';

/**
 * Gestão › Empresa e configuração (issue 12 item 7): company data, receipt texts and logo, series and AT codes,
 * the production switch and backups. A caixa sees the terminal card only (the core refuses the rest to them).
 */
export function CompanyPanel({ role }: { role: Role }) {
  const info = useSystemInfo();
  const [production, setProduction] = useState(false);
  if (!info) return <p className="muted">{t('app.loading')}</p>;
  const manager = role === 'gerente';
  const reads = role === 'gerente' || role === 'contabilista';
  const c = info.company;
  // Read-only summary from system/info (as loaded at start); the editable record is the gerente's and contabilista's.
  const facts: [string, string][] = [
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
      {/* The summary everyone sees (what the header of the documents says, from system/info), then the record. */}
      <section className="card">
        <h3 className="card-title">{t('backoffice.company')}</h3>
        <dl className="facts">
          {facts.map(([k, v]) => (
            <div key={k}>
              <dt>{k}</dt>
              <dd>{v}</dd>
            </div>
          ))}
        </dl>
      </section>
      {reads && <CompanyForm manager={manager} />}
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
        {reads && info.mode === 'training' && (
          <button
            type="button"
            className="btn btn--small"
            onClick={() => setProduction(true)}
            data-testid="production-open"
          >
            {t('production.open')}
          </button>
        )}
      </section>
      {reads && <SeriesCard manager={manager} />}
      {reads && <BackupsCard manager={manager} />}
      {production && <ProductionDialog manager={manager} onClose={() => setProduction(false)} />}
    </div>
  );
}
