import type { OperatorSummary } from '../../../shared/api/auth';
import { t } from '../../../shared/i18n';

export const initials = (name: string): string =>
  name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w[0]?.toUpperCase() ?? '')
    .join('');

interface Props {
  operators: readonly OperatorSummary[];
  onChoose: (op: OperatorSummary) => void;
}

export function OperatorTiles({ operators, onChoose }: Props) {
  return (
    <ul className="operator-tiles" aria-label={t('login.chooseOperator')}>
      {operators.map((op) => (
        <li key={op.id}>
          <button type="button" className="operator-tile" onClick={() => onChoose(op)}>
            <span className={`avatar avatar--${op.role}`} aria-hidden="true">
              {initials(op.name)}
            </span>
            <span className="operator-tile-name">{op.name}</span>
            <span className={`role-chip role-chip--${op.role}`}>{t(`role.${op.role}`)}</span>
          </button>
        </li>
      ))}
    </ul>
  );
}
