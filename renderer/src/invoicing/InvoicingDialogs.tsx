import type { Role } from '../../../shared/api/auth';
import type { FiscalDocumentView } from '../../../shared/api/fiscal';
import { DocumentDialog } from '../documents/DocumentDialog';
import { CancelDialog } from './CancelDialog';
import { CreditNoteDialog } from './CreditNoteDialog';
import { DebitNoteDialog } from './DebitNoteDialog';
import { ReceiptDialog } from './ReceiptDialog';

export type InvoicingDialog =
  | { kind: 'document'; id: number }
  | { kind: 'nc'; doc: FiscalDocumentView }
  | { kind: 'nd'; doc: FiscalDocumentView }
  | { kind: 'cancel'; doc: FiscalDocumentView }
  | { kind: 'receipt'; customerId: number; customerName: string; preselect: number | null };

/** One dialog at a time (the one Dialog): a document, or the action chosen on it, which then shows the result. */
export function InvoicingDialogs({
  dialog,
  role,
  onDialog,
  onChanged,
}: {
  dialog: InvoicingDialog | null;
  role: Role;
  onDialog: (d: InvoicingDialog | null) => void;
  onChanged: () => void;
}) {
  if (!dialog) return null;
  const close = () => onDialog(null);
  const done = (id: number) => {
    onChanged();
    onDialog({ kind: 'document', id });
  };
  switch (dialog.kind) {
    case 'document':
      return (
        <DocumentDialog
          id={dialog.id}
          role={role}
          onClose={close}
          onAction={(action, doc) =>
            onDialog(
              action === 'receipt'
                ? {
                    kind: 'receipt',
                    // The button shows only for a document of a customer on file (DocumentDialog).
                    customerId: doc.customer.id ?? 0,
                    customerName: doc.customer.name,
                    preselect: doc.id,
                  }
                : { kind: action, doc },
            )
          }
        />
      );
    case 'nc':
      return <CreditNoteDialog doc={dialog.doc} onClose={close} onIssued={done} />;
    case 'nd':
      return <DebitNoteDialog doc={dialog.doc} onClose={close} onIssued={done} />;
    case 'cancel':
      return <CancelDialog doc={dialog.doc} onClose={close} onCancelled={done} />;
    case 'receipt':
      return (
        <ReceiptDialog
          customerId={dialog.customerId}
          customerName={dialog.customerName}
          preselect={dialog.preselect}
          onClose={close}
          onIssued={done}
        />
      );
  }
}
