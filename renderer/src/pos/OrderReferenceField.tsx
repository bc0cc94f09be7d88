import { useCallback } from 'react';
import { OrderReference } from '../../../shared/api/order-reference';
import { t } from '../../../shared/i18n';
import { Field, inputClass, useZodForm } from '../app/kit';
import { z } from 'zod';

const Schema = z.object({ orderReference: OrderReference });

/**
 * "N.º Encomenda" on the sale (issue 10): a small entry in the document step, checked by the contract's schema as
 * typed; Enter or the button saves it on the sale (sales/set-order-reference), empty removes it.
 */
export function OrderReferenceField({
  value,
  onSave,
}: {
  value: string | null;
  onSave: (v: string) => void;
}) {
  const toInput = useCallback((v: { orderReference: string }) => v, []);
  const form = useZodForm({
    schema: Schema,
    initial: { orderReference: value ?? '' },
    toInput,
    idPrefix: 'sale-order',
  });
  const save = form.submit((i) => onSave(i.orderReference));
  return (
    <form
      className="field-row field-row--wrap"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <Field
        label={t('order.label')}
        htmlFor={form.bind('orderReference').id}
        error={form.error('orderReference')}
        hint={t('order.hint')}
        grow
      >
        <input
          {...form.bind('orderReference')}
          className={inputClass(form.error('orderReference'))}
          maxLength={80}
          autoComplete="off"
          data-no-wedge
          data-testid="order-reference"
        />
      </Field>
      <button type="submit" className="btn btn--small" data-testid="order-reference-save">
        {t('order.save')}
      </button>
    </form>
  );
}
