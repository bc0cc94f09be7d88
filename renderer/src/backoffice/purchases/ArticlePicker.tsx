import { useEffect, useState } from 'react';
import type { Article } from '../../../../shared/api/catalog';
import { t } from '../../../../shared/i18n';
import { useClient } from '../../app/context';

/**
 * Finds an article by code, barcode or name (accents and case aside: `catalog/search` compares the pt-PT keys)
 * and hands the chosen one back. Enter takes the first result (a scanned barcode lands on its article).
 */
export function ArticlePicker({
  onPick,
  testId,
  label,
}: {
  onPick: (a: Article) => void;
  testId: string;
  label?: string;
}) {
  const client = useClient();
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<Article[]>([]);
  useEffect(() => {
    const q = query.trim();
    if (!q) return;
    let alive = true;
    const timer = setTimeout(() => {
      void client.tryCall('catalog/search', { query: q, limit: 8 }).then((env) => {
        if (alive) setFound(env.ok ? env.value : []);
      });
    }, 150);
    return () => {
      alive = false;
      clearTimeout(timer);
    };
  }, [client, query]);
  // An emptied box shows nothing (what was found for the last text stays unused until the next search).
  const shown = query.trim() ? found : [];
  const pick = (a: Article) => {
    onPick(a);
    setQuery('');
    setFound([]);
  };
  return (
    <div className="field field--grow article-picker">
      <label className="field-label" htmlFor={`${testId}-q`}>
        {label ?? t('purchasesUi.pickArticle')}
      </label>
      <input
        id={`${testId}-q`}
        className="input input--text"
        value={query}
        placeholder={t('purchasesUi.pickHint')}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            if (shown[0]) pick(shown[0]);
          }
        }}
        data-testid={testId}
      />
      {shown.length > 0 && (
        <ul className="picker-results" role="listbox">
          {shown.map((a) => (
            <li key={a.id}>
              <button
                type="button"
                className="btn btn--small btn--ghost"
                onClick={() => pick(a)}
                data-testid={`${testId}-result`}
              >
                <span className="mono">{a.code}</span> {a.name}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
