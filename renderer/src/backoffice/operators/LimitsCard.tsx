import { useEffect, useState } from 'react';
import { ApprovalLimits, type SettingChange } from '../../../../shared/api/operators';
import { t } from '../../../../shared/i18n';
import { useClient } from '../../app/context';
import { DataTable, Field, FieldRow, inputClass, useZodForm, type Column } from '../../app/kit';
import { pushToast } from '../../app/toasts';
import { formatDateTime } from '../../app/use-now';

type Values = {
  discountPct: string;
  priceOverridePct: string;
  refundAmount: string;
  payoutAmount: string;
  drawerOpenNeedsManager: boolean;
};
/** The screen shows decimal commas; the contract takes points. */
const toInput = (v: Values) => ({
  discountPct: v.discountPct.trim().replace(',', '.'),
  priceOverridePct: v.priceOverridePct.trim().replace(',', '.'),
  refundAmount: v.refundAmount.trim().replace(',', '.'),
  payoutAmount: v.payoutAmount.trim().replace(',', '.'),
  drawerOpenNeedsManager: v.drawerOpenNeedsManager,
});
const shown = (v: string) => v.replace('.', ',');

const HISTORY: Column<SettingChange>[] = [
  { id: 'at', header: t('limits.when'), cell: (r) => formatDateTime(r.at), value: (r) => r.at },
  { id: 'who', header: t('limits.who'), cell: (r) => r.operatorName ?? '—', value: (r) => r.operatorName },
  {
    id: 'field',
    header: t('limits.field'),
    cell: (r) => t(`limits.${r.field}` as 'limits.discountPct'),
    value: (r) => r.field,
  },
  { id: 'change', header: t('limits.change'), cell: (r) => `${shown(r.from)} → ${shown(r.to)}` },
];

type Loaded = { limits: ApprovalLimits; history: SettingChange[] };
const valuesOf = (l: ApprovalLimits): Values => ({
  discountPct: shown(l.discountPct),
  priceOverridePct: shown(l.priceOverridePct),
  refundAmount: shown(l.refundAmount),
  payoutAmount: shown(l.payoutAmount),
  drawerOpenNeedsManager: l.drawerOpenNeedsManager,
});

/** Gestão › Operadores › Limites: above these a caixa needs a gerente's PIN (issue 12 item 6). */
export function LimitsCard({ manager }: { manager: boolean }) {
  const client = useClient();
  const [loaded, setLoaded] = useState<{ data: Loaded; version: number } | null>(null);
  useEffect(() => {
    void client
      .tryCall('settings/approval-limits', {})
      .then((env) => env.ok && setLoaded({ data: env.value, version: 0 }));
  }, [client]);
  if (!loaded) return <p className="muted">{t('app.loading')}</p>;
  // Keyed: what the core stored after a save remounts the form (no reset while typing).
  return (
    <LimitsForm
      key={loaded.version}
      manager={manager}
      data={loaded.data}
      onSaved={(data) => setLoaded((l) => ({ data, version: (l?.version ?? 0) + 1 }))}
    />
  );
}

function LimitsForm({
  manager,
  data,
  onSaved,
}: {
  manager: boolean;
  data: Loaded;
  onSaved: (d: Loaded) => void;
}) {
  const client = useClient();
  const history = data.history;
  const form = useZodForm({
    schema: ApprovalLimits,
    initial: valuesOf(data.limits),
    toInput,
    idPrefix: 'lim',
  });
  const save = form.submit(async (input) => {
    const env = await client.tryCall('settings/set-approval-limits', input);
    if (!env.ok) return form.setServerError(undefined, env.error.message);
    onSaved(env.value);
    pushToast('success', t('limits.saved'));
  });
  const num = (name: 'discountPct' | 'priceOverridePct' | 'refundAmount' | 'payoutAmount', unit: string) => (
    <Field
      label={t(`limits.${name}`)}
      htmlFor={`lim-${name}`}
      error={form.error(name)}
      hint={t(`limits.${name}Hint`)}
    >
      <span className="input-unit">
        <input
          className={inputClass(form.error(name), 'input--num')}
          inputMode="decimal"
          disabled={!manager}
          {...form.bind(name)}
        />
        {unit}
      </span>
    </Field>
  );
  return (
    <section className="card card--span" data-testid="limits-card">
      <h3 className="card-title">{t('limits.title')}</h3>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <FieldRow>
          {num('discountPct', '%')}
          {num('priceOverridePct', '%')}
        </FieldRow>
        <FieldRow>
          {num('refundAmount', '€')}
          {num('payoutAmount', '€')}
        </FieldRow>
        <label className="check">
          <input type="checkbox" disabled={!manager} {...form.bindCheck('drawerOpenNeedsManager')} />{' '}
          {t('limits.drawerOpenNeedsManager')}
        </label>
        {form.formError && (
          <p className="field-help field-help--error" role="alert">
            {form.formError}
          </p>
        )}
        {manager && (
          <button type="submit" className="btn btn--primary" disabled={form.submitting}>
            {t('operators.save')}
          </button>
        )}
      </form>
      <h4 className="card-subtitle">{t('limits.history')}</h4>
      <DataTable
        rows={history}
        columns={HISTORY}
        rowKey={(r) => `${r.at}-${r.field}`}
        pageSize={10}
        emptyText={t('limits.noHistory')}
        testId="limits-history"
      />
    </section>
  );
}
