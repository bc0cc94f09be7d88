import { useCallback, useEffect, useState } from 'react';
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
const EMPTY: Values = {
  discountPct: '',
  priceOverridePct: '',
  refundAmount: '',
  payoutAmount: '',
  drawerOpenNeedsManager: true,
};

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

/** Gestão › Operadores › Limites: above these a caixa needs a gerente's PIN (issue 12 item 6). */
export function LimitsCard({ manager }: { manager: boolean }) {
  const client = useClient();
  const [history, setHistory] = useState<SettingChange[] | null>(null);
  const form = useZodForm({
    schema: ApprovalLimits,
    initial: EMPTY,
    toInput,
    idPrefix: 'lim',
  });
  const { reset } = form;
  const load = useCallback(
    (v: { limits: ApprovalLimits; history: SettingChange[] }) => {
      reset({
        discountPct: shown(v.limits.discountPct),
        priceOverridePct: shown(v.limits.priceOverridePct),
        refundAmount: shown(v.limits.refundAmount),
        payoutAmount: shown(v.limits.payoutAmount),
        drawerOpenNeedsManager: v.limits.drawerOpenNeedsManager,
      });
      setHistory(v.history);
    },
    [reset],
  );
  useEffect(() => {
    void client.tryCall('settings/approval-limits', {}).then((env) => env.ok && load(env.value));
  }, [client, load]);

  const save = form.submit(async (input) => {
    const env = await client.tryCall('settings/set-approval-limits', input);
    if (!env.ok) return form.setServerError(undefined, env.error.message);
    load(env.value);
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
    <section className="card" data-testid="limits-card">
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
