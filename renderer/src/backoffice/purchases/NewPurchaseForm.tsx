import { useCallback, useEffect, useMemo, useState } from 'react';
import type { Article } from '../../../../shared/api/catalog';
import type { PurchaseDetail } from '../../../../shared/api/purchases';
import { MANUAL_PURCHASE_TYPES, ManualPurchaseInput } from '../../../../shared/api/purchases-stock';
import type { Supplier } from '../../../../shared/api/suppliers';
import { t } from '../../../../shared/i18n';
import { formatEuro } from '../../../../shared/money';
import { computeManualTotals } from '../../../../shared/purchase-totals';
import { useClient } from '../../app/context';
import { Field, FieldRow, inputClass, useZodForm } from '../../app/kit';
import { pushToast } from '../../app/toasts';
import { ArticlePicker } from './ArticlePicker';

type Values = {
  supplierId: string;
  typeCode: string;
  number: string;
  issueDate: string;
  net: string;
  vat: string;
  gross: string;
};
interface LineDraft {
  article: { id: number; code: string; name: string };
  quantity: string;
  unitCost: string;
  discountPct: string;
  vatRate: string;
}
/** ASSUMPTION: the mainland rates as the default of a new line (the manager changes it for Madeira/Azores). */
const RATE: Record<Article['taxCode'], string> = { NOR: '23', INT: '13', RED: '6', ISE: '0' };
/** What people type with a decimal comma becomes the contract's decimal point. */
const num = (v: string): string => v.trim().replace(',', '.');

/**
 * "Nova compra": a supplier invoice typed from its paper. The same schema as the core (ManualPurchaseInput)
 * validates as the manager types; the totals from the paper are compared by the core with its own exact ones.
 */
export function NewPurchaseForm({
  onCreated,
  onClose,
}: {
  onCreated: (p: PurchaseDetail) => void;
  onClose: () => void;
}) {
  const client = useClient();
  const [suppliers, setSuppliers] = useState<Supplier[]>([]);
  const [lines, setLines] = useState<LineDraft[]>([]);
  useEffect(() => {
    void client.tryCall('suppliers/search', { query: '', limit: 500 }).then((env) => {
      if (env.ok) setSuppliers(env.value.filter((s) => s.active));
    });
  }, [client]);
  const toInput = useCallback(
    (v: Values) => ({
      supplierId: v.supplierId,
      typeCode: v.typeCode,
      number: v.number,
      issueDate: v.issueDate,
      lines: lines.map((l) => ({
        articleId: l.article.id,
        quantity: num(l.quantity),
        unitCost: num(l.unitCost),
        discountPct: num(l.discountPct) || '0',
        vatRate: num(l.vatRate),
      })),
      typedTotals: { net: num(v.net), vat: num(v.vat), gross: num(v.gross) },
    }),
    [lines],
  );
  const form = useZodForm({
    schema: ManualPurchaseInput,
    initial: { supplierId: '', typeCode: 'FT', number: '', issueDate: '', net: '', vat: '', gross: '' },
    toInput,
    idPrefix: 'purchase',
  });
  const computed = useMemo(() => {
    const r = ManualPurchaseInput.shape.lines.safeParse(toInput(form.values).lines);
    return r.success && r.data.length ? computeManualTotals(r.data) : null;
  }, [toInput, form.values]);
  const save = form.submit(async (input) => {
    const env = await client.tryCall('purchases/create-manual', input);
    if (!env.ok) {
      const field = env.error.details?.field;
      form.setServerError(typeof field === 'string' ? field : undefined, env.error.message);
      return;
    }
    pushToast('success', t('purchasesUi.created', { number: env.value.number }));
    onCreated(env.value);
  });
  const setLine = (i: number, patch: Partial<LineDraft>) =>
    setLines((ls) => ls.map((l, j) => (j === i ? { ...l, ...patch } : l)));
  const text = (name: keyof Values & string, label: string, type = 'text') => (
    <Field label={label} htmlFor={form.bind(name).id} error={form.error(name)}>
      <input
        {...form.bind(name)}
        type={type}
        className={inputClass(form.error(name))}
        inputMode={type === 'text' && ['net', 'vat', 'gross'].includes(name) ? 'decimal' : undefined}
        data-testid={`purchase-${name}`}
      />
    </Field>
  );
  const totalsError = form.error('typedTotals' as keyof Values & string);
  return (
    <section className="card" data-testid="purchase-form">
      <header className="card-head">
        <h3 className="card-title">{t('purchasesUi.newTitle')}</h3>
        <button type="button" className="btn btn--small btn--ghost" onClick={onClose}>
          {t('customers.close')}
        </button>
      </header>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <FieldRow>
          <Field
            label={t('purchasesUi.supplier')}
            htmlFor="purchase-supplierId"
            error={form.error('supplierId')}
            grow
          >
            <select {...form.bind('supplierId')} className="input" data-testid="purchase-supplierId">
              <option value="">{t('purchasesUi.chooseSupplier')}</option>
              {suppliers.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name} ({s.nif})
                </option>
              ))}
            </select>
          </Field>
          <Field label={t('purchasesUi.type')} htmlFor="purchase-typeCode">
            <select {...form.bind('typeCode')} className="input" data-testid="purchase-typeCode">
              {MANUAL_PURCHASE_TYPES.map((x) => (
                <option key={x} value={x}>
                  {x}
                </option>
              ))}
            </select>
          </Field>
          {text('number', t('purchasesUi.number'))}
          {text('issueDate', t('purchasesUi.date'), 'date')}
        </FieldRow>
        <table className="table purchase-lines" data-testid="purchase-lines">
          <thead>
            <tr>
              <th>{t('purchasesUi.article')}</th>
              <th>{t('purchasesUi.quantity')}</th>
              <th>{t('purchasesUi.unitCost')}</th>
              <th>{t('purchasesUi.discount')}</th>
              <th>{t('purchasesUi.vatRate')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {lines.map((l, i) => (
              <tr key={i} data-testid="purchase-line">
                <td>
                  <span className="mono">{l.article.code}</span> {l.article.name}
                </td>
                {(['quantity', 'unitCost', 'discountPct', 'vatRate'] as const).map((k) => (
                  <td key={k}>
                    <input
                      className="input input--num"
                      inputMode="decimal"
                      aria-label={`${t(`purchasesUi.${k === 'discountPct' ? 'discount' : k}`)} ${i + 1}`}
                      value={l[k]}
                      onChange={(e) => setLine(i, { [k]: e.target.value })}
                      data-testid={`purchase-line-${k}`}
                    />
                  </td>
                ))}
                <td>
                  <button
                    type="button"
                    className="btn btn--small btn--ghost"
                    onClick={() => setLines((ls) => ls.filter((_, j) => j !== i))}
                  >
                    {t('purchasesUi.removeLine')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <ArticlePicker
          testId="purchase-add-article"
          label={t('purchasesUi.addLine')}
          onPick={(a) =>
            setLines((ls) => [
              ...ls,
              {
                article: { id: a.id, code: a.code, name: a.name },
                quantity: '1',
                unitCost: '',
                discountPct: '0',
                vatRate: RATE[a.taxCode],
              },
            ])
          }
        />
        {form.error('lines' as keyof Values & string) && (
          <p className="field-help field-help--error" role="alert">
            {form.error('lines' as keyof Values & string)}
          </p>
        )}
        <FieldRow>
          {text('net', t('purchasesUi.typedNet'))}
          {text('vat', t('purchasesUi.typedVat'))}
          {text('gross', t('purchasesUi.typedGross'))}
        </FieldRow>
        <p className="muted" data-testid="purchase-computed">
          {computed
            ? t('purchasesUi.computed', {
                net: formatEuro(computed.net),
                vat: formatEuro(computed.vat),
                gross: formatEuro(computed.gross),
              })
            : t('purchasesUi.computedNone')}
        </p>
        {(totalsError || form.formError) && (
          <p className="field-help field-help--error" role="alert" data-testid="purchase-error">
            {form.formError ?? totalsError}
          </p>
        )}
        <div className="form-actions">
          <button
            type="submit"
            className="btn btn--primary"
            disabled={form.submitting}
            data-testid="purchase-save"
          >
            {t('purchasesUi.save')}
          </button>
        </div>
      </form>
    </section>
  );
}
