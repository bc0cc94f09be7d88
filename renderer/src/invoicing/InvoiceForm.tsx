import { useCallback, useEffect, useState } from 'react';
import { InvoiceCustomer, InvoiceDraft } from '../../../shared/api/invoicing';
import type { Output } from '../../../shared/api';
import type { GuideInvoiceLines } from '../../../shared/api/guides';
import { isPosError } from '../../../shared/errors';
import { t } from '../../../shared/i18n';
import { Dec, formatEuro } from '../../../shared/money';
import type { z } from 'zod';
import { useClient } from '../app/context';
import { Field, FieldRow, inputClass, useZodForm } from '../app/kit';
import { pushToast } from '../app/toasts';
import { LinesEditor, lineInput, lineTotal, newLineKey, type LineState, type Tax } from './LinesEditor';

type CustomerHit = Output<'invoicing/find-customers'>[number];
const HEAD = {
  customer: '',
  nif: '',
  name: '',
  address: '',
  postalCode: '',
  city: '',
  dueDate: '',
  paymentTerms: '',
  orderReference: '',
  notes: '',
};
type Head = typeof HEAD;

const inPlus30 = (): string => {
  const d = new Date(Date.now() + 30 * 86_400_000);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

const known = (v: string): string => (v === 'Desconhecido' ? '' : v);

/** The form's lines for the guides it invoices (guides/invoice-lines). */
const guideLinesOf = (p: GuideInvoiceLines): LineState[] =>
  p.lines.map((l) => ({
    key: newLineKey(),
    articleId: l.articleId,
    description: l.description,
    quantity: l.quantity.replace('.', ','),
    unitPrice: l.unitPrice.replace('.', ','),
    discountPct: l.discountPct.replace('.', ','),
    taxCode: l.taxCode as Tax,
    exemptionCode: null,
    ownTax: l.articleId === null,
    guideLineId: l.guideLineId,
    guideDocNo: l.guideDocNo,
  }));

/**
 * Gestão › Faturação › Nova fatura: customer (searched, or typed with its NIF checked as typed), due date, payment
 * terms, N.º Encomenda, notes, and lines from the catalogue or free text with their discounts. The form and the
 * core validate with the same InvoiceDraft; the core issues through the till's fiscal service.
 */
export function InvoiceForm({
  onIssued,
  fromGuides,
}: {
  onIssued: (r: { id: number; docNo: string; customerId: number | null }) => void;
  /** "Faturar guia" (Gestão › Guias): the customer and every line of the guides, prefilled. */
  fromGuides?: GuideInvoiceLines;
}) {
  const client = useClient();
  const [customerId, setCustomerId] = useState<number | null>(fromGuides?.customer.id ?? null);
  const [lines, setLines] = useState<LineState[]>(() => (fromGuides ? guideLinesOf(fromGuides) : []));
  const [customerQuery, setCustomerQuery] = useState('');
  const [hits, setHits] = useState<CustomerHit[]>([]);

  const toInput = useCallback(
    (v: Head): z.input<typeof InvoiceDraft> => ({
      customer: {
        ...(customerId !== null ? { id: customerId } : {}),
        nif: v.nif,
        name: v.name,
        ...(v.address.trim() ? { address: v.address } : {}),
        ...(v.postalCode.trim() ? { postalCode: v.postalCode } : {}),
        ...(v.city.trim() ? { city: v.city } : {}),
      },
      dueDate: v.dueDate,
      paymentTerms: v.paymentTerms,
      orderReference: v.orderReference,
      notes: v.notes,
      lines: lines.map(lineInput),
    }),
    [customerId, lines],
  );
  const form = useZodForm({
    schema: InvoiceDraft,
    initial: {
      ...HEAD,
      dueDate: inPlus30(),
      ...(fromGuides
        ? {
            nif: fromGuides.customer.nif,
            name: fromGuides.customer.name,
            address: known(fromGuides.customer.address),
            postalCode: known(fromGuides.customer.postalCode),
            city: known(fromGuides.customer.city),
          }
        : {}),
    },
    toInput,
    idPrefix: 'inv',
  });

  useEffect(() => {
    const q = customerQuery.trim();
    if (!q) return;
    const timer = setTimeout(() => {
      void client
        .tryCall('invoicing/find-customers', { query: q, limit: 8 })
        .then((env) => setHits(env.ok ? env.value : []));
    }, 200);
    return () => clearTimeout(timer);
  }, [client, customerQuery]);

  // The customer's own fields, from the same schema the core runs (its errors sit under each field).
  const customerCheck = InvoiceCustomer.safeParse(toInput(form.values).customer);
  const customerError = (field: keyof Head): string | undefined => {
    if (customerCheck.success) return undefined;
    const shown = form.values[field] !== '' || form.error('customer') !== undefined;
    return shown ? customerCheck.error.issues.find((i) => i.path[0] === field)?.message : undefined;
  };

  const pick = (c: CustomerHit): void => {
    setCustomerId(c.id);
    form.set('nif', c.nif);
    form.set('name', c.name);
    form.set('address', c.address === 'Desconhecido' ? '' : c.address);
    form.set('postalCode', c.postalCode === 'Desconhecido' ? '' : c.postalCode);
    form.set('city', c.city === 'Desconhecido' ? '' : c.city);
    setCustomerQuery('');
  };
  const estimate = lines.reduce<Dec | null>((a, l) => {
    const v = lineTotal(l);
    return a && v ? a.plus(v) : null;
  }, new Dec(0));

  const submit = form.submit(async (input) => {
    try {
      const r = await client.call('invoicing/issue-invoice', input);
      pushToast('success', t('inv.issued', { docNo: r.docNo }));
      onIssued({ ...r, customerId });
      form.reset({ ...HEAD, dueDate: inPlus30() });
      setLines([]);
      setCustomerId(null);
    } catch (e) {
      if (isPosError(e)) {
        const field = (e.details as { field?: string } | undefined)?.field;
        form.setServerError(field === 'nif' || field === 'dueDate' ? field : undefined, e.message);
      }
    }
  });

  const text = (
    name: keyof Head,
    label: string,
    extra: { maxLength?: number; type?: string; testId?: string } = {},
  ) => (
    <Field label={label} htmlFor={form.bind(name).id} error={form.error(name) ?? customerError(name)} grow>
      <input
        {...form.bind(name)}
        className={inputClass(form.error(name) ?? customerError(name))}
        type={extra.type ?? 'text'}
        maxLength={extra.maxLength}
        autoComplete="off"
        data-no-wedge
        data-testid={extra.testId}
      />
    </Field>
  );

  return (
    <form
      className="card"
      data-testid="invoice-form"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h3 className="card-title">{t('inv.title')}</h3>
      <Field label={t('inv.findCustomer')} htmlFor="inv-find-customer">
        <input
          id="inv-find-customer"
          className="input input--text"
          type="search"
          value={customerQuery}
          onChange={(e) => setCustomerQuery(e.target.value)}
          data-no-wedge
          data-testid="invoice-find-customer"
        />
      </Field>
      {customerQuery.trim() !== '' && hits.length > 0 && (
        <ul className="choice-list" data-testid="invoice-customer-hits">
          {hits.map((c) => (
            <li key={c.id}>
              <button type="button" className="choice" onClick={() => pick(c)}>
                <span className="choice-title">
                  <span className="mono">{c.nif}</span> · {c.name}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <FieldRow>
        {text('nif', t('inv.nif'), { maxLength: 30, testId: 'invoice-nif' })}
        {text('name', t('inv.name'), { maxLength: 100, testId: 'invoice-name' })}
      </FieldRow>
      <FieldRow>
        {text('address', t('inv.address'), { maxLength: 210 })}
        {text('postalCode', t('inv.postalCode'), { maxLength: 20 })}
        {text('city', t('inv.city'), { maxLength: 50 })}
      </FieldRow>
      <FieldRow>
        {text('dueDate', t('inv.dueDate'), { type: 'date', testId: 'invoice-due' })}
        {text('paymentTerms', t('inv.paymentTerms'), { maxLength: 100 })}
        {text('orderReference', t('order.label'), { maxLength: 80, testId: 'invoice-order' })}
      </FieldRow>
      {text('notes', t('inv.notes'), { maxLength: 200 })}

      <h4>{t('inv.lines')}</h4>
      <LinesEditor lines={lines} onChange={setLines} error={form.issue('lines')} testPrefix="invoice" />
      {estimate && lines.length > 0 && (
        <p className="muted">{t('inv.estimated', { total: formatEuro(estimate.toFixed(2)) })}</p>
      )}
      {form.formError && (
        <p className="notice notice--error" role="alert" data-testid="invoice-error">
          {form.formError}
        </p>
      )}
      <button
        type="submit"
        className="btn btn--primary btn--lg"
        disabled={form.submitting}
        data-testid="invoice-issue"
      >
        {t('inv.issue')}
      </button>
    </form>
  );
}
