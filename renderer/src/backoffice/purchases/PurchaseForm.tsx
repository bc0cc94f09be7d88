import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Output } from '../../../../shared/api';
import type { PurchaseDetail } from '../../../../shared/api/purchases';
import { MANUAL_PURCHASE_TYPES, ManualPurchaseInput } from '../../../../shared/api/purchases-stock';
import type { Supplier } from '../../../../shared/api/suppliers';
import { t } from '../../../../shared/i18n';
import { Dec, formatEuro } from '../../../../shared/money';
import { computeManualTotals } from '../../../../shared/purchase-totals';
import { useClient } from '../../app/context';
import { Field, FieldRow, inputClass, useZodForm } from '../../app/kit';
import { pushToast } from '../../app/toasts';
import { PurchaseLinesEditor, type LineDraft } from './PurchaseLinesEditor';

type Warehouse = Output<'stock/warehouses'>['warehouses'][number];
type Values = {
  supplierId: string;
  typeCode: string;
  number: string;
  issueDate: string;
  warehouseId: string;
  net: string;
  vat: string;
  gross: string;
};
/** What people type with a decimal comma becomes the contract's decimal point. */
const num = (v: string): string => v.trim().replace(',', '.');
/** A stored decimal shown as people type it (decimal comma). */
const typed = (v: string | null): string => (v ?? '').replace('.', ',');
/** A stored cost as on the paper: at least the cents ("1.1" → "1,10"), more decimals kept. */
const cost = (v: string): string => typed(new Dec(v).toFixed(Math.max(2, new Dec(v).decimalPlaces())));

function initialOf(p: PurchaseDetail | undefined): Values {
  if (!p) {
    return {
      supplierId: '',
      typeCode: 'FT',
      number: '',
      issueDate: '',
      warehouseId: '',
      net: '',
      vat: '',
      gross: '',
    };
  }
  return {
    supplierId: p.supplier.id,
    typeCode: p.typeCode,
    number: p.number,
    issueDate: p.issueDate,
    warehouseId: p.warehouse ? String(p.warehouse.id) : '',
    net: typed(p.totals.net),
    vat: typed(p.totals.vat),
    gross: typed(p.totals.gross),
  };
}

const linesOf = (p: PurchaseDetail | undefined): LineDraft[] =>
  (p?.lines ?? []).flatMap((l) =>
    l.article
      ? [
          {
            article: l.article,
            quantity: typed(l.quantity),
            unitCost: cost(l.unitPrice),
            discountPct: typed(l.discountPct ?? '0'),
            vatRate: typed(l.vatRate ?? '0'),
          },
        ]
      : [],
  );

/**
 * "Nova compra" and "Corrigir compra": a supplier invoice typed from its paper, or a typed one corrected before it
 * enters stock (`purchase`). The same schema as the core (ManualPurchaseInput; the correction is that plus the id)
 * validates as the manager types; the totals from the paper are compared by the core with its own exact ones, on
 * a correction as on the first registration.
 */
export function PurchaseForm({
  purchase,
  onSaved,
  onClose,
}: {
  purchase?: PurchaseDetail;
  onSaved: (p: PurchaseDetail) => void;
  onClose: () => void;
}) {
  const client = useClient();
  const card = useRef<HTMLElement | null>(null);
  // Opened from the purchase dialog, whose closing gave the focus back to the list row below: show the form's top.
  useEffect(() => {
    card.current?.scrollIntoView?.({ block: 'start' });
  }, []);
  const [suppliers, setSuppliers] = useState<Supplier[]>([]);
  const [warehouses, setWarehouses] = useState<Warehouse[]>([]);
  const [lines, setLines] = useState<LineDraft[]>(() => linesOf(purchase));
  const keep = purchase?.supplier.id;
  const keepWarehouse = purchase?.warehouse?.id;
  useEffect(() => {
    void client.tryCall('suppliers/search', { query: '', limit: 500 }).then((env) => {
      // A supplier deactivated since stays choosable on its own purchase (the core allows it there only).
      if (env.ok) setSuppliers(env.value.filter((s) => s.active || s.id === keep));
    });
    void client.tryCall('stock/warehouses', {}).then((env) => {
      if (env.ok) setWarehouses(env.value.warehouses.filter((w) => w.active || w.id === keepWarehouse));
    });
  }, [client, keep, keepWarehouse]);
  const dueDate = purchase?.dueDate ?? null;
  const toInput = useCallback(
    (v: Values) => ({
      supplierId: v.supplierId,
      typeCode: v.typeCode,
      number: v.number,
      issueDate: v.issueDate,
      dueDate,
      warehouseId: v.warehouseId ? Number(v.warehouseId) : null,
      lines: lines.map((l) => ({
        articleId: l.article.id,
        quantity: num(l.quantity),
        unitCost: num(l.unitCost),
        discountPct: num(l.discountPct) || '0',
        vatRate: num(l.vatRate),
      })),
      typedTotals: { net: num(v.net), vat: num(v.vat), gross: num(v.gross) },
    }),
    [lines, dueDate],
  );
  const form = useZodForm({
    schema: ManualPurchaseInput,
    initial: initialOf(purchase),
    toInput,
    idPrefix: 'purchase',
  });
  const computed = useMemo(() => {
    const r = ManualPurchaseInput.shape.lines.safeParse(toInput(form.values).lines);
    return r.success && r.data.length ? computeManualTotals(r.data) : null;
  }, [toInput, form.values]);
  const save = form.submit(async (input) => {
    const env = purchase
      ? await client.tryCall('purchases/update-manual', { ...input, id: purchase.id })
      : await client.tryCall('purchases/create-manual', input);
    if (!env.ok) {
      const field = env.error.details?.field;
      form.setServerError(typeof field === 'string' ? field : undefined, env.error.message);
      return;
    }
    pushToast(
      'success',
      t(purchase ? 'purchasesUi.edited' : 'purchasesUi.created', { number: env.value.number }),
    );
    onSaved(env.value);
  });
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
  const linesError = form.error('lines' as keyof Values & string);
  return (
    <section className="card" data-testid="purchase-form" ref={card}>
      <header className="card-head">
        <h3 className="card-title">
          {purchase
            ? t('purchasesUi.editTitle', { number: `${purchase.typeCode} ${purchase.number}` })
            : t('purchasesUi.newTitle')}
        </h3>
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
          <Field
            label={t('purchasesUi.warehouseTo')}
            htmlFor="purchase-warehouseId"
            error={form.error('warehouseId')}
          >
            <select {...form.bind('warehouseId')} className="input" data-testid="purchase-warehouseId">
              <option value="">{t('purchasesUi.warehouseLater')}</option>
              {warehouses.map((w) => (
                <option key={w.id} value={w.id}>
                  {w.code} — {w.name}
                </option>
              ))}
            </select>
          </Field>
        </FieldRow>
        <PurchaseLinesEditor lines={lines} onChange={setLines} />
        {linesError && (
          <p className="field-help field-help--error" role="alert" data-testid="purchase-lines-error">
            {linesError}
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
            {purchase ? t('purchasesUi.saveEdit') : t('purchasesUi.save')}
          </button>
        </div>
      </form>
    </section>
  );
}
