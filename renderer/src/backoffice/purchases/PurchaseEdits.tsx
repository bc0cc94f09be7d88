import type { PurchaseEdit } from '../../../../shared/api/purchases';
import { t } from '../../../../shared/i18n';
import { formatEuro } from '../../../../shared/money';
import { formatDateTime } from '../../app/use-now';

function what(e: PurchaseEdit): string {
  return e.fields
    .map((f) => {
      if (f !== 'lines') return t(`purchasesUi.editField.${f}`);
      const parts = (['changed', 'added', 'removed'] as const)
        .filter((k) => e.lines[k] > 0)
        .map((k) => t(`purchasesUi.editLines.${k}`, { n: e.lines[k] }));
      return `${t('purchasesUi.editField.lines')} (${parts.join(', ')})`;
    })
    .join(', ');
}

/** Who corrected a typed purchase before it entered stock, when, and what (from the audit trail). */
export function PurchaseEdits({ edits }: { edits: readonly PurchaseEdit[] }) {
  if (!edits.length) return null;
  return (
    <ul className="muted" data-testid="purchase-edits">
      {edits.map((e, i) => (
        <li key={`${e.at}-${i}`} data-testid="purchase-edit-entry">
          {t('purchasesUi.editLine', {
            when: formatDateTime(e.at),
            who: e.operator ?? t('purchasesUi.unknownOperator'),
            what: what(e),
            before: formatEuro(e.grossBefore),
            after: formatEuro(e.grossAfter),
          })}
        </li>
      ))}
    </ul>
  );
}
