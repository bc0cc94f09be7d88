import { useCallback, useEffect, useState } from 'react';
import type { Article } from '../../../shared/api/catalog';
import { t } from '../../../shared/i18n';
import { useClient } from '../app/context';

/** What the picker lists: an article, and optionally what the caller adds to it (e.g. the stock at hand). */
export interface PickableArticle {
  id: number;
  code: string;
  name: string;
}

/**
 * Finds an article by code, barcode or name (accents and case aside: `catalog/search` compares the pt-PT keys)
 * and hands the chosen one back. Enter takes the first result (a scanned barcode lands on its article).
 */
export function ArticlePicker(p: { onPick: (a: Article) => void; testId: string; label?: string }) {
  const client = useClient();
  const search = useCallback(
    (query: string, limit: number) =>
      client.tryCall('catalog/search', { query, limit }).then((env) => (env.ok ? env.value : [])),
    [client],
  );
  return <SearchPicker {...p} search={search} />;
}

/**
 * The picker itself, over any search: only the first few matches are asked for (150 ms after the last key),
 * so it stays instant with 50 000 articles, where a <select> of every article does not. The transport guide
 * searches one warehouse's stock and notes the quantity at hand.
 */
export function SearchPicker<A extends PickableArticle>({
  onPick,
  testId,
  label,
  search,
  note,
}: {
  onPick: (a: A) => void;
  testId: string;
  label?: string;
  /** Stable (useCallback): a new function searches again. */
  search: (query: string, limit: number) => Promise<A[]>;
  note?: (a: A) => string;
}) {
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<A[]>([]);
  useEffect(() => {
    const q = query.trim();
    if (!q) return;
    let alive = true;
    const timer = setTimeout(() => {
      void search(q, LIMIT).then((rows) => {
        if (alive) setFound(rows);
      });
    }, 150);
    return () => {
      alive = false;
      clearTimeout(timer);
    };
  }, [query, search]);
  // An emptied box shows nothing (what was found for the last text stays unused until the next search).
  const shown = query.trim() ? found : [];
  const pick = (a: A) => {
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
                {note && <span className="muted"> ({note(a)})</span>}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

const LIMIT = 8;
