import { useEffect, useState } from 'react';
import { CustomerInput, type Customer, type CustomerDetail } from '../../../../shared/api/customers';
import { t } from '../../../../shared/i18n';
import { useClient } from '../../app/context';
import { Field, FieldRow, inputClass, useZodForm } from '../../app/kit';
import { pushToast } from '../../app/toasts';
import { CustomerAccountView } from './CustomerAccount';

type Values = {
  code: string;
  nif: string;
  name: string;
  address: string;
  postalCode: string;
  city: string;
  country: string;
  email: string;
  phone: string;
  paymentTermsDays: string;
  einvoice: boolean;
  active: boolean;
};

const EMPTY: Values = {
  code: '',
  nif: '',
  name: '',
  address: '',
  postalCode: '',
  city: '',
  country: 'PT',
  email: '',
  phone: '',
  paymentTermsDays: '0',
  einvoice: false,
  active: true,
};

const valuesOf = (c: Customer): Values => ({
  code: c.code,
  nif: c.nif === '999999990' ? '' : c.nif,
  name: c.name,
  address: c.address,
  postalCode: c.postalCode,
  city: c.city,
  country: c.country,
  email: c.email,
  phone: c.phone,
  paymentTermsDays: String(c.paymentTermsDays),
  einvoice: c.einvoice,
  active: c.active,
});

/** The form's strings → the contract's input (the same CustomerInput the core parses). */
const toInput = (v: Values) => ({
  ...v,
  paymentTermsDays: v.paymentTermsDays.trim() === '' ? 0 : Number(v.paymentTermsDays),
});

/**
 * Gestão › Clientes: one customer's file (checked as typed by CustomerInput, the core's schema) and its conta
 * corrente. A customer on a document shows its identity fields read-only: the core refuses them anyway.
 * `readOnly` (the contabilista): every field read-only, no "Gravar"; the conta corrente as for the gerente.
 */
export function CustomerEditor({
  id,
  readOnly = false,
  onSaved,
  onClose,
}: {
  id: number | null;
  readOnly?: boolean;
  onSaved: (d: CustomerDetail) => void;
  onClose: () => void;
}) {
  const client = useClient();
  const [loaded, setLoaded] = useState<CustomerDetail | null>(null);
  useEffect(() => {
    if (id === null) return;
    let alive = true;
    void client.tryCall('customers/get', { id }).then((env) => {
      if (alive && env.ok) setLoaded(env.value);
    });
    return () => {
      alive = false;
    };
  }, [client, id]);
  if (id !== null && loaded?.customer.id !== id) return null;
  return (
    <CustomerForm
      initial={id === null ? null : loaded}
      readOnly={readOnly}
      onSaved={onSaved}
      onClose={onClose}
    />
  );
}

function CustomerForm({
  initial,
  readOnly,
  onSaved,
  onClose,
}: {
  initial: CustomerDetail | null;
  readOnly: boolean;
  onSaved: (d: CustomerDetail) => void;
  onClose: () => void;
}) {
  const client = useClient();
  const id = initial?.customer.id ?? null;
  const [detail, setDetail] = useState<CustomerDetail | null>(initial);
  const [tab, setTab] = useState<'file' | 'account'>('file');
  const form = useZodForm({
    schema: CustomerInput,
    initial: initial ? valuesOf(initial.customer) : EMPTY,
    toInput,
    idPrefix: 'customer',
  });

  const frozen = detail?.customer.frozen === true;
  const save = form.submit(async (input) => {
    const env = await client.tryCall('customers/save', { ...(id !== null ? { id } : {}), customer: input });
    if (!env.ok) {
      const field = env.error.details?.field;
      form.setServerError(typeof field === 'string' ? field : undefined, env.error.message);
      return;
    }
    setDetail(env.value);
    form.reset(valuesOf(env.value.customer));
    pushToast('success', t('customers.saved', { name: env.value.customer.name }));
    onSaved(env.value);
  });

  const text = (
    name: keyof Values & string,
    label: string,
    opts: { locked?: boolean; hint?: string; grow?: boolean; max?: number; placeholder?: string } = {},
  ) => (
    <Field
      label={label}
      htmlFor={form.bind(name).id}
      error={form.error(name)}
      hint={opts.hint}
      grow={opts.grow}
    >
      <input
        {...form.bind(name)}
        className={inputClass(form.error(name))}
        readOnly={readOnly || (opts.locked && frozen)}
        maxLength={opts.max}
        placeholder={opts.placeholder}
        data-testid={`customer-${name}`}
      />
    </Field>
  );

  return (
    <section className="card customer-editor" data-testid="customer-editor">
      <header className="card-head">
        <h3 className="card-title">
          {id === null
            ? t('customers.newTitle')
            : t('customers.editTitle', { name: detail?.customer.name ?? '' })}
        </h3>
        {id !== null && (
          <div className="segmented" role="tablist" aria-label={t('backoffice.customers')}>
            {(['file', 'account'] as const).map((k) => (
              <button
                key={k}
                type="button"
                role="tab"
                aria-selected={tab === k}
                className={`segmented-item${tab === k ? ' segmented-item--active' : ''}`}
                onClick={() => setTab(k)}
                data-testid={`customer-tab-${k}`}
              >
                {t(k === 'file' ? 'customers.tabFile' : 'customers.tabAccount')}
              </button>
            ))}
          </div>
        )}
        <button type="button" className="btn btn--small btn--ghost" onClick={onClose}>
          {t('customers.close')}
        </button>
      </header>
      {tab === 'account' && id !== null ? (
        <CustomerAccountView id={id} />
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (!readOnly) void save();
          }}
          onKeyDown={(e) => {
            if (e.key === 'Escape') onClose();
          }}
        >
          {frozen && (
            <p className="muted small" data-testid="customer-frozen">
              {t('customers.frozenHint')}
            </p>
          )}
          <FieldRow>
            {text('nif', t('customers.nif'), { locked: true, hint: t('customers.nifHint'), max: 30 })}
            {text('code', t('customers.code'), { hint: t('customers.codeHint'), max: 30 })}
          </FieldRow>
          <FieldRow>{text('name', t('customers.name'), { locked: true, grow: true, max: 100 })}</FieldRow>
          <FieldRow>
            {text('address', t('customers.address'), { locked: true, grow: true, max: 210 })}
          </FieldRow>
          <FieldRow>
            {text('postalCode', t('customers.postalCode'), {
              locked: true,
              max: 20,
              placeholder: '0000-000',
            })}
            {text('city', t('customers.city'), { locked: true, grow: true, max: 50 })}
            {text('country', t('customers.country'), { locked: true, max: 2 })}
          </FieldRow>
          <FieldRow>
            {text('email', t('customers.email'), { grow: true, max: 254 })}
            {text('phone', t('customers.phone'), { max: 20 })}
            {text('paymentTermsDays', t('customers.terms'), { max: 3 })}
          </FieldRow>
          <FieldRow>
            <label className="check">
              <input type="checkbox" {...form.bindCheck('einvoice')} disabled={readOnly} />
              {t('customers.einvoice')}
            </label>
            <label className="check">
              <input type="checkbox" {...form.bindCheck('active')} disabled={readOnly} />
              {t('customers.active')}
            </label>
          </FieldRow>
          {form.formError && (
            <p className="field-help field-help--error" role="alert" data-testid="customer-form-error">
              {form.formError}
            </p>
          )}
          {!readOnly && (
            <div className="form-actions">
              <button
                type="submit"
                className="btn btn--primary"
                disabled={form.submitting}
                data-testid="customer-save"
              >
                {t('customers.save')}
              </button>
            </div>
          )}
        </form>
      )}
    </section>
  );
}
