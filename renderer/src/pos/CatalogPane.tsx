import { memo, useCallback, useState, type KeyboardEvent } from 'react';
import type { Article } from '../../../shared/api/catalog';
import { t } from '../../../shared/i18n';
import { pushToast } from '../app/toasts';
import { ArticleGrid } from './ArticleGrid';
import { useArticleSearch } from './use-article-search';
import { useBarcodeWedge } from './use-barcode-wedge';
import { useTillStock } from './use-till-stock';
import { formatQty } from '../../../shared/money';

export interface ScanFeedback {
  code: string;
  ok: boolean;
}

interface Props {
  onPick: (a: Article) => void;
  /** A barcode from the scanner (anywhere on the screen) or typed in the search box + Enter. */
  onScan: (code: string) => void;
  /** Off while a dialog owns the keyboard. */
  wedgeEnabled: boolean;
  lastScan: ScanFeedback | null;
  /** Changes after each completed sale: the search starts empty and favourites and stock are read again. */
  generation: number;
}

const BARCODE = /^\d{8,14}$/;

/**
 * Left side of the selling screen: search box, favourites/results grid, scanner input. A memo: a scan's answer
 * changes the sale side only, and rendering the grid's tiles again held each line back (pos.scan_to_line).
 */
export const CatalogPane = memo(function CatalogPane({
  onPick,
  onScan,
  wedgeEnabled,
  lastScan,
  generation,
}: Props) {
  const [query, setQuery] = useState('');
  const [queryOf, setQueryOf] = useState(generation);
  if (queryOf !== generation) {
    setQueryOf(generation);
    setQuery('');
  }
  const { articles, favourites, loading } = useArticleSearch(query, generation);
  // The result chosen with ArrowDown/ArrowUp in the search box; Enter sells it (issue 15 item 3).
  // Kept with the result list it belongs to: new results start with nothing chosen.
  const [chosen, setChosen] = useState<{ list: readonly Article[]; index: number } | null>(null);
  const active = chosen?.list === articles ? chosen.index : -1;
  // Issue 13 item 6: stock on each tile; picking an article with none warns or is refused per the terminal's
  // rule (stock.below-zero). ASSUMPTION: what is already in the cart is not subtracted here (the core checks
  // the whole document when it is issued, in 'refuse' mode).
  const { stock, policy } = useTillStock(articles);
  const pick = useCallback(
    (a: Article): void => {
      const s = stock.get(a.id);
      if (s?.tracked && policy !== 'allow' && !(Number(s.available) > 0)) {
        if (policy === 'refuse') {
          pushToast('error', t('tillStock.refuse', { article: a.name }));
          return;
        }
        pushToast('warning', t('tillStock.warn', { article: a.name, available: formatQty(s.available) }));
      }
      onPick(a);
    },
    [stock, policy, onPick],
  );

  useBarcodeWedge((code) => {
    // The scanner's digits may have landed in the search box before we knew it was a scan.
    setQuery((q) => (q.endsWith(code) ? q.slice(0, -code.length) : q));
    onScan(code);
  }, wedgeEnabled);

  const onSearchKey = (e: KeyboardEvent<HTMLInputElement>): void => {
    if (e.key === 'Escape') setQuery('');
    if ((e.key === 'ArrowDown' || e.key === 'ArrowUp') && articles.length > 0) {
      e.preventDefault();
      const step = e.key === 'ArrowDown' ? 1 : -1;
      setChosen({ list: articles, index: Math.min(articles.length - 1, Math.max(0, active + step)) });
      return;
    }
    if (e.key !== 'Enter') return;
    e.preventDefault();
    const term = query.trim();
    const picked = active >= 0 ? articles[active] : undefined;
    if (picked && !loading) {
      setQuery('');
      pick(picked);
    } else if (BARCODE.test(term)) {
      setQuery('');
      onScan(term);
    } else if (!loading && articles.length === 1 && articles[0]) {
      setQuery('');
      pick(articles[0]);
    } else if (!loading && articles.length === 0 && term) {
      pushToast('info', t('pos.noResults'));
    }
  };
  const title = favourites ? t('pos.favourites') : t('pos.results', { query: query.trim() });

  return (
    <section className="pos-catalog" aria-label={t('pos.catalog')}>
      <div className="search">
        <span className="search-icon" aria-hidden="true">
          ⌕
        </span>
        <input
          className="search-input"
          type="search"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={onSearchKey}
          placeholder={t('pos.search')}
          aria-label={t('pos.search')}
          autoComplete="off"
          spellCheck={false}
          aria-controls="pos-results"
          aria-activedescendant={active >= 0 ? `pos-result-${active}` : undefined}
        />
        {query && (
          <button
            type="button"
            className="search-clear"
            aria-label={t('pos.clearSearch')}
            onClick={() => setQuery('')}
          >
            ×
          </button>
        )}
      </div>
      <div className="pos-catalog-head">
        <h2>{title}</h2>
        {lastScan && (
          <span
            className={`scan-feedback scan-feedback--${lastScan.ok ? 'ok' : 'bad'}`}
            data-testid="last-scan"
          >
            {t(lastScan.ok ? 'pos.lastScan' : 'pos.lastScanFailed', { code: lastScan.code })}
          </span>
        )}
      </div>
      {!loading && articles.length === 0 ? (
        <p className="pos-empty">{favourites ? t('pos.noFavourites') : t('pos.noResults')}</p>
      ) : (
        <ArticleGrid
          articles={articles}
          onPick={pick}
          stock={stock}
          label={title}
          activeIndex={active}
          idPrefix="pos-result"
        />
      )}
    </section>
  );
});
