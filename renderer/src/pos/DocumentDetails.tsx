import type { FiscalDocumentView } from '../../../shared/api/fiscal';
import { t } from '../../../shared/i18n';
import { VatTable } from '../app/VatTable';
import { formatEuro } from '../../../shared/money';
import { infoLabel } from '../../../shared/fiscal/info-label';

/** The parts of a document that the after-sale card leaves out: VAT summary, references, extra information. */
export function DocumentDetails({ doc }: { doc: FiscalDocumentView }) {
  const refs = doc.references;
  const related = [...refs.correctedBy, ...refs.settledBy, ...refs.settles];
  return (
    <div className="doc-details">
      <VatTable rows={doc.taxSummary} testId="doc-vat" />
      {doc.change !== null && doc.cashTendered !== null && (
        <p className="muted small">
          {t('doc.tendered', { tendered: formatEuro(doc.cashTendered), change: formatEuro(doc.change) })}
        </p>
      )}
      {related.length > 0 && (
        <p className="small">
          {t('doc.related')}{' '}
          {related
            .map((r) => `${r.docNo} (${formatEuro(r.amount)}${r.status === 'A' ? ', anulado' : ''})`)
            .join(' · ')}
        </p>
      )}
      {doc.status === 'A' && doc.statusReason && (
        <p className="notice notice--error">{t('doc.cancelledReason', { reason: doc.statusReason })}</p>
      )}
      {doc.additionalInfo.map((i) => (
        <p key={`${i.name}${i.value}`} className="small">
          <strong>{infoLabel(i.name)}:</strong> {i.value}
        </p>
      ))}
    </div>
  );
}
