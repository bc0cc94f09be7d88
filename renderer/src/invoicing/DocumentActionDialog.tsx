import type { ReactNode } from 'react';
import { isPosError } from '../../../shared/errors';
import { t } from '../../../shared/i18n';
import { Dialog } from '../app/Dialog';
import { Field, inputClass, type ZodForm } from '../app/kit';
import type { z } from 'zod';

/**
 * The frame the NC, ND and RG dialogs share: the one Dialog with Cancelar + the issuing button, the form's
 * fieldless or server refusal under the content, and Enter in a box issuing (the Dialog is the form). Each dialog keeps its
 * schema (from shared/api) in a useZodForm and its picks in an AmountPicker.
 */
export function DocumentActionDialog({
  title,
  testId,
  issueLabel,
  issueTestId,
  busy,
  disabled,
  error,
  onIssue,
  onClose,
  children,
}: {
  title: string;
  testId: string;
  issueLabel: string;
  issueTestId?: string;
  busy: boolean;
  disabled?: boolean;
  error: string | undefined;
  onIssue: () => void;
  onClose: () => void;
  children: ReactNode;
}) {
  return (
    <Dialog
      title={title}
      size="wide"
      onClose={onClose}
      testId={testId}
      onSubmit={onIssue}
      actions={
        <>
          <button type="button" className="btn btn--ghost btn--lg" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button
            type="submit"
            className="btn btn--primary btn--lg"
            disabled={busy || disabled}
            data-testid={issueTestId}
          >
            {issueLabel}
          </button>
        </>
      }
    >
      {children}
      {error && (
        <p className="notice notice--error" role="alert" data-testid={`${testId}-error`}>
          {error}
        </p>
      )}
    </Dialog>
  );
}

/** The reason of an NC/ND (CIVA art. 36.º n.º 6: 3 to 50 characters, checked by the note's own schema). */
export function ReasonField<V extends { reason: string }, S extends z.ZodType>({
  form,
  id,
}: {
  form: ZodForm<V, S>;
  id: string;
}) {
  const error = form.error('reason');
  return (
    <Field label={t('nc.reason')} htmlFor={id} error={error}>
      <input
        {...form.bind('reason')}
        id={id}
        className={inputClass(error)}
        maxLength={50}
        data-no-wedge
        autoFocus
        data-testid={id}
      />
    </Field>
  );
}

/** A refusal from the core → next to its field when the form has it, else under the content. */
export function serverRefusal<V extends Record<string, string | boolean>, S extends z.ZodType>(
  form: ZodForm<V, S>,
  e: unknown,
): void {
  if (!isPosError(e)) return;
  const field = (e.details as { field?: unknown } | undefined)?.field;
  form.setServerError(typeof field === 'string' ? field : undefined, e.message);
}
