import { useEffect, useState } from 'react';
import { ReorderSave } from '../../../../shared/api/stock';
import { t } from '../../../../shared/i18n';
import { useClient } from '../../app/context';
import { pushToast } from '../../app/toasts';
import { Field, FieldRow, inputClass, useZodForm } from '../../app/kit';

const typed = (v: string): string | null => (v.trim() ? v.trim().replace(',', '.') : null);

/**
 * The minimum and reorder quantity of one article in one warehouse (stock/reorder-save), inside the Stock
 * screen's ledger dialog; the gerente edits, everyone else reads. An empty minimum removes the rule.
 */
type Props = { articleId: number; warehouseId: number; canEdit: boolean; onSaved: () => void };

export function ReorderRuleForm(p: Props) {
  const client = useClient();
  const key = `${p.articleId}-${p.warehouseId}`;
  const [loaded, setLoaded] = useState<{ key: string; minimum: string; reorderQty: string } | null>(null);
  useEffect(() => {
    void client
      .tryCall('stock/reorder-rules', { articleId: p.articleId, warehouseId: p.warehouseId })
      .then((env) => {
        const r = env.ok ? env.value[0] : undefined;
        setLoaded({
          key,
          minimum: r?.minimum.replace('.', ',') ?? '',
          reorderQty: r?.reorderQty?.replace('.', ',') ?? '',
        });
      });
  }, [client, p.articleId, p.warehouseId, key]);
  if (loaded?.key !== key) return null;
  return <RuleFields key={key} {...p} initial={{ minimum: loaded.minimum, reorderQty: loaded.reorderQty }} />;
}

function RuleFields(p: Props & { initial: { minimum: string; reorderQty: string } }) {
  const client = useClient();
  const form = useZodForm({
    schema: ReorderSave,
    idPrefix: 'reorder',
    initial: p.initial,
    toInput: (v) => ({
      articleId: p.articleId,
      warehouseId: p.warehouseId,
      minimum: typed(v.minimum),
      reorderQty: typed(v.reorderQty),
    }),
  });
  const save = form.submit(async (input) => {
    const env = await client.tryCall('stock/reorder-save', input);
    if (!env.ok) {
      form.setServerError(undefined, env.error.message);
      return;
    }
    pushToast('success', t('reorderUi.saved'));
    p.onSaved();
  });

  return (
    <div className="reorder-rule" data-testid="reorder-rule">
      <h4 className="card-subtitle">{t('reorderUi.ruleTitle')}</h4>
      <FieldRow>
        <Field
          label={t('reorderUi.minimum')}
          htmlFor="reorder-minimum"
          error={form.error('minimum')}
          hint={t('reorderUi.ruleHint')}
        >
          <input
            className={inputClass(form.error('minimum'))}
            inputMode="decimal"
            disabled={!p.canEdit}
            {...form.bind('minimum')}
          />
        </Field>
        <Field
          label={t('reorderUi.reorderQty')}
          htmlFor="reorder-reorderQty"
          error={form.error('reorderQty')}
        >
          <input
            className={inputClass(form.error('reorderQty'))}
            inputMode="decimal"
            disabled={!p.canEdit}
            {...form.bind('reorderQty')}
          />
        </Field>
        {p.canEdit && (
          <button
            type="button"
            className="btn btn--primary"
            disabled={form.submitting}
            onClick={() => void save()}
            data-testid="reorder-save"
          >
            {t('reorderUi.save')}
          </button>
        )}
      </FieldRow>
      {form.formError && (
        <p className="field-help field-help--error" role="alert">
          {form.formError}
        </p>
      )}
    </div>
  );
}
