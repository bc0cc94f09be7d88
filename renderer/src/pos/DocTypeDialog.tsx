import type { DocDecision, SaleDocType } from '../../../shared/api/sales';
import { t } from '../../../shared/i18n';
import { Dialog } from '../app/Dialog';
import { OrderReferenceField } from './OrderReferenceField';

interface Props {
  decision: DocDecision;
  onChoose: (type: SaleDocType | null) => void;
  onCancel: () => void;
  /** Issue 10: the customer's order number on this sale, and how to change it. */
  orderReference: string | null;
  onOrderReference: (value: string) => void;
}

/** Which document the sale produces and why; forbidden choices stay visible with the rule that blocks them. */
export function DocTypeDialog({ decision, onChoose, onCancel, orderReference, onOrderReference }: Props) {
  return (
    <Dialog
      title={t('doctype.title')}
      size="wide"
      columns={1}
      onClose={onCancel}
      actions={
        <button type="button" className="btn btn--ghost btn--lg" onClick={onCancel}>
          {t('common.close')}
        </button>
      }
    >
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
      <OrderReferenceField value={orderReference} onSave={onOrderReference} />
    </Dialog>
  );
}
