import { useEffect, useState } from 'react';
import type { z } from 'zod';
import type { CustomerHit as CustomerHitSchema } from '../../../shared/api/sales';
import { t } from '../../../shared/i18n';
import { useClient } from '../app/context';

export type CustomerHit = z.infer<typeof CustomerHitSchema>;

const DEBOUNCE_MS = 200;
/** SAF-T's placeholder for an unknown address part: not something to fill a form with. */
const UNKNOWN = 'Desconhecido';
const known = (v: string): string => (v === UNKNOWN ? '' : v);

/** The hit with SAF-T placeholders blanked (what the form and the list show). */
export const cleanHit = (c: CustomerHit): CustomerHit => ({
  ...c,
  address: known(c.address),
  postalCode: known(c.postalCode),
  city: known(c.city),
});

/** Finds a known customer by name (or NIF) as the cashier types (sales/find-customer); a tap fills the form. */
export function CustomerSearch({ onPick }: { onPick: (hit: CustomerHit) => void }) {
  const client = useClient();
  const [query, setQuery] = useState('');
  const [hits, setHits] = useState<CustomerHit[] | null>(null);
  const q = query.trim();

  useEffect(() => {
    if (q.length < 2) return;
    let alive = true;
    const timer = setTimeout(() => {
      void client.tryCall('sales/find-customer', { query: q, limit: 8 }).then((env) => {
        if (alive) setHits(env.ok ? env.value.map(cleanHit) : []);
      });
    }, DEBOUNCE_MS);
    return () => {
      alive = false;
      clearTimeout(timer);
    };
  }, [client, q]);

  const shown = q.length >= 2 ? hits : null;
  return (
    <div className="customer-search">
      <label className="field">
        <span className="field-label">{t('customer.search')}</span>
        <input
          className="input input--text"
          value={query}
          maxLength={100}
          placeholder={t('customer.searchPlaceholder')}
          autoComplete="off"
          spellCheck={false}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={(e) => {
            // Enter picks the only (or first) hit instead of submitting the form with what is there.
            if (e.key === 'Enter' && shown && shown.length > 0) {
              e.preventDefault();
              onPick(shown[0]);
              setQuery('');
            }
          }}
          data-testid="customer-search"
        />
      </label>
      {shown && (
        <ul className="customer-hits" role="listbox" aria-label={t('customer.hits')}>
          {shown.length === 0 && <li className="customer-hit-none">{t('customer.noHits')}</li>}
          {shown.map((c) => (
            <li key={c.id} role="option" aria-selected={false}>
              <button
                type="button"
                className="customer-hit"
                onClick={() => {
                  onPick(c);
                  setQuery('');
                }}
                data-testid="customer-hit"
              >
                <strong>{c.name}</strong>
                <span className="mono">{c.nif}</span>
                <span className="muted small">
                  {[c.address, c.postalCode, c.city].filter(Boolean).join(', ')}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
