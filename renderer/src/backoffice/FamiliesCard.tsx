import { useState } from 'react';
import type { Family } from '../../../shared/api/catalog-admin';
import { t } from '../../../shared/i18n';
import { useClient } from '../app/context';

/** Gestão › Artigos › Famílias: add, rename (the articles follow), delete an empty one. */
export function FamiliesCard({
  families,
  onChanged,
}: {
  families: readonly Family[];
  onChanged: () => void;
}) {
  const client = useClient();
  const [name, setName] = useState('');
  const [renaming, setRenaming] = useState<{ id: string; name: string } | null>(null);

  const add = async (): Promise<void> => {
    try {
      await client.call('catalog/family-save', { name });
      setName('');
      onChanged();
    } catch {
      // shown by the client (e.g. "A família … já existe.")
    }
  };

  return (
    <section className="card families-card" aria-label={t('articles.families')}>
      <header className="card-head">
        <h3 className="card-title">{t('articles.families')}</h3>
      </header>
      <form
        className="field-row"
        onSubmit={(e) => {
          e.preventDefault();
          if (name.trim()) void add();
        }}
      >
        <input
          className="input input--text"
          value={name}
          maxLength={50}
          placeholder={t('articles.familyNew')}
          aria-label={t('articles.familyNew')}
          onChange={(e) => setName(e.target.value)}
          data-no-wedge
        />
        <button type="submit" className="btn btn--small" disabled={!name.trim()}>
          {t('articles.familyAdd')}
        </button>
      </form>
      <ul className="families-list">
        {families.map((f) => (
          <li key={f.id}>
            {renaming?.id === f.id ? (
              <form
                onSubmit={(e) => {
                  e.preventDefault();
                  void client
                    .call('catalog/family-save', { id: f.id, name: renaming.name })
                    .then(() => {
                      setRenaming(null);
                      onChanged();
                    })
                    .catch(() => undefined);
                }}
              >
                <input
                  className="input input--text"
                  value={renaming.name}
                  maxLength={50}
                  autoFocus
                  aria-label={t('articles.familyRename')}
                  onChange={(e) => setRenaming({ id: f.id, name: e.target.value })}
                  onKeyDown={(e) => e.key === 'Escape' && setRenaming(null)}
                  data-no-wedge
                />
              </form>
            ) : (
              <>
                <span className="families-name">{f.name}</span>
                <span className="muted">{t('articles.familyCount', { n: f.articles })}</span>
                <button
                  type="button"
                  className="btn btn--small btn--ghost"
                  onClick={() => setRenaming({ id: f.id, name: f.name })}
                >
                  {t('articles.familyRename')}
                </button>
                {f.articles === 0 && (
                  <button
                    type="button"
                    className="btn btn--small btn--danger-ghost"
                    onClick={() =>
                      void client
                        .call('catalog/family-delete', { id: f.id })
                        .then(onChanged)
                        .catch(() => undefined)
                    }
                  >
                    {t('articles.familyDelete')}
                  </button>
                )}
              </>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
