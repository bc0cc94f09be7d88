import { useEffect, useRef, useState } from 'react';
import type { SaftExportView } from '../../../shared/api/invoicing';
import { t } from '../../../shared/i18n';
import { useClient } from '../app/context';
import { Field, FieldRow } from '../app/kit';
import { downloadBase64 } from './download';

type Kind = 'year' | 'month' | 'custom';
const two = (n: number): string => String(n).padStart(2, '0');
/** How often a running export's state is asked for, beside the pushes. */
const STATUS_POLL_MS = 2_000;
const lastDay = (y: number, m: number): number => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** The period the AT asks for (a fiscal year or a month), or any other, which the core exports with a warning. */
function periodOf(
  kind: Kind,
  year: number,
  month: number,
  from: string,
  to: string,
): { from: string; to: string } {
  if (kind === 'year') return { from: `${year}-01-01`, to: `${year}-12-31` };
  if (kind === 'month')
    return { from: `${year}-${two(month)}-01`, to: `${year}-${two(month)}-${two(lastDay(year, month))}` };
  return { from, to };
}

/**
 * Gestão › SAF-T (PT) (issue 12 item 8): choose the period, export (on the core's worker thread; the till keeps
 * selling), follow the progress pushed as `saft/progress`, download the Windows-1252 file.
 */
export function SaftPanel() {
  const client = useClient();
  const now = new Date();
  const [kind, setKind] = useState<Kind>('month');
  const [year, setYear] = useState(now.getFullYear());
  const [month, setMonth] = useState(now.getMonth() + 1);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [run, setRun] = useState<SaftExportView | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  // Pushes are kept by export id even before `saft/export-start` has answered: on a busy machine the last one
  // ("done") can arrive first, and dropping it left the panel at "running" for ever.
  const pushed = useRef(new Map<string, SaftExportView>());
  useEffect(
    () =>
      client.on('saft/progress', (p) => {
        pushed.current.set(p.id, p);
        setRun((r) => (r && r.id === p.id ? p : r));
      }),
    [client],
  );
  // A push lost while the event socket reconnects would do the same: while running, ask for the state now and then.
  const runningId = run?.state === 'running' ? run.id : null;
  useEffect(() => {
    if (!runningId) return;
    const timer = setInterval(() => {
      void client.tryCall('saft/export-status', { id: runningId }).then((env) => {
        if (env.ok) setRun((r) => (r && r.id === env.value.id && r.state === 'running' ? env.value : r));
      });
    }, STATUS_POLL_MS);
    return () => clearInterval(timer);
  }, [client, runningId]);

  const start = async (): Promise<void> => {
    setBusy(true);
    const env = await client.tryCall('saft/export-start', periodOf(kind, year, month, from, to));
    setBusy(false);
    // tryCall does not toast: the refusal (an impossible period, one export already running) shows here.
    setRun(env.ok ? (pushed.current.get(env.value.id) ?? env.value) : null);
    setError(env.ok ? null : env.error.message);
  };
  const download = async (): Promise<void> => {
    if (!run) return;
    const r = await client.call('saft/export-download', { id: run.id });
    downloadBase64(r.fileName, r.base64, 'application/xml');
  };
  const pct =
    run && run.total > 0 ? Math.round((run.done / run.total) * 100) : run?.state === 'done' ? 100 : 0;

  return (
    <section className="card card--fill" data-testid="saft-panel">
      <h3 className="card-title">{t('saft.title')}</h3>
      <p className="muted">{t('saft.hint')}</p>
      <FieldRow>
        <Field label={t('saft.kind')} htmlFor="saft-kind">
          <select
            id="saft-kind"
            className="input"
            value={kind}
            onChange={(e) => setKind(e.target.value as Kind)}
            data-testid="saft-kind"
          >
            {(['month', 'year', 'custom'] as const).map((k) => (
              <option key={k} value={k}>
                {t(`saft.kind.${k}`)}
              </option>
            ))}
          </select>
        </Field>
        {kind !== 'custom' && (
          <Field label={t('saft.year')} htmlFor="saft-year">
            <input
              id="saft-year"
              className="input input--text input--narrow"
              type="number"
              min={2000}
              max={9999}
              value={year}
              onChange={(e) => setYear(Number(e.target.value))}
              data-testid="saft-year"
            />
          </Field>
        )}
        {kind === 'month' && (
          <Field label={t('saft.month')} htmlFor="saft-month">
            <select
              id="saft-month"
              className="input"
              value={month}
              onChange={(e) => setMonth(Number(e.target.value))}
              data-testid="saft-month"
            >
              {Array.from({ length: 12 }, (_, i) => i + 1).map((m) => (
                <option key={m} value={m}>
                  {two(m)}
                </option>
              ))}
            </select>
          </Field>
        )}
        {kind === 'custom' && (
          <>
            <Field label={t('docs.filter.from')} htmlFor="saft-from">
              <input
                id="saft-from"
                className="input"
                type="date"
                value={from}
                onChange={(e) => setFrom(e.target.value)}
                data-testid="saft-from"
              />
            </Field>
            <Field label={t('docs.filter.to')} htmlFor="saft-to">
              <input
                id="saft-to"
                className="input"
                type="date"
                value={to}
                onChange={(e) => setTo(e.target.value)}
                data-testid="saft-to"
              />
            </Field>
          </>
        )}
        <button
          type="button"
          className="btn btn--primary"
          disabled={busy || run?.state === 'running'}
          onClick={() => void start()}
          data-testid="saft-export"
        >
          {t('saft.export')}
        </button>
      </FieldRow>
      {error && (
        <p className="notice notice--error" role="alert">
          {error}
        </p>
      )}
      {run?.warnings.map((w) => (
        <p key={w} className="notice notice--warning" data-testid="saft-warning">
          {t('saft.warning', { text: w })}
        </p>
      ))}
      {run && (
        <div data-testid="saft-progress" data-state={run.state}>
          <progress max={100} value={pct} aria-label={t('saft.title')} />
          <p className="muted">
            {run.state === 'running'
              ? t('saft.running', { done: run.done, total: run.total })
              : run.state === 'done'
                ? t('saft.done', { bytes: run.bytes ?? 0 })
                : run.error}
          </p>
          {run.state === 'done' && (
            <button type="button" className="btn" onClick={() => void download()} data-testid="saft-download">
              {t('saft.download')}
            </button>
          )}
        </div>
      )}
    </section>
  );
}
