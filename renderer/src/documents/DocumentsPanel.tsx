import { useEffect, useState } from 'react';
import type { DocType, DocumentSummary } from '../../../shared/api/fiscal';
import { t } from '../../../shared/i18n';
import { formatEuro } from '../../../shared/money';
import { useClient } from '../app/context';
import { formatDateTime } from '../app/use-now';
import { DocumentDialog } from './DocumentDialog';

const PAGE = 50;
const TYPES: (DocType | 'all')[] = ['all', 'FS', 'FR', 'FT', 'NC', 'RG'];

/**
 * Gestão › Documentos: issued documents, newest first, paged with `beforeId`. Any one opens with its lines,
 * totals, VAT, QR and ATCUD and can be reprinted as "2.ª via".
 */
export function DocumentsPanel() {
  const client = useClient();
  const [type, setType] = useState<DocType | 'all'>('all');
  const [rows, setRows] = useState<DocumentSummary[] | null>(null);
  const [more, setMore] = useState(false);
  const [loading, setLoading] = useState(false);
  const [open, setOpen] = useState<number | null>(null);

  useEffect(() => {
    let alive = true;
    void client
      .tryCall('fiscal/list-documents', type === 'all' ? { limit: PAGE } : { limit: PAGE, type })
      .then((env) => {
        if (!alive) return;
        const list = env.ok ? env.value : [];
        setRows(list);
        setMore(list.length === PAGE);
      });
    return () => {
      alive = false;
    };
  }, [client, type]);

  const loadMore = async (): Promise<void> => {
    const last = rows?.at(-1);
    if (!last || loading) return;
    setLoading(true);
    const env = await client.tryCall('fiscal/list-documents', {
      limit: PAGE,
      beforeId: last.id,
      ...(type === 'all' ? {} : { type }),
    });
    setLoading(false);
    if (!env.ok) return;
    setRows((r) => [...(r ?? []), ...env.value]);
    setMore(env.value.length === PAGE);
  };

  return (
    <section className="card card--fill">
      <header className="card-head">
        <h3 className="card-title">{t('backoffice.documents')}</h3>
        <div className="segmented segmented--small card-head-end" role="group" aria-label={t('docs.type')}>
          {TYPES.map((k) => (
            <button
              key={k}
              type="button"
              aria-pressed={type === k}
              className={`segmented-item${type === k ? ' segmented-item--active' : ''}`}
              onClick={() => setType(k)}
            >
              {k === 'all' ? t('docs.all') : k}
            </button>
          ))}
        </div>
      </header>
      <div className="table-wrap">
        <table className="table table--rows" data-testid="documents">
          <thead>
            <tr>
              <th>{t('docs.number')}</th>
              <th>{t('docs.when')}</th>
              <th>{t('sale.customer')}</th>
              <th className="num">{t('pos.total')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {rows?.map((d) => (
              <tr key={d.id} onClick={() => setOpen(d.id)} data-testid="document-row">
                <td>
                  <span className="doc-chip">{d.type}</span>
                  <span className="mono">{d.docNo.replace(`${d.type} `, '')}</span>
                  {d.status === 'A' && <span className="tag tag--void">{t('after.cancelled')}</span>}
                  {d.training && <span className="tag tag--training">{t('docs.training')}</span>}
                </td>
                <td className="nowrap">{formatDateTime(d.systemEntryDate)}</td>
                <td>
                  {d.customerNif === '999999990' ? (
                    <span className="muted">{t('sale.finalConsumer')}</span>
                  ) : (
                    <>
                      {d.customerName}
                      <div className="muted small mono">{d.customerNif}</div>
                    </>
                  )}
                </td>
                <td className={`num${d.type === 'NC' ? ' num--credit' : ''}`}>
                  {d.type === 'NC' ? '−' : ''}
                  {formatEuro(d.gross)}
                </td>
                <td className="num">
                  <button type="button" className="btn btn--small">
                    {t('docs.open')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {rows?.length === 0 && <p className="muted table-note">{t('docs.none')}</p>}
        {more && (
          <div className="table-more">
            <button
              type="button"
              className="btn btn--ghost"
              disabled={loading}
              onClick={() => void loadMore()}
              data-testid="documents-more"
            >
              {loading ? t('app.loading') : t('docs.more')}
            </button>
          </div>
        )}
      </div>
      {open !== null && <DocumentDialog id={open} onClose={() => setOpen(null)} />}
    </section>
  );
}
