import { useEffect, useState } from 'react';
import type { Article } from '../../../shared/api/catalog';
import { t } from '../../../shared/i18n';
import { formatEuro } from '../../../shared/money';
import { useClient } from '../app/context';

const LIMIT = 500;

export function CatalogPanel() {
  const client = useClient();
  const [count, setCount] = useState<{ total: number; active: number } | null>(null);
  const [filter, setFilter] = useState('');
  const [rows, setRows] = useState<Article[] | null>(null);

  useEffect(() => {
    void client.tryCall('catalog/count', {}).then((env) => env.ok && setCount(env.value));
  }, [client]);

  useEffect(() => {
    let alive = true;
    const timer = setTimeout(() => {
      void client.tryCall('catalog/search', { query: filter.trim(), limit: LIMIT }).then((env) => {
        if (alive && env.ok) setRows(env.value);
      });
    }, 150);
    return () => {
      alive = false;
      clearTimeout(timer);
    };
  }, [client, filter]);

  return (
    <section className="card card--fill">
      <header className="card-head">
        <h3 className="card-title">{t('backoffice.catalog')}</h3>
        <span className="muted" data-testid="catalog-count">
          {count ? t('backoffice.articlesCount', { n: count.active }) : '\u00a0'}
        </span>
        <input
          className="input input--filter"
          type="search"
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
          placeholder={t('backoffice.filter')}
          aria-label={t('backoffice.filter')}
          data-no-wedge
        />
      </header>
      <div className="table-wrap">
        <table className="table">
          <thead>
            <tr>
              <th>{t('article.code')}</th>
              <th>{t('article.name')}</th>
              <th>{t('article.family')}</th>
              <th>{t('article.barcode')}</th>
              <th>{t('article.tax')}</th>
              <th className="num">{t('article.price')}</th>
            </tr>
          </thead>
          <tbody>
            {rows?.map((a) => (
              <tr key={a.id}>
                <td className="mono">{a.code}</td>
                <td>
                  {a.name}
                  {a.favourite && (
                    <span className="tag tag--fav" title={t('pos.favourites')}>
                      ★
                    </span>
                  )}
                </td>
                <td>{a.family}</td>
                <td className="mono">{a.barcode ?? '—'}</td>
                <td>{t(`tax.${a.taxCode}`)}</td>
                <td className="num">
                  {formatEuro(a.price)}
                  {a.unit !== 'UN' && <small>/{t(`unit.${a.unit}`)}</small>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {rows && rows.length === LIMIT && (
          <p className="muted table-note">{t('backoffice.limited', { n: LIMIT })}</p>
        )}
        {rows?.length === 0 && <p className="muted table-note">{t('pos.noResults')}</p>}
      </div>
    </section>
  );
}
