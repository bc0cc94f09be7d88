import { useState } from 'react';
import type { Article } from '../../../../shared/api/catalog';
import { t } from '../../../../shared/i18n';
import { ArticlePicker } from '../ArticlePicker';

export interface LineDraft {
  article: { id: number; code: string; name: string };
  quantity: string;
  unitCost: string;
  discountPct: string;
  vatRate: string;
}

/** ASSUMPTION: the mainland rates as the default of a new line (the manager changes it for Madeira/Azores). */
const RATE: Record<Article['taxCode'], string> = { NOR: '23', INT: '13', RED: '6', ISE: '0' };

const FIGURES = ['quantity', 'unitCost', 'discountPct', 'vatRate'] as const;

/**
 * The lines of a purchase typed from the supplier's paper: the figures of each line, its article (changed with
 * "Trocar"), a line removed or added. The form owns the lines; this only edits them.
 */
export function PurchaseLinesEditor({
  lines,
  onChange,
}: {
  lines: readonly LineDraft[];
  onChange: (lines: LineDraft[]) => void;
}) {
  const [swapping, setSwapping] = useState<number | null>(null);
  const setLine = (i: number, patch: Partial<LineDraft>) =>
    onChange(lines.map((l, j) => (j === i ? { ...l, ...patch } : l)));
  const pick = (a: Article) => ({ id: a.id, code: a.code, name: a.name });
  return (
    <>
      <table className="table purchase-lines" data-testid="purchase-lines">
        <thead>
          <tr>
            <th>{t('purchasesUi.article')}</th>
            <th>{t('purchasesUi.quantity')}</th>
            <th>{t('purchasesUi.unitCost')}</th>
            <th>{t('purchasesUi.discount')}</th>
            <th>{t('purchasesUi.vatRate')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {lines.map((l, i) => (
            <tr key={i} data-testid="purchase-line">
              <td>
                <span className="mono">{l.article.code}</span> {l.article.name}{' '}
                <button
                  type="button"
                  className="btn btn--small btn--ghost"
                  aria-label={`${t('purchasesUi.swapArticle')} ${i + 1}`}
                  onClick={() => setSwapping(swapping === i ? null : i)}
                  data-testid="purchase-line-swap"
                >
                  {t('purchasesUi.swapArticle')}
                </button>
                {swapping === i && (
                  <ArticlePicker
                    testId="purchase-line-article"
                    label={t('purchasesUi.swapTo')}
                    onPick={(a) => {
                      setLine(i, { article: pick(a) });
                      setSwapping(null);
                    }}
                  />
                )}
              </td>
              {FIGURES.map((k) => (
                <td key={k}>
                  <input
                    className="input input--num"
                    inputMode="decimal"
                    aria-label={`${t(`purchasesUi.${k === 'discountPct' ? 'discount' : k}`)} ${i + 1}`}
                    value={l[k]}
                    onChange={(e) => setLine(i, { [k]: e.target.value })}
                    data-testid={`purchase-line-${k}`}
                  />
                </td>
              ))}
              <td>
                <button
                  type="button"
                  className="btn btn--small btn--ghost"
                  onClick={() => {
                    setSwapping(null);
                    onChange(lines.filter((_, j) => j !== i));
                  }}
                  data-testid="purchase-line-remove"
                >
                  {t('purchasesUi.removeLine')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <ArticlePicker
        testId="purchase-add-article"
        label={t('purchasesUi.addLine')}
        onPick={(a) =>
          onChange([
            ...lines,
            { article: pick(a), quantity: '1', unitCost: '', discountPct: '0', vatRate: RATE[a.taxCode] },
          ])
        }
      />
    </>
  );
}
