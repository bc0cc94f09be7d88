import { useCallback, useEffect, useState } from 'react';
import { SeriesInput } from '../../../../shared/api/company';
import type { SeriesView } from '../../../../shared/api/fiscal';
import { DOC_TYPES } from '../../../../shared/fiscal/doc-types';
import { t } from '../../../../shared/i18n';
import { useClient } from '../../app/context';
import { DataTable, Field, FieldRow, inputClass, useZodForm, type Column } from '../../app/kit';
import { pushToast } from '../../app/toasts';

type Values = { docType: string; code: string; seriesType: string; validationCode: string };
const toInput = (v: Values) => v;

/**
 * Gestão › Empresa › Séries: per document type and terminal, its last number and AT validation code (the ATCUD
 * prefix). A code can be corrected until the series has a document (the core and a database trigger refuse it
 * after); a training terminal may open the real (N) series ahead of the switch to production.
 */
export function SeriesCard({ manager }: { manager: boolean }) {
  const client = useClient();
  const [rows, setRows] = useState<SeriesView[] | null>(null);
  const [codes, setCodes] = useState<Record<number, string>>({});
  const reload = useCallback(() => {
    void client.tryCall('fiscal/list-series', {}).then((env) => setRows(env.ok ? env.value : []));
  }, [client]);
  useEffect(reload, [reload]);
  const form = useZodForm({
    schema: SeriesInput,
    initial: { docType: 'FS', code: '', seriesType: 'N', validationCode: '' },
    toInput,
    idPrefix: 'se',
  });
  const create = form.submit(async (input) => {
    const env = await client.tryCall('fiscal/open-series', input);
    if (!env.ok) return form.setServerError(undefined, env.error.message);
    pushToast('success', t('series.created', { series: `${env.value.docType} ${env.value.code}` }));
    form.reset({ ...form.values, code: '', validationCode: '' });
    reload();
  });
  const setCode = async (s: SeriesView) => {
    const env = await client.tryCall('fiscal/set-series-code', {
      id: s.id,
      validationCode: (codes[s.id] ?? '').trim().toUpperCase(),
    });
    if (!env.ok) return pushToast('error', env.error.message);
    pushToast('success', t('series.codeSaved', { series: `${s.docType} ${s.code}` }));
    reload();
  };
  const columns: Column<SeriesView>[] = [
    {
      id: 'type',
      header: t('series.docType'),
      cell: (s) => <span className="doc-chip">{s.docType}</span>,
      value: (s) => s.docType,
    },
    {
      id: 'code',
      header: t('series.code'),
      cell: (s) => <span className="mono">{s.code}</span>,
      value: (s) => s.code,
    },
    {
      id: 'kind',
      header: t('series.kind'),
      cell: (s) => (s.seriesType === 'N' ? t('series.real') : t('series.training')),
      value: (s) => s.seriesType,
    },
    { id: 'terminal', header: t('series.terminal'), cell: (s) => s.terminalId, value: (s) => s.terminalId },
    {
      id: 'last',
      header: t('series.lastNumber'),
      cell: (s) => s.lastNumber,
      value: (s) => s.lastNumber,
      align: 'right',
    },
    {
      id: 'state',
      header: t('series.state'),
      cell: (s) => (s.status === 'A' ? t('series.active') : t('series.closed')),
      value: (s) => s.status,
    },
    {
      id: 'atcud',
      header: t('series.validationCode'),
      cell: (s) =>
        manager && s.seriesType === 'N' && s.lastNumber === 0 ? (
          <span className="nowrap">
            <input
              className="input input--text input--small"
              aria-label={t('series.validationCodeOf', { series: `${s.docType} ${s.code}` })}
              value={codes[s.id] ?? s.validationCode ?? ''}
              onChange={(e) => setCodes((c) => ({ ...c, [s.id]: e.target.value }))}
            />
            <button type="button" className="btn btn--small" onClick={() => void setCode(s)}>
              {t('operators.save')}
            </button>
          </span>
        ) : (
          <span className="mono">{s.validationCode ?? '—'}</span>
        ),
      value: (s) => s.validationCode,
    },
  ];
  return (
    <section className="card card--fill card--span" data-testid="series-card">
      <h3 className="card-title">{t('series.title')}</h3>
      <DataTable
        rows={rows}
        columns={columns}
        rowKey={(s) => s.id}
        emptyText={t('series.none')}
        testId="series-table"
      />
      {manager && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void create();
          }}
        >
          <FieldRow>
            <Field label={t('series.docType')} htmlFor="se-docType">
              <select className="input" {...form.bind('docType')}>
                {DOC_TYPES.map((d) => (
                  <option key={d} value={d}>
                    {d}
                  </option>
                ))}
              </select>
            </Field>
            <Field label={t('series.code')} htmlFor="se-code" error={form.error('code')}>
              <input className={inputClass(form.error('code'))} {...form.bind('code')} />
            </Field>
            <Field label={t('series.kind')} htmlFor="se-seriesType">
              <select className="input" {...form.bind('seriesType')}>
                <option value="N">{t('series.real')}</option>
                <option value="F">{t('series.training')}</option>
              </select>
            </Field>
            <Field
              label={t('series.validationCode')}
              htmlFor="se-validationCode"
              error={form.error('validationCode')}
              hint={t('series.codeHint')}
            >
              <input className={inputClass(form.error('validationCode'))} {...form.bind('validationCode')} />
            </Field>
          </FieldRow>
          {form.formError && (
            <p className="field-help field-help--error" role="alert">
              {form.formError}
            </p>
          )}
          <button type="submit" className="btn btn--small btn--primary" disabled={form.submitting}>
            {t('series.create')}
          </button>
        </form>
      )}
    </section>
  );
}
