import { useCallback } from 'react';
import type { FiscalDocumentView } from '../../../shared/api/fiscal';
import { contract } from '../../../shared/api';
import { t } from '../../../shared/i18n';
import { useClient } from '../app/context';
import { Dialog } from '../app/Dialog';
import { Field, inputClass, useZodForm } from '../app/kit';
import { pushToast } from '../app/toasts';
import { isPosError } from '../../../shared/errors';

const Schema = contract['fiscal/cancel-document'].input;

/** Anular: the reason (3–50 characters); the core refuses what the rules forbid (an NC or a receipt on it). */
export function CancelDialog({
  doc,
  onClose,
  onCancelled,
}: {
  doc: FiscalDocumentView;
  onClose: () => void;
  onCancelled: (id: number) => void;
}) {
  const client = useClient();
  const toInput = useCallback((v: { reason: string }) => ({ id: doc.id, reason: v.reason.trim() }), [doc.id]);
  const form = useZodForm({ schema: Schema, initial: { reason: '' }, toInput, idPrefix: 'cancel' });
  const submit = form.submit(async (input) => {
    try {
      await client.call('fiscal/cancel-document', input);
      pushToast('success', t('cancel.done', { docNo: doc.docNo }));
      onCancelled(doc.id);
    } catch (e) {
      if (isPosError(e)) form.setServerError('reason', e.message);
    }
  });
  return (
    <Dialog
      title={t('cancel.title', { docNo: doc.docNo })}
      size="narrow"
      onClose={onClose}
      testId="cancel-dialog"
      actions={
        <>
          <button type="button" className="btn btn--ghost btn--lg" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button
            type="button"
            className="btn btn--danger btn--lg"
            disabled={form.submitting}
            onClick={() => void submit()}
          >
            {t('cancel.confirm')}
          </button>
        </>
      }
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <Field
          label={t('cancel.reason')}
          htmlFor={form.bind('reason').id}
          error={form.error('reason') ?? form.formError}
        >
          <input
            {...form.bind('reason')}
            className={inputClass(form.error('reason'))}
            maxLength={50}
            data-no-wedge
            autoFocus
          />
        </Field>
      </form>
    </Dialog>
  );
}
