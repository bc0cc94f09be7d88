import { useCallback, useEffect, useState } from 'react';
import type { EodDaySummary, EodLight, EodRecord } from '../../../shared/api/eod';
import { dayCharts, eurosLabel } from '../../../shared/charts/geometry';
import { t } from '../../../shared/i18n';
import { useClient } from '../app/context';
import { navigate } from '../app/use-hash-route';
import { ChartSvg } from './ChartSvg';

const LIGHT_KEY = {
  certo: 'eod.light.certo',
  explicadas: 'eod.light.explicadas',
  'por-explicar': 'eod.light.porExplicar',
} as const;

const hourOf = (iso: string): string => {
  const d = new Date(iso);
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
};

function Light({ light }: { light: EodLight | null }) {
  return (
    <span className={`eod-light eod-light--${light ?? 'none'}`} data-light={light ?? 'nao-configurado'}>
      {light ? t(LIGHT_KEY[light]) : t('eod.notConfigured')}
    </span>
  );
}

/**
 * Gestão › Relatórios › Fecho do dia: the record of a day as stored (nothing recomputed here): the verdict, one
 * summary per section with its light, a drill-down to each line and the operations behind it, the charts, and
 * the previous days in a calendar strip coloured by their result.
 */
export function EodPanel() {
  const client = useClient();
  const [days, setDays] = useState<EodDaySummary[]>([]);
  const [record, setRecord] = useState<EodRecord | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const loadDays = useCallback(async () => {
    const env = await client.tryCall('reports/eod-list', { days: 31 });
    if (env.ok) setDays(env.value);
    return env.ok ? env.value : [];
  }, [client]);

  const show = useCallback(
    async (day: string) => {
      const env = await client.tryCall('reports/eod-get', { day });
      if (env.ok) setRecord(env.value);
    },
    [client],
  );

  useEffect(() => {
    let alive = true;
    void client.tryCall('reports/eod-list', { days: 31 }).then(async (env) => {
      if (!alive || !env.ok) return;
      setDays(env.value);
      const first = env.value[0];
      if (!first) return;
      const rec = await client.tryCall('reports/eod-get', { day: first.day });
      if (alive && rec.ok) setRecord(rec.value);
    });
    return () => {
      alive = false;
    };
  }, [client]);

  const run = async (): Promise<void> => {
    setBusy(true);
    const env = await client.tryCall('reports/eod-run', record ? { day: record.day } : {});
    setBusy(false);
    if (!env.ok) return;
    setRecord(env.value);
    await loadDays();
  };

  return (
    <section className="card card--fill eod">
      <header className="card-head">
        <h3 className="card-title">{t('eod.title')}</h3>
        <button type="button" className="btn card-head-end" disabled={busy} onClick={() => void run()}>
          {busy ? t('eod.running') : t('eod.run')}
        </button>
      </header>
      <nav className="eod-strip" aria-label={t('eod.previousDays')}>
        {[...days].reverse().map((d) => (
          <button
            key={d.day}
            type="button"
            className={`eod-day eod-day--${d.light}${record?.day === d.day ? ' eod-day--current' : ''}`}
            title={d.verdict}
            data-testid={`eod-day-${d.day}`}
            onClick={() => void show(d.day)}
          >
            {d.day.slice(8, 10)}/{d.day.slice(5, 7)}
          </button>
        ))}
      </nav>
      {!record ? (
        <p className="muted">{t('eod.none')}</p>
      ) : (
        <>
          <p className={`eod-verdict eod-verdict--${record.light}`} data-testid="eod-verdict">
            {record.verdict}
            <span className="muted"> {t('eod.version', { n: record.version })}</span>
          </p>
          {record.changes.length > 0 && (
            <ul className="eod-changes" aria-label={t('eod.changes')}>
              {record.changes.map((c) => (
                <li key={c}>{c}</li>
              ))}
            </ul>
          )}
          <div className="eod-sections">
            {record.sections.map((s) => (
              <div key={s.id} className="eod-section" data-testid={`eod-section-${s.id}`}>
                <button
                  type="button"
                  className="eod-section-head"
                  aria-expanded={open === s.id}
                  disabled={!s.configured}
                  onClick={() => setOpen(open === s.id ? null : s.id)}
                >
                  <Light light={s.light} />
                  <strong>{s.title}</strong>
                  <span className="muted">{s.summary}</span>
                </button>
                {open === s.id && (
                  <div className="eod-lines">
                    {s.facts.length > 0 && (
                      <dl className="facts">
                        {s.facts.map((f) => (
                          <div key={f.label}>
                            <dt>{f.label}</dt>
                            <dd>{f.value}</dd>
                          </div>
                        ))}
                      </dl>
                    )}
                    <table className="eod-table">
                      <thead>
                        <tr>
                          <th>{t('eod.item')}</th>
                          <th>{t('eod.expected')}</th>
                          <th>{t('eod.actual')}</th>
                          <th>{t('eod.difference')}</th>
                          <th>{t('eod.explanation')}</th>
                        </tr>
                      </thead>
                      <tbody>
                        {s.lines.map((l) => (
                          <tr
                            key={l.key}
                            className={`eod-row eod-row--${l.light}`}
                            data-testid={`eod-line-${l.key}`}
                          >
                            <td>
                              <Light light={l.light} /> {l.item}
                            </td>
                            <td className="num">
                              {l.expectedCents === null ? '' : eurosLabel(l.expectedCents)}
                            </td>
                            <td className="num">{l.actualCents === null ? '' : eurosLabel(l.actualCents)}</td>
                            <td className="num">
                              {l.differenceCents === null ? '' : eurosLabel(l.differenceCents)}
                            </td>
                            <td>
                              {l.explanation}
                              {l.refs.length > 0 && (
                                <span className="eod-refs">
                                  {l.refs.map((r) => (
                                    <span key={`${r.kind}:${r.id}`} className="chip">
                                      {r.label}
                                    </span>
                                  ))}
                                </span>
                              )}
                            </td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </div>
                )}
              </div>
            ))}
          </div>
          <div className="eod-charts">
            {dayCharts(record.charts, { width: 360, height: 190 }, hourOf).map((c) => (
              <ChartSvg key={c.title} chart={c} />
            ))}
          </div>
        </>
      )}
      {/* paypay-office (issue 11 item 6): Gestão de Referências is also reached from Relatórios. */}
      <p className="eod-link">
        <button type="button" className="btn btn--ghost" onClick={() => navigate('/gestao/referencias')}>
          {t('paypayRefs.fromReports')}
        </button>
      </p>
    </section>
  );
}
