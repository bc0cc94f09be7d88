import { useEffect, useState } from 'react';
import { CustomerInput, type Customer, type CustomerDetail } from '../../../../shared/api/customers';
import { t } from '../../../../shared/i18n';
import { useClient } from '../../app/context';
import { FieldRow, useZodForm } from '../../app/kit';
import { pushToast } from '../../app/toasts';
import { CustomerAccountView } from './CustomerAccount';
import {
  EMPTY_PARTY,
  PartyFields,
  PartyText,
  partyInput,
  partyValuesOf,
  type PartyValues,
} from './PartyFields';

type Values = PartyValues & { code: string; einvoice: boolean; active: boolean };

const EMPTY: Values = { ...EMPTY_PARTY, code: '', einvoice: false, active: true };

const valuesOf = (c: Customer): Values => ({
  ...partyValuesOf(c),
  // A customer without NIF is stored as Consumidor final's 999999990: the box stays empty.
  nif: c.nif === '999999990' ? '' : c.nif,
  code: c.code,
  einvoice: c.einvoice,
  active: c.active,
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
    toInput: partyInput,
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
          <PartyFields
            form={form}
            testPrefix="customer"
            nifHint={t('customers.nifHint')}
            locked={frozen}
            readOnly={readOnly}
            besideNif={
              <PartyText
                form={form}
                name="code"
                label={t('customers.code')}
                testPrefix="customer"
                hint={t('customers.codeHint')}
                max={30}
                readOnly={readOnly || frozen}
              />
            }
          />
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
