import type { DocDecision, SaleDocType } from '../../../shared/api/sales';
import { t } from '../../../shared/i18n';

interface Props {
  decision: DocDecision;
  onChoose: (type: SaleDocType | null) => void;
  onCancel: () => void;
}

/** Which document the sale produces and why; forbidden choices stay visible with the rule that blocks them. */
export function DocTypeDialog({ decision, onChoose, onCancel }: Props) {
  return (
    <div className="dialog-backdrop" data-no-wedge>
      <div className="dialog dialog--wide" role="dialog" aria-modal="true" aria-label={t('doctype.title')}>
        <h2 className="dialog-title">{t('doctype.title')}</h2>
        <p className="notice notice--info" data-testid="doc-reason">
          <strong>
            {decision.type} · {t(`doctype.${decision.type}`)}
          </strong>
          <br />
          {decision.reason}
        </p>
        {decision.blockedReason && (
          <p className="notice notice--error" role="alert">
            {decision.blockedReason}
          </p>
        )}
        <ul className="choice-list">
          <li>
            <button
              type="button"
              className={`choice${decision.requested === null ? ' choice--active' : ''}`}
              onClick={() => onChoose(null)}
            >
              <span className="choice-title">{t('doctype.auto')}</span>
              <span className="choice-text">{t('doctype.autoHint')}</span>
            </button>
          </li>
          {decision.choices.map((c) => (
            <li key={c.type}>
              <button
                type="button"
                className={`choice${decision.requested === c.type ? ' choice--active' : ''}`}
                disabled={!c.allowed}
                onClick={() => onChoose(c.type)}
              >
                <span className="choice-title">
                  <span className="doc-chip">{c.type}</span> {t(`doctype.${c.type}`)}
                  {!c.allowed && <span className="tag tag--void">{t('doctype.notAllowed')}</span>}
                </span>
                <span className="choice-text">{c.reason}</span>
              </button>
            </li>
          ))}
        </ul>
        <div className="dialog-actions dialog-actions--1">
          <button type="button" className="btn btn--ghost btn--lg" onClick={onCancel}>
            {t('common.close')}
          </button>
        </div>
      </div>
    </div>
  );
}
