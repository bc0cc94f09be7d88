import type { Session } from '../../../shared/api/auth';
import { t } from '../../../shared/i18n';
import { useStore, useSystemInfo } from '../app/context';
import { cashReviewStore } from '../cash/review-store';
import { navigate } from '../app/use-hash-route';
import { initials } from '../login/OperatorTiles';

export type Area = 'venda' | 'devolucoes' | 'turno' | 'gestao';

interface Props {
  session: Session;
  area: Area;
  onLogout: () => void;
}

export function Header({ session, area, onLogout }: Props) {
  const info = useSystemInfo();
  const { operator } = session;
  const review = useStore(cashReviewStore).length;
  const all: { id: Area; label: string }[] = [
    { id: 'venda', label: t('nav.pos') },
    { id: 'devolucoes', label: t('nav.returns') },
    { id: 'turno', label: t('nav.shift') },
    { id: 'gestao', label: t('nav.backoffice') },
  ];
  // The contabilista sees only the back office (issue 12 item 6).
  const tabs = operator.role === 'contabilista' ? all.filter((a) => a.id === 'gestao') : all;
  return (
    <header className="app-header">
      <div className="app-header-brand">
        <span className="brand-mark" aria-hidden="true">
          B
        </span>
        <div>
          <div className="app-header-name">{t('app.name')}</div>
          <div className="app-header-company">{info?.company.name}</div>
        </div>
      </div>
      <nav className="app-nav" aria-label={t('nav.label')}>
        {tabs.map((tab) => (
          <button
            key={tab.id}
            type="button"
            className={`app-nav-tab${area === tab.id ? ' app-nav-tab--active' : ''}`}
            aria-current={area === tab.id ? 'page' : undefined}
            onClick={() => navigate(`/${tab.id}`)}
          >
            {tab.label}
            {tab.id === 'gestao' && review > 0 && (
              <span
                className="badge badge--alert"
                aria-hidden="true"
                title={t('cashReview.badge', { n: review })}
              >
                {review}
              </span>
            )}
          </button>
        ))}
      </nav>
      <div className="app-header-operator" data-testid="operator">
        <span className={`avatar avatar--${operator.role} avatar--small`} aria-hidden="true">
          {initials(operator.name)}
        </span>
        <div>
          <div className="app-header-opname" data-testid="operator-name">
            {operator.name}
          </div>
          <div className="app-header-role">{t(`role.${operator.role}`)}</div>
        </div>
        <button type="button" className="btn btn--header" onClick={onLogout}>
          {t('nav.logout')}
        </button>
      </div>
    </header>
  );
}

export function TrainingBanner() {
  const info = useSystemInfo();
  if (info?.mode !== 'training') return null;
  return (
    <div className="training-banner" role="note" data-testid="training-banner">
      <strong>{t('app.training')}</strong>
      <span>{t('app.trainingHint')}</span>
    </div>
  );
}
