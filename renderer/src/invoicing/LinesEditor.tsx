import { useEffect, useState } from 'react';
import type { Article } from '../../../shared/api/catalog';
import type { InvoiceLine } from '../../../shared/api/invoicing';
import { t } from '../../../shared/i18n';
import { Dec, formatEuro } from '../../../shared/money';
import { useClient } from '../app/context';
import { Field, FieldRow, decimalOf } from '../app/kit';

export type Tax = 'NOR' | 'INT' | 'RED' | 'ISE';
export interface LineState {
  key: number;
  articleId: number | null;
  description: string;
  quantity: string;
  unitPrice: string;
  discountPct: string;
  taxCode: Tax;
  /** ISE lines: the AT exemption code (M01…). */
  exemptionCode: string | null;
  /**
   * The line carries its own VAT (a free line, or an ND line copied from its origin, whose rate is the one the
   * origin was invoiced at); a catalogue line leaves it to the catalogue.
   */
  ownTax: boolean;
  /** Issue 13 item 7: the GT/GR line this FT line invoices (article and quantity fixed), or null. */
  guideLineId: number | null;
  guideDocNo: string | null;
}

let nextKey = 1;
export const newLineKey = (): number => nextKey++;

export const freeLine = (): LineState => ({
  key: newLineKey(),
  articleId: null,
  description: '',
  quantity: '1',
  unitPrice: '',
  discountPct: '0',
  taxCode: 'NOR',
  exemptionCode: null,
  ownTax: true,
  guideLineId: null,
  guideDocNo: null,
});

/** A line of the screen → the contract's InvoiceLine (FT and ND share it). */
export function lineInput(l: LineState): InvoiceLine {
  return {
    ...(l.articleId !== null ? { articleId: l.articleId } : {}),
    ...(l.description.trim() ? { description: l.description.trim() } : {}),
    quantity: decimalOf(l.quantity),
    ...(l.unitPrice.trim() ? { unitPrice: decimalOf(l.unitPrice) } : {}),
    discountPct: decimalOf(l.discountPct) || '0',
    ...(l.ownTax ? { taxCode: l.taxCode } : {}),
    ...(l.ownTax && l.exemptionCode ? { exemptionCode: l.exemptionCode } : {}),
    ...(l.guideLineId !== null ? { guideLineId: l.guideLineId } : {}),
  };
}

/** qty × price with VAT − discount, or null while something typed is not a number. */
export function lineTotal(l: LineState): Dec | null {
  try {
    const d = new Dec(decimalOf(l.quantity)).times(decimalOf(l.unitPrice));
    return d
      .times(new Dec(100).minus(decimalOf(l.discountPct) || '0'))
      .div(100)
      .toDecimalPlaces(2);
  } catch {
    return null;
  }
}

/**
 * The lines of a back-office document (FT, ND): catalogue search (optional), free lines with description, price
 * with VAT and VAT rate, quantity and discount per line. The caller keeps the lines; the form's schema checks them.
 */
export function LinesEditor({
  lines,
  onChange,
  catalogue = true,
  error,
  testPrefix = 'invoice',
}: {
  lines: readonly LineState[];
  onChange: (next: LineState[]) => void;
  catalogue?: boolean;
  error?: string | undefined;
  testPrefix?: string;
}) {
  const client = useClient();
  const [articleQuery, setArticleQuery] = useState('');
  const [articles, setArticles] = useState<Article[]>([]);

  useEffect(() => {
    const q = articleQuery.trim();
    if (!q || !catalogue) return;
    const timer = setTimeout(() => {
      void client
        .tryCall('catalog/search', { query: q, limit: 8 })
        .then((env) => setArticles(env.ok ? env.value : []));
    }, 200);
    return () => clearTimeout(timer);
  }, [client, articleQuery, catalogue]);

  const addArticle = (a: Article): void => {
    onChange([
      ...lines,
      {
        key: newLineKey(),
        articleId: a.id,
        description: a.name,
        quantity: '1',
        unitPrice: a.price.replace('.', ','),
        discountPct: '0',
        taxCode: a.taxCode as Tax,
        exemptionCode: null,
        ownTax: false,
        guideLineId: null,
        guideDocNo: null,
      },
    ]);
    setArticleQuery('');
  };
  const update = (key: number, patch: Partial<LineState>): void =>
    onChange(lines.map((l) => (l.key === key ? { ...l, ...patch } : l)));

  return (
    <>
      <FieldRow>
        {catalogue && (
          <Field label={t('inv.findArticle')} htmlFor={`${testPrefix}-find-article`} grow>
            <input
              id={`${testPrefix}-find-article`}
              className="input input--text"
              type="search"
              value={articleQuery}
              onChange={(e) => setArticleQuery(e.target.value)}
              data-no-wedge
              data-testid={`${testPrefix}-find-article`}
            />
          </Field>
        )}
        <button
          type="button"
          className="btn btn--small"
          onClick={() => onChange([...lines, freeLine()])}
          data-testid={`${testPrefix}-free-line`}
        >
          {t('inv.freeLine')}
        </button>
      </FieldRow>
      {catalogue && articleQuery.trim() !== '' && articles.length > 0 && (
        <ul className="choice-list" data-testid={`${testPrefix}-article-hits`}>
          {articles.map((a) => (
            <li key={a.id}>
              <button type="button" className="choice" onClick={() => addArticle(a)}>
                <span className="choice-title">
                  {a.name} · {formatEuro(a.price)}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {lines.length === 0 ? (
        <p className="muted">{t('inv.noLines')}</p>
      ) : (
        <table className="table" data-testid={`${testPrefix}-lines`}>
          <thead>
            <tr>
              <th>{t('inv.description')}</th>
              <th className="num">{t('inv.quantity')}</th>
              <th className="num">{t('inv.price')}</th>
              <th className="num">{t('inv.discount')}</th>
              <th>{t('inv.vat')}</th>
              <th className="num">{t('inv.lineTotal')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {lines.map((l) => {
              const total = lineTotal(l);
              return (
                <tr key={l.key} data-testid={`${testPrefix}-line`}>
                  <td>
                    <input
                      className="input input--text"
                      aria-label={t('inv.description')}
                      value={l.description}
                      maxLength={200}
                      onChange={(e) => update(l.key, { description: e.target.value })}
                      data-no-wedge
                    />
                    {l.guideDocNo && (
                      <span className="muted small" data-testid={`${testPrefix}-line-guide`}>
                        {t('guideInvoiceUi.lineRef', { docNo: l.guideDocNo })}
                      </span>
                    )}
                  </td>
                  {(['quantity', 'unitPrice', 'discountPct'] as const).map((k) => (
                    <td key={k} className="num">
                      <input
                        className="input input--text input--narrow"
                        inputMode="decimal"
                        aria-label={t(
                          k === 'quantity'
                            ? 'inv.quantity'
                            : k === 'unitPrice'
                              ? 'inv.price'
                              : 'inv.discount',
                        )}
                        value={l[k]}
                        // A guide is invoiced whole: its quantities are the guide's.
                        readOnly={k === 'quantity' && l.guideLineId !== null}
                        onChange={(e) => update(l.key, { [k]: e.target.value })}
                        data-no-wedge
                      />
                    </td>
                  ))}
                  <td>
                    {l.articleId === null && l.exemptionCode === null ? (
                      <select
                        className="input"
                        aria-label={t('inv.vat')}
                        value={l.taxCode}
                        onChange={(e) => update(l.key, { taxCode: e.target.value as Tax })}
                      >
                        {(['NOR', 'INT', 'RED'] as const).map((c) => (
                          <option key={c} value={c}>
                            {c}
                          </option>
                        ))}
                      </select>
                    ) : (
                      [l.taxCode, l.exemptionCode].filter(Boolean).join(' ')
                    )}
                  </td>
                  <td className="num">{total ? formatEuro(total.toFixed(2)) : ''}</td>
                  <td>
                    <button
                      type="button"
                      className="btn btn--small btn--ghost"
                      aria-label={t('inv.remove')}
                      onClick={() => onChange(lines.filter((x) => x.key !== l.key))}
                    >
                      ✕
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {error && (
        <p className="field-help field-help--error" role="alert">
          {error}
        </p>
      )}
    </>
  );
}
