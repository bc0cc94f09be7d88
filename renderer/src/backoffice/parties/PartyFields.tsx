import type { ReactNode } from 'react';
import type { z } from 'zod';
import { t } from '../../../../shared/i18n';
import { Field, FieldRow, inputClass, type FormValues, type ZodForm } from '../../app/kit';

/**
 * The party block of Gestão › Clientes and › Fornecedores (one component, D3): NIF, name, address, post code,
 * city, country, e-mail, phone and payment terms, bound to the screen's useZodForm. Both contracts take these
 * fields from CustomerFields (shared/api/customers.ts), so the limits and the messages are the same; the
 * customer's identity fields are read-only once it is on a document (`locked`), the core refuses them anyway.
 */
export type PartyValues = {
  nif: string;
  name: string;
  address: string;
  postalCode: string;
  city: string;
  country: string;
  email: string;
  phone: string;
  paymentTermsDays: string;
};

export const EMPTY_PARTY: PartyValues = {
  nif: '',
  name: '',
  address: '',
  postalCode: '',
  city: '',
  country: 'PT',
  email: '',
  phone: '',
  paymentTermsDays: '0',
};

/** A stored party → the strings the form keeps. */
export const partyValuesOf = (
  p: PartyValues | (Omit<PartyValues, 'paymentTermsDays'> & { paymentTermsDays: number }),
): PartyValues => ({
  nif: p.nif,
  name: p.name,
  address: p.address,
  postalCode: p.postalCode,
  city: p.city,
  country: p.country,
  email: p.email,
  phone: p.phone,
  paymentTermsDays: String(p.paymentTermsDays),
});

/** The form's strings → the contract's input (payment terms as a number; empty = 0). */
export const partyInput = <V extends PartyValues>(
  v: V,
): Omit<V, 'paymentTermsDays'> & { paymentTermsDays: number } => ({
  ...v,
  paymentTermsDays: v.paymentTermsDays.trim() === '' ? 0 : Number(v.paymentTermsDays),
});

/** One text box of a party form, with its label, error and hint (test id `<prefix>-<field>`). */
export function PartyText<V extends FormValues, S extends z.ZodType>({
  form,
  name,
  label,
  testPrefix,
  readOnly,
  hint,
  grow,
  max,
  placeholder,
}: {
  form: ZodForm<V, S>;
  name: keyof V & string;
  label: string;
  testPrefix: string;
  readOnly?: boolean;
  hint?: string;
  grow?: boolean;
  max?: number;
  placeholder?: string;
}) {
  const error = form.error(name);
  return (
    <Field label={label} htmlFor={form.bind(name).id} error={error} hint={hint} grow={grow}>
      <input
        {...form.bind(name)}
        className={inputClass(error)}
        readOnly={readOnly}
        maxLength={max}
        placeholder={placeholder}
        data-testid={`${testPrefix}-${name}`}
      />
    </Field>
  );
}

export function PartyFields<V extends PartyValues & FormValues, S extends z.ZodType>({
  form,
  testPrefix,
  nifHint,
  locked = false,
  readOnly = false,
  besideNif,
}: {
  form: ZodForm<V, S>;
  testPrefix: string;
  nifHint: string;
  /** Identity fields read-only (a customer on a signed document). */
  locked?: boolean;
  /** Every field read-only (the contabilista reads, writes nothing). */
  readOnly?: boolean;
  /** Next to the NIF (the customer's own code). */
  besideNif?: ReactNode;
}) {
  const text = (
    name: keyof PartyValues & keyof V & string,
    label: string,
    o: { identity?: boolean; hint?: string; grow?: boolean; max: number; placeholder?: string },
  ) => (
    <PartyText
      form={form}
      name={name}
      label={label}
      testPrefix={testPrefix}
      readOnly={readOnly || (o.identity === true && locked)}
      hint={o.hint}
      grow={o.grow}
      max={o.max}
      placeholder={o.placeholder}
    />
  );
  return (
    <>
      <FieldRow>
        {text('nif', t('customers.nif'), { identity: true, hint: nifHint, max: 30 })}
        {besideNif}
      </FieldRow>
      <FieldRow>{text('name', t('customers.name'), { identity: true, grow: true, max: 100 })}</FieldRow>
      <FieldRow>{text('address', t('customers.address'), { identity: true, grow: true, max: 210 })}</FieldRow>
      <FieldRow>
        {text('postalCode', t('customers.postalCode'), { identity: true, max: 20, placeholder: '0000-000' })}
        {text('city', t('customers.city'), { identity: true, grow: true, max: 50 })}
        {text('country', t('customers.country'), { identity: true, max: 2 })}
      </FieldRow>
      <FieldRow>
        {text('email', t('customers.email'), { grow: true, max: 254 })}
        {text('phone', t('customers.phone'), { max: 20 })}
        {text('paymentTermsDays', t('customers.terms'), { max: 3 })}
      </FieldRow>
    </>
  );
}
