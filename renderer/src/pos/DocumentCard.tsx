import type { FiscalDocumentView } from '../../../shared/api/fiscal';
import { t, type MessageKey } from '../../../shared/i18n';
import { dec, formatEuro, formatQty } from '../../../shared/money';
import { formatDateTime } from '../app/use-now';
import { DocumentDetails } from './DocumentDetails';
import { DocumentQr } from './DocumentQr';

/**
 * A signed document on screen: what the customer's receipt says, with its QR, and for an NC/ND the document
 * it corrects. `detailed` adds the VAT summary, other references and additional information (document history).
 */
export function DocumentCard({ doc, detailed = false }: { doc: FiscalDocumentView; detailed?: boolean }) {
  return (
    <article className="doc-card" aria-label={doc.docNo}>
      <header className="doc-card-head">
        <div>
          <div className="doc-card-type">{doc.typeName}</div>
          <div className="doc-card-no" data-testid="doc-no">
            {doc.docNo}
          </div>
          <div className="muted small">{formatDateTime(doc.systemEntryDate)}</div>
        </div>
        {doc.status === 'A' && <span className="tag tag--void">{t('after.cancelled')}</span>}
        {doc.training && <span className="tag tag--training">{t('app.training')}</span>}
      </header>
      <div className="doc-card-body">
        <div className="doc-card-lines">
          <p className="muted small">
            {doc.customer.isConsumidorFinal
              ? t('sale.finalConsumer')
              : `${doc.customer.name} · NIF ${doc.customer.nif}`}
          </p>
          {/* A correcting document (NC/ND) always says what it corrects, right after a return as in the history. */}
          {doc.references.origin && (
            <p className="doc-card-origin" data-testid="doc-origin">
              {t('doc.origin', { docNo: doc.references.origin.docNo, reason: doc.references.origin.reason })}
            </p>
          )}
          <table className="table table--compact">
            <tbody>
              {doc.lines.map((l) => (
                <tr key={l.lineNo}>
                  <td>
                    {l.description}
                    <div className="muted small">
                      {formatQty(l.quantity)}
                      {/* "1,255 kg × 1,79 €": the unit says what the quantity counts. */}
                      {l.unit !== 'UN' ? ` ${unitLabel(l.unit)}` : ''} × {formatEuro(l.unitPriceGross)} · IVA{' '}
                      {formatQty(l.taxPct)} %
                      {!dec(l.discountPct).isZero() && ` · desc. ${formatQty(l.discountPct)} %`}
                      {l.exemptionCode && ` · ${l.exemptionCode}`}
                    </div>
                  </td>
                  <td className="num">{formatEuro(l.gross)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {!dec(doc.totals.discount).isZero() && (
            <div className="doc-card-discount">
              <span>
                {dec(doc.totals.globalDiscountPct).isZero()
                  ? t('doc.discounts')
                  : t('doc.discountsGlobal', { pct: formatQty(doc.totals.globalDiscountPct) })}
              </span>
              <span>−{formatEuro(doc.totals.discount)}</span>
            </div>
          )}
          <div className="doc-card-total">
            <span>{t('pos.total')}</span>
            <strong data-testid="doc-total">{formatEuro(doc.totals.gross)}</strong>
          </div>
          <p className="muted small">
            {doc.payments.map((p) => `${p.methodName} ${formatEuro(p.amount)}`).join(' · ')}
          </p>
          {doc.notices.map((n) => (
            <p key={n} className="doc-notice">
              {n}
            </p>
          ))}
          {detailed && <DocumentDetails doc={doc} />}
          <p className="muted small">{doc.certificationText}</p>
        </div>
        <DocumentQr text={doc.qr} atcud={doc.atcud} />
      </div>
    </article>
  );
}

/** The unit as the till shows it ("kg"), or the code itself for a unit the catalogue does not name. */
function unitLabel(unit: string): string {
  const key = `unit.${unit}` as MessageKey;
  const label = t(key);
  return label === key ? unit.toLowerCase() : label;
}
