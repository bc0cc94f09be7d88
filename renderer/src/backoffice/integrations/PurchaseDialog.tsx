import { useState } from 'react';
import type { PurchaseDetail } from '../../../../shared/api/purchases';
import { t } from '../../../../shared/i18n';
import { formatEuro, formatQty } from '../../../../shared/money';
import { useLoadOrClose } from '../../app/use-load-or-close';
import { useClient } from '../../app/context';
import { Dialog } from '../../app/Dialog';
import { pushToast } from '../../app/toasts';
import { formatDateTime } from '../../app/use-now';

const money = (p: PurchaseDetail, v: string): string =>
  p.currency === 'EUR' ? formatEuro(v) : `${v} ${p.currency}`;
/** UN/ECE rec. 20 codes the suppliers send, shown as people write them; others as sent. */
const UNITS: Record<string, string> = { C62: 'un', H87: 'un', KGM: 'kg', LTR: 'L', MTR: 'm' };
/** Exact decimals (up to 8 places as sent) in pt-PT: "9,8", "0,125". */
const num = (v: string): string => formatQty(v);
const rate = (v: string | null): string => (v === null ? '—' : `${formatQty(v)} %`);

/**
 * One received purchase (purchases/get): supplier, header, lines, VAT breakdown, totals and the original XML;
 * the manager accepts it or rejects it with a reason (purchases/accept | purchases/reject). A decision is final.
 */
export function PurchaseDialog({
  id,
  onClose,
  onDecided,
}: {
  id: string;
  onClose: () => void;
  onDecided: () => void;
}) {
  const client = useClient();
  const [p, setP] = useLoadOrClose(() => client.call('purchases/get', { id }), id, onClose);
  const [xml, setXml] = useState(false);
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const decide = async (decision: 'accept' | 'reject'): Promise<void> => {
    if (!p) return;
    setBusy(true);
    try {
      if (decision === 'accept') await client.call('purchases/accept', { id });
      else await client.call('purchases/reject', { id, reason: reason.trim() });
      pushToast(
        'success',
        t(decision === 'accept' ? 'imports.accepted' : 'imports.rejected', { number: p.number }),
      );
      setP(await client.call('purchases/get', { id }));
      setRejecting(false);
      onDecided();
    } catch {
      // shown by the client (pt-PT message from the core)
    } finally {
      setBusy(false);
    }
  };

  const actions = (
    <>
      <button type="button" className="btn btn--ghost btn--lg" onClick={onClose}>
        {t('common.close')}
      </button>
      {p?.state === 'registado' &&
        (rejecting ? (
          <button
            type="button"
            className="btn btn--danger btn--lg"
            disabled={busy || !reason.trim()}
            onClick={() => void decide('reject')}
          >
            {t('imports.rejectConfirm')}
          </button>
        ) : (
          <>
            <button
              type="button"
              className="btn btn--danger btn--lg"
              disabled={busy}
              onClick={() => setRejecting(true)}
            >
              {t('imports.reject')}
            </button>
            <button
              type="button"
              className="btn btn--primary btn--lg"
              disabled={busy}
              onClick={() => void decide('accept')}
            >
              {t('imports.accept')}
            </button>
          </>
        ))}
    </>
  );
  const s = p?.supplierDetail;
  return (
    <Dialog
      title={p ? `${t(`purchases.type.${p.kind}`)} ${p.number}` : t('app.loading')}
      hideTitle
      onClose={onClose}
      closeOnBackdrop
      size="doc"
      columns={p?.state === 'registado' && !rejecting ? 3 : 2}
      testId="purchase-dialog"
      actions={actions}
    >
      {!p || !s ? (
        <p className="muted">{t('app.loading')}</p>
      ) : (
        <div className="purchase">
          <header className="purchase-head">
            <h2 className="dialog-title">
              {t(`purchases.type.${p.kind}`)} <span className="doc-chip">{p.typeCode}</span> {p.number}
            </h2>
            <p data-testid="purchase-state">
              <strong>{t(`purchases.state.${p.state}`)}</strong>
              {p.stateReason && <> — {t('imports.reason', { reason: p.stateReason })}</>}
            </p>
          </header>
          <dl className="purchase-facts">
            <dt>{t('imports.supplier')}</dt>
            <dd data-testid="purchase-supplier">
              {p.supplier.vat} - {s.name}
              <div className="muted small">
                {[s.address, `${s.postalCode} ${s.city}`.trim(), s.country].filter(Boolean).join(' · ')}
                {s.email && ` · ${s.email}`}
              </div>
            </dd>
            <dt>{t('imports.issueDate')}</dt>
            <dd>{p.issueDate}</dd>
            {p.dueDate && (
              <>
                <dt>{t('imports.dueDate')}</dt>
                <dd>{p.dueDate}</dd>
              </>
            )}
            <dt>{t('imports.received')}</dt>
            <dd>{formatDateTime(p.receivedAt)}</dd>
            {p.orderReference && (
              <>
                <dt>{t('imports.order')}</dt>
                <dd>{p.orderReference}</dd>
              </>
            )}
            {p.billingReference && (
              <>
                <dt>{t('imports.billing')}</dt>
                <dd>{p.billingReference}</dd>
              </>
            )}
          </dl>
          <h3 className="purchase-sub">{t('imports.lines')}</h3>
          <table className="table table--static" data-testid="purchase-lines">
            <thead>
              <tr>
                <th>{t('imports.lineName')}</th>
                <th>{t('imports.lineRef')}</th>
                <th>{t('imports.lineBarcode')}</th>
                <th className="num">{t('imports.quantity')}</th>
                <th className="num">{t('imports.unitPrice')}</th>
                <th className="num">{t('imports.discount')}</th>
                <th className="num">{t('imports.vat')}</th>
                <th className="num">{t('imports.lineNet')}</th>
              </tr>
            </thead>
            <tbody>
              {p.lines.map((l) => (
                <tr key={l.lineNo}>
                  <td>
                    {l.name}
                    {l.exemptionCode && (
                      <div className="muted small">{`${l.exemptionCode} ${l.exemptionReason ?? ''}`}</div>
                    )}
                  </td>
                  <td className="mono">{l.sellerItemId ?? '—'}</td>
                  <td className="mono">{l.standardItemId ?? '—'}</td>
                  <td className="num">
                    {num(l.quantity)} {l.unitCode ? (UNITS[l.unitCode] ?? l.unitCode) : ''}
                  </td>
                  <td className="num">{num(l.unitPrice)}</td>
                  <td className="num">{l.discount === '0' ? '—' : num(l.discount)}</td>
                  <td className="num">
                    {l.vatCategory} {rate(l.vatRate)}
                  </td>
                  <td className="num">{money(p, l.lineNet)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <h3 className="purchase-sub">{t('imports.vatTable')}</h3>
          <table className="table table--static" data-testid="purchase-taxes">
            <thead>
              <tr>
                <th>{t('imports.vat')}</th>
                <th className="num">{t('imports.taxable')}</th>
                <th className="num">{t('imports.vatTotal')}</th>
              </tr>
            </thead>
            <tbody>
              {p.taxes.map((x, i) => (
                <tr key={i}>
                  <td>
                    {x.category ?? x.scheme ?? '—'} {rate(x.rate)}
                    {x.exemptionCode && <span className="muted small"> {x.exemptionCode}</span>}
                  </td>
                  <td className="num">{money(p, x.taxable)}</td>
                  <td className="num">{money(p, x.tax)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <dl className="purchase-totals" data-testid="purchase-totals">
            <dt>{t('imports.net')}</dt>
            <dd>{money(p, p.totals.net)}</dd>
            <dt>{t('imports.vatTotal')}</dt>
            <dd>{money(p, p.totals.vat)}</dd>
            <dt>{t('imports.gross')}</dt>
            <dd>{money(p, p.totals.gross)}</dd>
            <dt>{t('imports.payable')}</dt>
            <dd>
              <strong>{money(p, p.totals.payable)}</strong>
            </dd>
          </dl>
          {p.xml && (
            <>
              <button type="button" className="btn btn--ghost" onClick={() => setXml((v) => !v)}>
                {xml ? t('imports.hideXml') : t('imports.showXml')}
              </button>
              {xml && (
                <pre className="purchase-xml" data-testid="purchase-xml">
                  {p.xml}
                </pre>
              )}
            </>
          )}
          {rejecting && (
            <label className="field">
              <span className="field-label">{t('imports.rejectReason')}</span>
              <input
                className="input input--text"
                value={reason}
                maxLength={500}
                autoFocus
                onChange={(e) => setReason(e.target.value)}
                aria-label={t('imports.rejectReason')}
              />
            </label>
          )}
        </div>
      )}
    </Dialog>
  );
}
