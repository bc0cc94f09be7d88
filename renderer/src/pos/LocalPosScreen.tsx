import { useCallback, useReducer, useRef, useState, type KeyboardEvent } from 'react';
import type { Article } from '../../../shared/api/catalog';
import { t } from '../../../shared/i18n';
import { ConfirmDialog } from '../app/ConfirmDialog';
import { useClient } from '../app/context';
import { pushToast } from '../app/toasts';
import { ArticleGrid } from './ArticleGrid';
import { CartPanel } from './CartPanel';
import { QuantityDialog } from './QuantityDialog';
import { cartReducer, emptyCart } from './cart';
import { useArticleSearch } from './use-article-search';
import { useBarcodeWedge } from './use-barcode-wedge';

type Dialog =
  { kind: 'weigh'; article: Article } | { kind: 'quantity'; key: string } | { kind: 'void' } | null;

const BARCODE = /^\d{8,14}$/;

export function PosScreen() {
  const client = useClient();
  const [cart, dispatch] = useReducer(cartReducer, emptyCart);
  const [query, setQuery] = useState('');
  const [dialog, setDialog] = useState<Dialog>(null);
  const [lastScan, setLastScan] = useState<{ code: string; ok: boolean } | null>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const { articles, favourites, loading } = useArticleSearch(query);

  const scan = useCallback(
    async (code: string) => {
      try {
        const hit = await client.call('catalog/by-barcode', { barcode: code });
        dispatch({ type: 'add', article: hit.article, label: { quantity: hit.quantity, price: hit.price } });
        setLastScan({ code, ok: true });
      } catch {
        // The client already showed the core's message (e.g. "Código de barras … não existe no catálogo.").
        setLastScan({ code, ok: false });
      }
    },
    [client],
  );

  useBarcodeWedge((code) => {
    // The scanner's digits may have landed in the search box before we knew it was a scan.
    setQuery((q) => (q.endsWith(code) ? q.slice(0, -code.length) : q));
    void scan(code);
  }, dialog === null);

  const pick = (a: Article): void => {
    if (a.unit === 'UN') dispatch({ type: 'add', article: a });
    else setDialog({ kind: 'weigh', article: a });
  };

  const onSearchKey = (e: KeyboardEvent<HTMLInputElement>): void => {
    if (e.key === 'Escape') setQuery('');
    if (e.key !== 'Enter') return;
    e.preventDefault();
    const term = query.trim();
    if (BARCODE.test(term)) {
      setQuery('');
      void scan(term);
    } else if (!loading && articles.length === 1 && articles[0]) {
      setQuery('');
      pick(articles[0]);
    } else if (!loading && articles.length === 0 && term) {
      pushToast('info', t('pos.noResults'));
    }
  };

  const editing = dialog?.kind === 'quantity' ? cart.lines.find((l) => l.key === dialog.key) : undefined;

  return (
    <div className="pos">
      <section className="pos-catalog" aria-label={t('pos.catalog')}>
        <div className="search">
          <span className="search-icon" aria-hidden="true">
            ⌕
          </span>
          <input
            ref={searchRef}
            className="search-input"
            type="search"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            onKeyDown={onSearchKey}
            placeholder={t('pos.search')}
            aria-label={t('pos.search')}
            autoComplete="off"
            spellCheck={false}
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
          <h2>{favourites ? t('pos.favourites') : t('pos.results', { query: query.trim() })}</h2>
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
            label={favourites ? t('pos.favourites') : t('pos.results', { query: query.trim() })}
          />
        )}
      </section>
      <CartPanel
        cart={cart}
        dispatch={dispatch}
        onEditQuantity={(key) => setDialog({ kind: 'quantity', key })}
        onVoid={() => setDialog({ kind: 'void' })}
      />
      {dialog?.kind === 'weigh' && (
        <QuantityDialog
          title={t('pos.weighTitle', { name: dialog.article.name })}
          unitLabel={t(`unit.${dialog.article.unit}`)}
          decimals={3}
          unitPrice={dialog.article.price}
          onCancel={() => setDialog(null)}
          onConfirm={(quantity) => {
            dispatch({ type: 'add', article: dialog.article, quantity });
            setDialog(null);
          }}
        />
      )}
      {editing && (
        <QuantityDialog
          title={t('pos.quantityTitle', { name: editing.article.name })}
          unitLabel={t(`unit.${editing.article.unit}`)}
          decimals={editing.article.unit === 'UN' ? 0 : 3}
          initial={editing.quantity}
          unitPrice={editing.unitPrice}
          onCancel={() => setDialog(null)}
          onConfirm={(quantity) => {
            dispatch({ type: 'set-quantity', key: editing.key, quantity });
            setDialog(null);
          }}
        />
      )}
      {dialog?.kind === 'void' && (
        <ConfirmDialog
          title={t('pos.voidSale')}
          message={t('pos.voidConfirm')}
          confirmLabel={t('pos.voidSale')}
          danger
          onCancel={() => setDialog(null)}
          onConfirm={() => {
            dispatch({ type: 'clear' });
            setDialog(null);
            searchRef.current?.focus();
          }}
        />
      )}
    </div>
  );
}
