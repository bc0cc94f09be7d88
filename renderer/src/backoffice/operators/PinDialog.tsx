import { useCallback } from 'react';
import { z } from 'zod';
import { Pin } from '../../../../shared/api/common';
import { PinChange, type OperatorView } from '../../../../shared/api/operators';
import { t } from '../../../../shared/i18n';
import { useClient } from '../../app/context';
import { Dialog } from '../../app/Dialog';
import { Field, inputClass, useZodForm } from '../../app/kit';
import { pushToast } from '../../app/toasts';

const Reset = z.object({ newPin: Pin }).strict();
type Values = { oldPin: string; newPin: string };

/**
 * "Mudar PIN" (the operator, confirming the current PIN) or "Repor PIN" (a gerente, for someone else). The PIN is
 * typed hidden and never shown back; the core hashes it.
 */
export function PinDialog({
  mode,
  operator,
  onClose,
}: {
  mode: 'change' | 'reset';
  operator: OperatorView | { id: number; name: string };
  onClose: () => void;
}) {
  const client = useClient();
  const toInput = useCallback(
    (v: Values) => (mode === 'change' ? { oldPin: v.oldPin, newPin: v.newPin } : { newPin: v.newPin }),
    [mode],
  );
  const form = useZodForm({
    schema: mode === 'change' ? PinChange : Reset,
    initial: { oldPin: '', newPin: '' },
    toInput,
    idPrefix: 'pin',
  });
  const save = form.submit(async (input) => {
    const env =
      mode === 'change'
        ? await client.tryCall('operators/change-pin', input as z.output<typeof PinChange>)
        : await client.tryCall('operators/reset-pin', { id: operator.id, newPin: input.newPin });
    if (!env.ok) {
      form.setServerError(mode === 'change' ? 'oldPin' : undefined, env.error.message);
      return;
    }
    pushToast(
      'success',
      t(mode === 'change' ? 'operators.pinChanged' : 'operators.pinReset', { name: operator.name }),
    );
    onClose();
  });
  const pinInput = (name: 'oldPin' | 'newPin', autoFocus: boolean) => (
    <input
      className={inputClass(form.error(name))}
      type="password"
      inputMode="numeric"
      autoComplete={name === 'oldPin' ? 'current-password' : 'new-password'}
      autoFocus={autoFocus}
      {...form.bind(name)}
    />
  );
  return (
    <Dialog
      title={
        mode === 'change' ? t('operators.changePin') : t('operators.resetPinOf', { name: operator.name })
      }
      onClose={onClose}
      onSubmit={() => void save()}
      size="narrow"
      testId="pin-dialog"
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
      {mode === 'change' && (
        <Field label={t('operators.oldPin')} htmlFor="pin-oldPin" error={form.error('oldPin')}>
          {pinInput('oldPin', true)}
        </Field>
      )}
      <Field
        label={t('operators.newPin')}
        htmlFor="pin-newPin"
        error={form.error('newPin')}
        hint={t('operators.pinHint')}
      >
        {pinInput('newPin', mode === 'reset')}
      </Field>
      {form.formError && (
        <p className="field-help field-help--error" role="alert">
          {form.formError}
        </p>
      )}
    </Dialog>
  );
}
