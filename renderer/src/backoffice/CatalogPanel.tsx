import { useCallback, useEffect, useState } from 'react';
import type { Role } from '../../../shared/api/auth';
import type { Article } from '../../../shared/api/catalog';
import type { Family } from '../../../shared/api/catalog-admin';
import { t } from '../../../shared/i18n';
import { formatEuro } from '../../../shared/money';
import { useClient } from '../app/context';
import { pushToast } from '../app/toasts';
import { ArticleEditor } from './ArticleEditor';
import { CatalogCsv } from './CatalogCsv';
import { FamiliesCard } from './FamiliesCard';

const LIMIT = 500;

/**
 * Gestão › Artigos. Everyone can look (accent-free filter, Portuguese order, as the till); the gerente creates,
 * edits, deactivates and imports (the core refuses the rest to anyone else). The form is an inline panel.
 */
export function CatalogPanel({ role }: { role: Role }) {
  const client = useClient();
  const manager = role === 'gerente';
  const [count, setCount] = useState<{ total: number; active: number } | null>(null);
  const [filter, setFilter] = useState('');
  const [showInactive, setShowInactive] = useState(false);
  const [rows, setRows] = useState<Article[] | null>(null);
  const [editing, setEditing] = useState<number | 'new' | null>(null);
  const [families, setFamilies] = useState<Family[]>([]);
  const [version, setVersion] = useState(0);
  const reload = useCallback(() => setVersion((v) => v + 1), []);

  useEffect(() => {
    void client.tryCall('catalog/count', {}).then((env) => env.ok && setCount(env.value));
    void client.tryCall('catalog/families', {}).then((env) => env.ok && setFamilies(env.value));
  }, [client, version]);

  useEffect(() => {
    let alive = true;
    const timer = setTimeout(() => {
      void client
        .tryCall('catalog/search', { query: filter.trim(), limit: LIMIT, includeInactive: showInactive })
        .then((env) => {
          if (alive && env.ok) setRows(env.value);
        });
    }, 150);
    return () => {
      alive = false;
      clearTimeout(timer);
    };
  }, [client, filter, showInactive, version]);

  const setActive = async (a: Article, active: boolean): Promise<void> => {
    try {
      await client.call('catalog/set-active', { id: a.id, active });
      pushToast('success', t(active ? 'articles.activated' : 'articles.deactivated', { code: a.code }));
      reload();
    } catch {
      // shown by the client
    }
  };
  const remove = async (a: Article): Promise<void> => {
    try {
      await client.call('catalog/delete', { id: a.id });
      pushToast('success', t('articles.deleted', { code: a.code }));
      setEditing(null);
      reload();
    } catch {
      // shown by the client ("já foi vendido: … Desative-o.")
    }
  };

  return (
    <div className="catalog-panel">
      {manager && editing !== null && (
        <ArticleEditor
          key={String(editing)}
          id={editing === 'new' ? null : editing}
          families={families.map((f) => f.name)}
          onSaved={(d) => {
            setEditing(d.article.id);
            reload();
          }}
          onClose={() => setEditing(null)}
        />
      )}
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
          {manager && (
            <>
              <label className="check">
                <input
                  type="checkbox"
                  checked={showInactive}
                  onChange={(e) => setShowInactive(e.target.checked)}
                />
                {t('articles.showInactive')}
              </label>
              <button type="button" className="btn btn--small btn--primary" onClick={() => setEditing('new')}>
                {t('articles.new')}
              </button>
            </>
          )}
        </header>
        {manager && <CatalogCsv onImported={reload} />}
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
                {manager && <th />}
              </tr>
            </thead>
            <tbody>
              {rows?.map((a) => (
                <tr
                  key={a.id}
                  className={a.active ? undefined : 'row--inactive'}
                  onClick={manager ? () => setEditing(a.id) : undefined}
                  data-article={a.code}
                >
                  <td className="mono">{a.code}</td>
                  <td>
                    {a.name}
                    {a.favourite && (
                      <span className="tag tag--fav" title={t('pos.favourites')}>
                        ★
                      </span>
                    )}
                    {!a.active && <span className="tag">{t('articles.inactive')}</span>}
                  </td>
                  <td>{a.family}</td>
                  <td className="mono">{a.barcode ?? '—'}</td>
                  <td>{t(`tax.${a.taxCode}`)}</td>
                  <td className="num">
                    {formatEuro(a.price)}
                    {a.unit !== 'UN' && <small>/{t(`unit.${a.unit}`)}</small>}
                  </td>
                  {manager && (
                    <td className="num" onClick={(e) => e.stopPropagation()}>
                      <button
                        type="button"
                        className="btn btn--small btn--ghost"
                        onClick={() => void setActive(a, !a.active)}
                      >
                        {a.active ? t('articles.deactivate') : t('articles.activate')}
                      </button>
                      {!a.active && (
                        <button
                          type="button"
                          className="btn btn--small btn--danger-ghost"
                          onClick={() => void remove(a)}
                        >
                          {t('articles.delete')}
                        </button>
                      )}
                    </td>
                  )}
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
      {manager && <FamiliesCard families={families} onChanged={reload} />}
    </div>
  );
}
