import { useEffect, useState } from 'react';
import type { z } from 'zod';
import type { IlinkHistoryFilter, IlinkSentRow } from '../../../../shared/api/ilink';
import { t } from '../../../../shared/i18n';
import { useClient } from '../../app/context';
import { pushToast } from '../../app/toasts';
import { formatDateTime } from '../../app/use-now';
import { IlinkAttemptsDialog, IlinkXmlDialog } from './IlinkDocDialogs';
import { FilterBar, FilterDate, FilterSelect, FilterText } from '../../app/kit';

type Filter = z.infer<typeof IlinkHistoryFilter>;
const TYPES = ['', 'FT', 'FR', 'FS', 'NC', 'ND'] as const;

interface Filters {
  number: string;
  type: (typeof TYPES)[number];
  customerName: string;
  customerNif: string;
  from: string;
  to: string;
}
const EMPTY: Filters = { number: '', type: '', customerName: '', customerNif: '', from: '', to: '' };

/** Only the filled filters go to the core. */
function query(f: Filters): Filter {
  const q: Filter = {};
  if (f.number.trim()) q.number = f.number.trim();
  if (f.type) q.type = f.type;
  if (f.customerName.trim()) q.customerName = f.customerName.trim();
  if (f.customerNif.trim()) q.customerNif = f.customerNif.trim();
  if (f.from) q.from = f.from;
  if (f.to) q.to = f.to;
  return q;
}

/**
 * Gestão › Integrações › Histórico de envio: the documents for iLink (ilink/history), filtered by number, type,
 * customer name or NIF and period. Per row: send now (a manual, waiting or failed one), resend (only a document
 * the customer refused for regularization — the core says so in canResend), the attempts and the XML.
 */
export function IlinkHistoryPanel() {
  const client = useClient();
  const [filters, setFilters] = useState<Filters>(EMPTY);
  const [rows, setRows] = useState<IlinkSentRow[] | null>(null);
  const [reload, setReload] = useState(0);
  const [dialog, setDialog] = useState<{ kind: 'xml' | 'attempts'; row: IlinkSentRow } | null>(null);

  useEffect(() => {
    let alive = true;
    const timer = setTimeout(() => {
      void client.tryCall('ilink/history', query(filters)).then((env) => {
        if (alive) setRows(env.ok ? env.value : []);
      });
    }, 200);
    return () => {
      alive = false;
      clearTimeout(timer);
    };
  }, [client, filters, reload]);

  // A queued document is delivered by the job runner a moment later: refresh while any is on its way.
  const pending = rows?.some((r) => r.state === 'queued') ?? false;
  useEffect(() => {
    if (!pending) return;
    const timer = setInterval(() => setReload((n) => n + 1), 1000);
    return () => clearInterval(timer);
  }, [pending]);

  const act = async (channel: 'ilink/send-now' | 'ilink/resend', row: IlinkSentRow) => {
    try {
      await client.call(channel, { documentId: row.documentId });
      pushToast('info', t('ilink.sent.queued', { number: row.number }));
    } catch {
      // shown by the client (pt-PT message from the core)
    }
    setReload((n) => n + 1);
  };

  const set = (k: keyof Filters) => (value: string) => setFilters((f) => ({ ...f, [k]: value }));

  return (
    <section className="card card--fill">
      <header className="card-head">
        <h3 className="card-title">{t('ilink.sent.title')}</h3>
      </header>
      <FilterBar>
        <FilterText label={t('ilink.sent.filterNumber')} value={filters.number} onChange={set('number')} />
        <FilterSelect
          label={t('ilink.sent.filterType')}
          value={filters.type}
          onChange={set('type')}
          options={TYPES.map((x) => ({ value: x, label: x || t('ilink.sent.allTypes') }))}
        />
        <FilterText
          label={t('ilink.sent.filterCustomerName')}
          value={filters.customerName}
          onChange={set('customerName')}
        />
        <FilterText
          label={t('ilink.sent.filterCustomerNif')}
          value={filters.customerNif}
          onChange={set('customerNif')}
        />
        <FilterDate label={t('ilink.sent.from')} value={filters.from} onChange={set('from')} />
        <FilterDate label={t('ilink.sent.to')} value={filters.to} onChange={set('to')} />
      </FilterBar>
      <div className="table-wrap">
        <table className="table table--rows" data-testid="ilink-history">
          <thead>
            <tr>
              <th>{t('ilink.sent.number')}</th>
              <th>{t('ilink.sent.type')}</th>
              <th>{t('ilink.sent.customer')}</th>
              <th>{t('ilink.sent.sentAt')}</th>
              <th>{t('ilink.sent.state')}</th>
              <th>{t('ilink.sent.success')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {rows?.map((r) => (
              <tr key={r.documentId} data-testid="ilink-row">
                <td className="mono">{r.number}</td>
                <td>
                  <span className="doc-chip">{r.type}</span>
                </td>
                <td>{r.customer}</td>
                <td className="nowrap">{r.sentAt ? formatDateTime(r.sentAt) : ''}</td>
                <td>{r.stateLabel}</td>
                <td
                  title={r.error ?? undefined}
                  className={r.success ? 'ok' : 'num--credit'}
                  data-testid="ilink-success"
                >
                  {r.success ? '✓' : '✗'}
                  {r.error && <span className="muted small"> {r.error}</span>}
                </td>
                <td className="num nowrap">
                  {r.canSendNow && (
                    <button
                      type="button"
                      className="btn btn--small"
                      onClick={() => void act('ilink/send-now', r)}
                    >
                      {t('ilink.sent.sendNow')}
                    </button>
                  )}
                  {r.canResend && (
                    <button
                      type="button"
                      className="btn btn--small"
                      onClick={() => void act('ilink/resend', r)}
                    >
                      {t('ilink.sent.resend')}
                    </button>
                  )}
                  <button
                    type="button"
                    className="btn btn--small"
                    onClick={() => setDialog({ kind: 'attempts', row: r })}
                  >
                    {t('ilink.sent.attempts')}
                  </button>
                  <button
                    type="button"
                    className="btn btn--small"
                    onClick={() => setDialog({ kind: 'xml', row: r })}
                  >
                    {t('ilink.sent.xml')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {rows?.length === 0 && <p className="muted table-note">{t('ilink.sent.none')}</p>}
      </div>
      {dialog?.kind === 'xml' && <IlinkXmlDialog row={dialog.row} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'attempts' && (
        <IlinkAttemptsDialog row={dialog.row} onClose={() => setDialog(null)} />
      )}
    </section>
  );
}
