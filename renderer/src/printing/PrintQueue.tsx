import { Fragment, useEffect, useState } from 'react';
import type { PrintJob, PrintJobState } from '../../../shared/api/printing';
import { t } from '../../../shared/i18n';
import { useClient } from '../app/context';
import { pushToast } from '../app/toasts';
import { formatDateTime } from '../app/use-now';

const LIMIT = 100;
type Filter = 'all' | 'pending';

/** The persistent print queue, kept live by `printing/job-changed`; pending jobs can be retried at once. */
export function PrintQueue() {
  const client = useClient();
  const [jobs, setJobs] = useState<PrintJob[] | null>(null);
  const [filter, setFilter] = useState<Filter>('all');

  useEffect(() => {
    let alive = true;
    void client
      .tryCall(
        'printing/list-jobs',
        filter === 'pending' ? { limit: LIMIT, state: 'pending' } : { limit: LIMIT },
      )
      .then((env) => {
        if (alive) setJobs(env.ok ? env.value : []);
      });
    const off = client.on('printing/job-changed', (job) =>
      setJobs((list) => {
        if (!list) return list;
        const i = list.findIndex((j) => j.id === job.id);
        if (i >= 0) {
          if (filter === 'pending' && job.state !== 'pending') return list.filter((j) => j.id !== job.id);
          return list.map((j, k) => (k === i ? job : j));
        }
        if (filter === 'pending' && job.state !== 'pending') return list;
        return [job, ...list].slice(0, LIMIT);
      }),
    );
    return () => {
      alive = false;
      off();
    };
  }, [client, filter]);

  const retry = async (job: PrintJob): Promise<void> => {
    try {
      await client.call('printing/retry-job', { jobId: job.id });
      pushToast('info', t('printing.retrying', { id: job.id }));
    } catch {
      // shown by the client
    }
  };

  return (
    <section className="card card--fill">
      <header className="card-head">
        <h3 className="card-title">{t('printing.queue')}</h3>
        <div className="segmented segmented--small card-head-end">
          {(['all', 'pending'] as const).map((f) => (
            <button
              key={f}
              type="button"
              aria-pressed={filter === f}
              className={`segmented-item${filter === f ? ' segmented-item--active' : ''}`}
              onClick={() => setFilter(f)}
            >
              {t(`printing.filter.${f}`)}
            </button>
          ))}
        </div>
      </header>
      <div className="table-wrap">
        <table className="table" data-testid="print-queue">
          <thead>
            <tr>
              <th>n.º</th>
              <th>{t('printing.what')}</th>
              <th>{t('printing.when')}</th>
              <th>{t('device.state')}</th>
              <th className="num">{t('printing.attempts')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {jobs?.map((j) => (
              <Fragment key={j.id}>
                <tr
                  data-testid="print-job"
                  data-state={j.state}
                  className={j.lastError && j.state === 'pending' ? 'row--has-note' : undefined}
                >
                  <td className="mono">{j.id}</td>
                  <td>
                    {j.docNo ?? t(`printing.kind.${j.kind}`)}
                    {j.copy && <span className="tag">{t('printing.copy')}</span>}
                    <div className="muted small">
                      {j.docNo ? `${t(`printing.kind.${j.kind}`)} · ${j.printerId}` : j.printerId}
                    </div>
                  </td>
                  <td
                    className="nowrap"
                    title={
                      j.printedAt ? t('printing.printedAt', { at: formatDateTime(j.printedAt) }) : undefined
                    }
                  >
                    {formatDateTime(j.createdAt)}
                  </td>
                  <td>
                    <JobState state={j.state} />
                  </td>
                  <td className="num">{j.attempts}</td>
                  <td className="num">
                    {j.state === 'pending' && (
                      <button type="button" className="btn btn--small" onClick={() => void retry(j)}>
                        {t('printing.retry')}
                      </button>
                    )}
                  </td>
                </tr>
                {j.lastError && j.state === 'pending' && (
                  <tr className="row-note">
                    <td colSpan={6} className="job-error" data-testid="print-job-error">
                      {j.lastError}
                    </td>
                  </tr>
                )}
              </Fragment>
            ))}
          </tbody>
        </table>
        {jobs?.length === 0 && (
          <p className="muted table-note">
            {filter === 'pending' ? t('printing.noPending') : t('printing.noJobs')}
          </p>
        )}
      </div>
    </section>
  );
}

function JobState({ state }: { state: PrintJobState }) {
  return <span className={`job-state job-state--${state}`}>{t(`printing.state.${state}`)}</span>;
}
