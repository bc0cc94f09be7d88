import { useCallback } from 'react';
import type { Role } from '../../../../shared/api/auth';
import { OperatorInput, type OperatorView } from '../../../../shared/api/operators';
import { ROLES } from '../../../../shared/api/define';
import { t } from '../../../../shared/i18n';
import { useClient } from '../../app/context';
import { Dialog } from '../../app/Dialog';
import { Field, inputClass, useZodForm } from '../../app/kit';
import { pushToast } from '../../app/toasts';

type Values = { name: string; role: string; pin: string };

/** New operator (name, role, PIN) or an edit (name, role; PINs change elsewhere). Same schema as the core. */
export function OperatorDialog({
  operator,
  onClose,
  onSaved,
}: {
  operator: OperatorView | null;
  onClose: () => void;
  onSaved: () => void;
}) {
  const client = useClient();
  const isNew = operator === null;
  const toInput = useCallback(
    (v: Values) => ({ name: v.name, role: v.role, ...(isNew ? { pin: v.pin } : {}) }),
    [isNew],
  );
  const form = useZodForm({
    schema: OperatorInput,
    initial: { name: operator?.name ?? '', role: operator?.role ?? 'caixa', pin: '' },
    toInput,
    idPrefix: 'op',
  });
  const save = form.submit(async (input) => {
    if (isNew && !input.pin) {
      form.setServerError('pin', t('operators.pinNeeded'));
      return;
    }
    const env = await client.tryCall('operators/save', {
      ...(operator ? { id: operator.id } : {}),
      operator: input,
    });
    if (!env.ok) {
      form.setServerError(undefined, env.error.message);
      return;
    }
    pushToast('success', t('operators.saved', { name: env.value.name }));
    onSaved();
  });
  return (
    <Dialog
      title={isNew ? t('operators.new') : t('operators.edit')}
      onClose={onClose}
      onSubmit={() => void save()}
      size="narrow"
      testId="operator-dialog"
      actions={
        <>
          <button type="button" className="btn btn--lg" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="btn btn--lg btn--primary" disabled={form.submitting}>
            {t('operators.save')}
          </button>
        </>
      }
    >
      <Field label={t('operators.name')} htmlFor="op-name" error={form.error('name')}>
        <input className={inputClass(form.error('name'))} autoFocus {...form.bind('name')} />
      </Field>
      <Field label={t('operators.role')} htmlFor="op-role" error={form.error('role')}>
        <select className="input" {...form.bind('role')}>
          {ROLES.map((r: Role) => (
            <option key={r} value={r}>
              {t(`role.${r}`)}
            </option>
          ))}
        </select>
      </Field>
      {isNew && (
        <Field
          label={t('operators.pin')}
          htmlFor="op-pin"
          error={form.error('pin')}
          hint={t('operators.pinHint')}
        >
          <input
            className={inputClass(form.error('pin'))}
            type="password"
            inputMode="numeric"
            autoComplete="new-password"
            {...form.bind('pin')}
          />
        </Field>
      )}
      {form.formError && (
        <p className="field-help field-help--error" role="alert">
          {form.formError}
        </p>
      )}
    </Dialog>
  );
}
