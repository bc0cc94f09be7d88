import { useEffect, useState, type FormEvent } from 'react';
import type { FoundDocument, ReturnResult } from '../../../shared/api/sales';
import type { z } from 'zod';
import type { PaymentMethodView } from '../../../shared/api/sales';
import { t } from '../../../shared/i18n';
import { dec, fixed, formatEuro, formatQty } from '../../../shared/money';
import { ApprovalCancelled, callWithApproval } from '../app/approval';
import { useClient } from '../app/context';
import { DocumentCard } from '../pos/DocumentCard';
import { useCountdown } from '../app/use-countdown';

type Method = z.infer<typeof PaymentMethodView>;

/**
 * Returns and corrections: find a document (number, receipt barcode or QR read into the box), return some or
 * all lines as a credit note (NC) bounded by what remains, refund by cash (CI-5 or drawer) or card;
 * cancel a document where the rules allow it.
 */
export function ReturnsScreen() {
  const client = useClient();
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<FoundDocument | null>(null);
  const [qty, setQty] = useState<Record<number, string>>({});
  const [reason, setReason] = useState('');
  const [methods, setMethods] = useState<Method[]>([]);
  const [method, setMethod] = useState<string | null>(null);
  const [result, setResult] = useState<ReturnResult | null>(null);
  const [busy, setBusy] = useState(false);
  /** A refund to the PayPay terminal in flight: its amount (the terminal waits a minute for the same card). */
  const [tpaWait, setTpaWait] = useState<string | null>(null);

  useEffect(() => {
    let alive = true;
    void client.tryCall('sales/payment-methods', {}).then((env) => {
      if (!alive || !env.ok) return;
      const refundable = env.value.filter((m) => m.available);
      setMethods(refundable);
      setMethod((cur) => cur ?? refundable[0]?.id ?? null);
    });
    return () => {
      alive = false;
    };
  }, [client]);

  const find = async (e?: FormEvent): Promise<void> => {
    e?.preventDefault();
    const q = query.trim();
    if (!q) return;
    try {
      const doc = await client.call('sales/find-document', { query: q });
      setFound(doc);
      setQty({});
      setResult(null);
    } catch {
      setFound(null);
    }
  };

  const selected = found
    ? found.returnable
        .map((l) => ({ line: l, quantity: qty[l.lineId] ?? '0' }))
        .filter((x) => dec(x.quantity).gt(0))
    : [];
  const refundTotal = selected.reduce(
    (s, x) =>
      s.plus(dec(x.quantity).times(x.line.unitPrice).times(dec(100).minus(x.line.discountPct).div(100))),
    dec(0),
  );

  const step = (lineId: number, remaining: string, delta: number): void =>
    setQty((q) => {
      const next = dec(q[lineId] ?? '0').plus(delta);
      const bounded = next.lt(0) ? dec(0) : next.gt(remaining) ? dec(remaining) : next;
      return { ...q, [lineId]: bounded.toString() };
    });
  const all = (): void => {
    if (!found) return;
    setQty(Object.fromEntries(found.returnable.map((l) => [l.lineId, l.remaining])));
  };

  const submit = async (): Promise<void> => {
    if (!found || !method || selected.length === 0 || reason.trim().length < 3 || busy) return;
    setBusy(true);
    if (method === 'paypay-terminal') setTpaWait(fixed(refundTotal, 2));
    try {
      const r = await callWithApproval(client, 'sales/return', {
        documentId: found.document.id,
        lines: selected.map((x) => ({ lineId: x.line.lineId, quantity: x.quantity })),
        reason: reason.trim(),
        refundMethod: method,
      });
      setResult(r);
      setFound(null);
      setQuery('');
      setReason('');
    } catch (e) {
      if (!(e instanceof ApprovalCancelled)) {
        // shown as a toast
      }
    } finally {
      setBusy(false);
      setTpaWait(null);
    }
  };

  const cancelDoc = async (): Promise<void> => {
    if (!found || reason.trim().length < 3) return;
    try {
      await callWithApproval(client, 'sales/cancel-document', {
        documentId: found.document.id,
        reason: reason.trim(),
      });
      await find();
    } catch {
      // toast or cancelled approval
    }
  };

  return (
    <div className="returns">
      <section className="returns-main">
        <form className="search" onSubmit={(e) => void find(e)} data-no-wedge>
          <span className="search-icon" aria-hidden="true">
            ⌕
          </span>
          <input
            className="search-input"
            type="search"
            autoFocus
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            placeholder={t('returns.search')}
            aria-label={t('returns.search')}
            autoComplete="off"
            spellCheck={false}
          />
        </form>
        {!found && !result && !tpaWait && <p className="muted">{t('returns.hint')}</p>}
        {tpaWait && <RefundTerminalWait amount={tpaWait} />}
        {result && (
          <div className="returns-result" data-testid="return-result">
            <p
              className={`notice ${result.refund.status === 'settled' ? 'notice--info' : result.refund.status === 'pending' ? 'notice--warning' : 'notice--error'}`}
              data-testid="return-refund"
            >
              {t(
                result.refund.status === 'settled'
                  ? 'returns.refunded'
                  : result.refund.status === 'pending'
                    ? 'tpa.refundPending'
                    : 'returns.refundFailed',
                {
                  amount: formatEuro(result.refund.amount),
                },
              )}
              {result.refund.message ? ` ${result.refund.message}` : ''}
            </p>
            <DocumentCard doc={result.document} />
          </div>
        )}
        {found && (
          <div className="returns-doc">
            <header className="returns-doc-head">
              <div>
                <div className="doc-card-no" data-testid="found-doc">
                  {found.document.docNo}
                </div>
                <div className="muted small">
                  {found.document.typeName} · {formatEuro(found.document.totals.gross)}
                </div>
              </div>
              <button
                type="button"
                className="btn btn--secondary"
                onClick={all}
                disabled={!found.canReturn.allowed}
              >
                {t('returns.all')}
              </button>
            </header>
            {!found.canReturn.allowed && <p className="notice notice--error">{found.canReturn.reason}</p>}
            <table className="table">
              <thead>
                <tr>
                  <th>{t('article.name')}</th>
                  <th className="num">{t('returns.sold')}</th>
                  <th className="num">{t('returns.remaining')}</th>
                  <th className="num">{t('returns.toReturn')}</th>
                </tr>
              </thead>
              <tbody>
                {found.returnable.map((l) => (
                  <tr key={l.lineId} data-testid="returnable-line">
                    <td>
                      {l.description}
                      <div className="muted small">{formatEuro(l.unitPrice)}</div>
                    </td>
                    <td className="num">{formatQty(l.quantity)}</td>
                    <td className="num">{formatQty(l.remaining)}</td>
                    <td className="num">
                      <div className="stepper">
                        <button
                          type="button"
                          className="btn btn--square"
                          aria-label={t('pos.minusOne')}
                          onClick={() => step(l.lineId, l.remaining, -1)}
                        >
                          −
                        </button>
                        <strong>{formatQty(qty[l.lineId] ?? '0')}</strong>
                        <button
                          type="button"
                          className="btn btn--square"
                          aria-label={t('pos.plusOne')}
                          disabled={!found.canReturn.allowed || dec(qty[l.lineId] ?? '0').gte(l.remaining)}
                          onClick={() => step(l.lineId, l.remaining, 1)}
                        >
                          +
                        </button>
                      </div>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      {found && (
        <aside className="returns-side" data-no-wedge>
          <label className="field">
            <span className="field-label">{t('returns.reason')}</span>
            <input
              className="input input--lg"
              value={reason}
              maxLength={50}
              placeholder={t('returns.reasonPlaceholder')}
              onChange={(e) => setReason(e.target.value)}
            />
          </label>
          <span className="field-label">{t('returns.refundBy')}</span>
          <div className="choice-list">
            {methods.map((m) => (
              <button
                key={m.id}
                type="button"
                className={`choice${method === m.id ? ' choice--active' : ''}`}
                onClick={() => setMethod(m.id)}
              >
                <span className="choice-title">{m.name}</span>
              </button>
            ))}
          </div>
          <div className="returns-total">
            <span>{t('returns.total')}</span>
            <strong data-testid="refund-total">{formatEuro(fixed(refundTotal, 2))}</strong>
          </div>
          <button
            type="button"
            className="btn btn--pay btn--xl"
            disabled={busy || selected.length === 0 || reason.trim().length < 3 || !method}
            onClick={() => void submit()}
          >
            {t('returns.issue')}
          </button>
          {found.canCancel.allowed ? (
            <button
              type="button"
              className="btn btn--danger-ghost btn--lg"
              disabled={reason.trim().length < 3}
              onClick={() => void cancelDoc()}
            >
              {t('returns.cancelDoc')}
            </button>
          ) : (
            found.canCancel.reason && <p className="muted small">{found.canCancel.reason}</p>
          )}
        </aside>
      )}
    </div>
  );
}

/** Issue 11 item 4: the PayPay terminal waits a minute for the card the sale was paid with. */
function RefundTerminalWait({ amount }: { amount: string }) {
  const [deadline] = useState(() => Date.now() + 60_000);
  const left = useCountdown(deadline);
  return (
    <div className="mbway-wait" data-testid="tpa-refund-waiting" role="status">
      <h3>{t('tpa.title')}</h3>
      <p>{t('tpa.refundWaiting', { amount: formatEuro(amount) })}</p>
      <p className="mbway-wait-left">{left > 0 ? t('tpa.left', { seconds: left }) : t('tpa.windowOver')}</p>
    </div>
  );
}
