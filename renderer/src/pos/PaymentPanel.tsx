import { useCallback, useEffect, useState } from 'react';
import type { z } from 'zod';
import type {
  CompletedSale,
  PaymentMethodView,
  PaymentProgress,
  PayResult,
  SaleView,
} from '../../../shared/api/sales';
import { t } from '../../../shared/i18n';
import { fitChars } from '../app/fit-text';
import { dec, formatEuro } from '../../../shared/money';
import { useClient, useSystemInfo } from '../app/context';
import { MoneyEntry, parseMoney, toTyped } from '../app/MoneyEntry';
import { pushToast } from '../app/toasts';
import { ConfirmDialog } from '../app/ConfirmDialog';
import { CashSimulatorPanel } from './CashSimulatorPanel';
import { MbwayPhoneForm, MbwayWaiting } from './MbwayPanel';
import { TerminalWaiting } from './TerminalPanel';

/** The PayPay Cloud terminal's payment method id (electron/core/integrations/paypay/terminal.ts). */
const TPA = 'paypay-terminal';

type Method = z.infer<typeof PaymentMethodView>;

interface Props {
  sale: SaleView;
  onSale: (sale: SaleView) => void;
  onCompleted: (c: CompletedSale) => void;
  onBack: () => void;
  /** The sale was abandoned from here (a 0,00 € sale the cashier voids). */
  onVoided: () => void;
}

/** Quick "customer handed over" amounts for manual cash: the exact amount, then the next notes up. */
export function quickTenders(due: string): string[] {
  const d = dec(due);
  const out = new Set<string>([d.toFixed(2)]);
  for (const note of [5, 10, 20, 50, 100]) if (d.lt(note)) out.add(dec(note).toFixed(2));
  return [...out].slice(0, 4);
}

/**
 * Payment: one method or several (split). CI-5 cash shows live "inserido / falta / troco"; manual cash asks
 * what was handed over; card waits for the cashier to confirm the amount the terminal approved.
 */
export function PaymentPanel({ sale, onSale, onCompleted, onBack, onVoided }: Props) {
  const client = useClient();
  const info = useSystemInfo();
  const [methods, setMethods] = useState<Method[]>([]);
  const [amount, setAmount] = useState(toTyped(sale.remaining));
  const [tendered, setTendered] = useState<string | null>(null);
  const [progress, setProgress] = useState<PaymentProgress | null>(null);
  const [cashNote, setCashNote] = useState<string | null>(null);
  const [approved, setApproved] = useState('');
  const [busy, setBusy] = useState(false);
  /** MB WAY: the phone form is open. */
  const [askPhone, setAskPhone] = useState(false);
  /** The last MB WAY outcome that did not complete the sale (refused, expired, cancelled), shown until the next try. */
  const [mbwayNote, setMbwayNote] = useState<string | null>(null);
  /** MB WAY confirmed on the phone: shown at once, while the core issues the document (sales/completed follows). */
  const [mbwayDone, setMbwayDone] = useState<PaymentProgress | null>(null);

  const pending = sale.payments.find((p) => p.status === 'pending' || p.status === 'awaiting-confirmation');
  const live = progress && (progress.phase === 'started' || progress.phase === 'progress') ? progress : null;
  // Outcome unknown after an interruption (issue 9 A): nothing else may be charged until the machine answers.
  const verifying = sale.payments.find((p) => p.status === 'unknown') ?? null;
  const activeId = pending?.id ?? live?.paymentId ?? verifying?.id ?? null;
  const machineActive = (pending?.method ?? live?.method) === 'cash-machine';
  const mbwayActive = pending?.method === 'mbway' ? pending : null;
  // Issue 11 item 4: the PayPay Cloud terminal waits (a minute) for the card.
  const tpaActive = pending?.method === TPA ? pending : null;
  const awaiting = pending?.status === 'awaiting-confirmation' ? pending : null;

  const loadMethods = useCallback(async () => {
    const env = await client.tryCall('sales/payment-methods', {});
    if (env.ok) setMethods(env.value);
  }, [client]);

  useEffect(() => {
    let alive = true;
    void client.tryCall('sales/payment-methods', {}).then((env) => {
      if (alive && env.ok) setMethods(env.value);
    });
    const offs = [
      client.on('devices/status-changed', () => void loadMethods()),
      client.on('sales/payment-progress', (p) => {
        if (p.saleId !== sale.id) return;
        setProgress(p);
        if (p.phase !== 'started' && p.phase !== 'progress') setCashNote(null);
        if ((p.method === 'mbway' || p.method === TPA) && (p.phase === 'failed' || p.phase === 'cancelled'))
          setMbwayNote(p.message);
        if (p.method === 'mbway' && p.phase === 'settled') setMbwayDone(p);
      }),
      client.on('sales/completed', (c) => c.saleId === sale.id && onCompleted(c)),
      client.on('cash/take-cash', (e) => setCashNote(e.message)),
      client.on('cash/change-shortage', (e) => setCashNote(e.message)),
    ];
    return () => {
      alive = false;
      offs.forEach((off) => off());
    };
  }, [client, loadMethods, sale.id, onCompleted]);

  // When the remaining amount changes (a partial payment settled), propose paying the rest.
  const [seenRemaining, setSeenRemaining] = useState(sale.remaining);
  if (seenRemaining !== sale.remaining) {
    setSeenRemaining(sale.remaining);
    setAmount(toTyped(sale.remaining));
    setTendered(null);
  }
  // A card payment waiting for confirmation: propose the requested amount as the approved one.
  const [seenAwaiting, setSeenAwaiting] = useState<number | null>(null);
  if (awaiting && seenAwaiting !== awaiting.id) {
    setSeenAwaiting(awaiting.id);
    setApproved(toTyped(awaiting.requested));
  }

  const handle = (r: PayResult): void => {
    onSale(r.sale);
    if (r.completed) onCompleted(r.completed);
    else if (r.payment?.status === 'failed' && r.payment.message) pushToast('error', r.payment.message);
  };

  const start = async (method: Method, tenderedAmount?: string, phone?: string): Promise<void> => {
    const value = parseMoney(amount);
    if (!value || dec(value).isZero()) return;
    setBusy(true);
    setProgress(null);
    setMbwayNote(null);
    try {
      handle(
        await client.call('sales/pay-start', {
          method: method.id,
          ...(dec(value).eq(sale.remaining) ? {} : { amount: value }),
          ...(tenderedAmount ? { tendered: tenderedAmount } : {}),
          ...(phone ? { phone } : {}),
        }),
      );
      setTendered(null);
      setAskPhone(false);
    } catch {
      await reloadSale();
    } finally {
      setBusy(false);
    }
  };

  const reloadSale = async (): Promise<void> => {
    const env = await client.tryCall('sales/current', {});
    if (env.ok && env.value) onSale(env.value);
  };

  const cancel = async (): Promise<void> => {
    if (activeId === null) return;
    try {
      handle(await client.call('sales/pay-cancel', { paymentId: activeId }));
    } catch {
      await reloadSale();
    }
    setProgress(null);
  };

  const confirmCard = async (): Promise<void> => {
    const value = parseMoney(approved);
    if (!awaiting || !value) return;
    try {
      handle(await client.call('sales/pay-confirm', { paymentId: awaiting.id, approvedAmount: value }));
    } catch {
      await reloadSale();
    }
  };

  const retryIssue = async (): Promise<void> => {
    try {
      handle(await client.call('sales/retry-issue', { saleId: sale.id }));
    } catch {
      await reloadSale();
    }
  };

  const settled = sale.payments.filter((p) => p.status === 'settled');
  // A partial payment taken by hand (drawer cash, card) can be undone while the sale is being paid (issue 9
  // E.14); CI-5 cash is in the machine, and its way back is the machine's own.
  const undoable = (p: (typeof settled)[number]): boolean =>
    sale.status === 'paying' && p.method !== 'cash-machine';
  const [undo, setUndo] = useState<'back' | number | null>(null);
  const undoPayments = async (ids: number[]): Promise<boolean> => {
    setBusy(true);
    try {
      for (const id of ids) {
        const r = await client.call('sales/pay-cancel', { paymentId: id });
        handle(r);
        if (r.payment?.status === 'refunded' && r.payment.message) pushToast('info', r.payment.message);
      }
      return true;
    } catch {
      await reloadSale();
      return false;
    } finally {
      setBusy(false);
    }
  };
  const undoTotal = (ids: number[]): string =>
    formatEuro(settled.filter((p) => ids.includes(p.id)).reduce((a, p) => a.plus(p.amount), dec(0)));
  const backIds = settled.map((p) => p.id);
  const canBack = activeId === null && !busy && settled.every(undoable);
  // A sale of 0,00 € has nothing to charge: it is completed with its document, or voided.
  const zeroTotal = dec(sale.totals.gross).isZero() && sale.status === 'open';
  const completeZero = async (): Promise<void> => {
    setBusy(true);
    try {
      handle(await client.call('sales/complete-zero', {}));
    } catch {
      await reloadSale();
    } finally {
      setBusy(false);
    }
  };
  const voidSale = async (): Promise<void> => {
    try {
      await client.call('sales/abandon', { reason: 'venda de 0,00 € anulada' });
      onVoided();
    } catch {
      await reloadSale();
    }
  };
  const value = parseMoney(amount);
  const canStart =
    !busy && activeId === null && value !== null && !dec(value).isZero() && sale.status !== 'paid';
  const manual = methods.find((m) => m.id === 'cash-manual');
  const mbway = methods.find((m) => m.id === 'mbway');
  // Until the sale's reload catches up (or while the document is issued for a sale paid in full).
  const mbwayConfirmed =
    mbwayDone !== null &&
    !sale.issueError &&
    (sale.status === 'paid' ||
      sale.payments.some((p) => p.id === mbwayDone.paymentId && p.status === 'pending'));

  return (
    <div className="payment" data-no-wedge>
      <section className="payment-summary" aria-label={t('pay.summary')}>
        <h2>{t('pay.title')}</h2>
        <div className="pay-amounts">
          <div>
            <span>{t('pay.total')}</span>
            <strong data-testid="pay-total" style={fitChars(formatEuro(sale.totals.gross))}>
              {formatEuro(sale.totals.gross)}
            </strong>
          </div>
          <div>
            <span>{t('pay.paid')}</span>
            <strong style={fitChars(formatEuro(sale.paid))}>{formatEuro(sale.paid)}</strong>
          </div>
          <div className="pay-amounts-due">
            <span>{t('pay.remaining')}</span>
            <strong data-testid="pay-remaining" style={fitChars(formatEuro(sale.remaining))}>
              {formatEuro(sale.remaining)}
            </strong>
          </div>
        </div>
        <p className="pay-doc">
          <span className="doc-chip">{sale.decision.type}</span> {sale.decision.reason}
        </p>
        {sale.payments.length > 0 && (
          <ul className="pay-list" aria-label={t('pay.payments')}>
            {sale.payments.map((p) => (
              <li key={p.id} className={`pay-item pay-item--${p.status}`}>
                <span>{p.methodName}</span>
                <span className="pay-item-status">{t(`pay.status.${p.status}`)}</span>
                <strong>{formatEuro(p.status === 'settled' ? p.amount : p.requested)}</strong>
                {p.change && !dec(p.change).isZero() && (
                  <small>{t('pay.changeGiven', { amount: formatEuro(p.change) })}</small>
                )}
                {p.status === 'settled' && undoable(p) && (
                  <button
                    type="button"
                    className="btn btn--small"
                    data-testid={`pay-undo-${p.id}`}
                    disabled={busy || activeId !== null}
                    onClick={() => setUndo(p.id)}
                  >
                    {t('pay.undo')}
                  </button>
                )}
              </li>
            ))}
          </ul>
        )}
        {sale.issueError && (
          <div className="notice notice--error" role="alert">
            <p>{sale.issueError}</p>
            <button type="button" className="btn btn--primary" onClick={() => void retryIssue()}>
              {t('pay.retryIssue')}
            </button>
          </div>
        )}
        <button
          type="button"
          className="btn btn--ghost btn--lg payment-back"
          onClick={() => (settled.length ? setUndo('back') : onBack())}
          disabled={!canBack}
        >
          {t('pay.back')}
        </button>
        {undo !== null && (
          <ConfirmDialog
            title={t('pay.undoTitle')}
            message={t(undo === 'back' ? 'pay.undoBackConfirm' : 'pay.undoConfirm', {
              amount: undoTotal(undo === 'back' ? backIds : [undo]),
            })}
            confirmLabel={t('pay.undo')}
            danger
            onCancel={() => setUndo(null)}
            onConfirm={() => {
              const which = undo;
              setUndo(null);
              void undoPayments(which === 'back' ? backIds : [which]).then((ok) => {
                if (ok && which === 'back') onBack();
              });
            }}
          />
        )}
      </section>

      <section className="payment-main" aria-label={t('pay.methods')}>
        {verifying && !pending && !live ? (
          <div className="notice notice--warning" role="status" data-testid="payment-verifying">
            <h3>{t(verifying.method === TPA ? 'tpa.verifyingTitle' : 'pay.verifyingTitle')}</h3>
            <p>{verifying.message ?? t('pay.verifyingTitle')}</p>
            {verifying.method === 'mbway' && (
              <button
                type="button"
                className="btn btn--danger btn--lg"
                data-testid="payment-verifying-stop"
                onClick={() => void cancel()}
              >
                {t('mbway.cancel')}
              </button>
            )}
            {verifying.method === TPA && (
              <button
                type="button"
                className="btn btn--danger btn--lg"
                data-testid="payment-verifying-stop"
                onClick={() => void cancel()}
              >
                {t('tpa.cancel')}
              </button>
            )}
            {verifying.method === 'cash-machine' && (
              <>
                <p>{t('pay.verifyingHint')}</p>
                <button
                  type="button"
                  className="btn btn--danger btn--lg"
                  data-testid="payment-verifying-stop"
                  onClick={() => void cancel()}
                >
                  {t('pay.verifyingStop')}
                </button>
                {info?.mode === 'training' && <CashSimulatorPanel compact />}
              </>
            )}
          </div>
        ) : mbwayConfirmed ? (
          <div className="mbway-wait" data-testid="mbway-confirmed" role="status">
            <h3>{t('mbway.title')}</h3>
            <p className="mbway-wait-amount">{formatEuro(mbwayDone.due)}</p>
            <p>{mbwayDone.message}</p>
            <p className="muted">{t('mbway.issuing')}</p>
          </div>
        ) : tpaActive ? (
          <TerminalWaiting payment={tpaActive} progress={progress} onCancel={() => void cancel()} />
        ) : mbwayActive ? (
          <MbwayWaiting payment={mbwayActive} progress={progress} onCancel={() => void cancel()} />
        ) : askPhone && mbway ? (
          <MbwayPhoneForm
            amount={value ?? sale.remaining}
            busy={busy}
            onBack={() => setAskPhone(false)}
            onSend={(phone) => void start(mbway, undefined, phone)}
          />
        ) : machineActive || (busy && live && live.method !== 'mbway' && live.method !== TPA) ? (
          <div className="cash-live" data-testid="cash-live">
            <h3>{t('pay.machineTitle')}</h3>
            <div className="cash-live-grid">
              <div>
                <span>{t('pay.inserted')}</span>
                <strong data-testid="cash-inserted">{formatEuro(live?.inserted ?? '0')}</strong>
              </div>
              <div className="cash-live-missing">
                <span>{t('pay.missing')}</span>
                <strong data-testid="cash-missing">
                  {formatEuro(live?.missing ?? pending?.requested ?? '0')}
                </strong>
              </div>
              <div className="cash-live-change">
                <span>{t('pay.change')}</span>
                <strong data-testid="cash-change">{formatEuro(live?.change ?? '0')}</strong>
              </div>
            </div>
            <p className="cash-live-message" role="status">
              {cashNote ?? live?.message ?? t('pay.insertCash')}
            </p>
            <button type="button" className="btn btn--danger btn--lg" onClick={() => void cancel()}>
              {t('pay.cancelCash')}
            </button>
            {info?.mode === 'training' && <CashSimulatorPanel compact />}
          </div>
        ) : awaiting ? (
          <div className="card-confirm">
            <h3>{awaiting.methodName}</h3>
            <p>{awaiting.message ?? t('pay.cardHint', { amount: formatEuro(awaiting.requested) })}</p>
            <MoneyEntry
              label={t('pay.approved')}
              value={approved}
              onChange={setApproved}
              onEnter={() => void confirmCard()}
              testId="approved-amount"
            />
            <div className="dialog-actions">
              <button type="button" className="btn btn--ghost btn--lg" onClick={() => void cancel()}>
                {t('pay.cancelPayment')}
              </button>
              <button type="button" className="btn btn--primary btn--lg" onClick={() => void confirmCard()}>
                {t('pay.confirmApproved')}
              </button>
            </div>
          </div>
        ) : tendered !== null && manual ? (
          <div className="manual-cash">
            <h3>{manual.name}</h3>
            <p className="muted">{t('pay.tenderedHint', { amount: formatEuro(value ?? '0') })}</p>
            <div className="quick-tenders">
              {quickTenders(value ?? sale.remaining).map((q) => (
                <button
                  key={q}
                  type="button"
                  className="btn btn--secondary btn--lg"
                  onClick={() => setTendered(toTyped(q))}
                >
                  {formatEuro(q)}
                </button>
              ))}
            </div>
            <MoneyEntry
              label={t('pay.tendered')}
              value={tendered}
              onChange={setTendered}
              onEnter={() => {
                const v = parseMoney(tendered);
                if (v) void start(manual, v);
              }}
              testId="tendered"
            />
            <p className="manual-change" data-testid="manual-change">
              {(() => {
                const v = parseMoney(tendered);
                if (!v || !value) return '\u00a0';
                const change = dec(v).minus(value);
                return change.gte(0)
                  ? t('pay.changeToGive', { amount: formatEuro(change) })
                  : t('pay.missingCash', { amount: formatEuro(change.neg()) });
              })()}
            </p>
            <div className="dialog-actions">
              <button type="button" className="btn btn--ghost btn--lg" onClick={() => setTendered(null)}>
                {t('common.back')}
              </button>
              <button
                type="button"
                className="btn btn--pay btn--lg"
                disabled={busy || !parseMoney(tendered)}
                onClick={() => {
                  const v = parseMoney(tendered);
                  if (v) void start(manual, v);
                }}
              >
                {t('pay.registerCash')}
              </button>
            </div>
          </div>
        ) : zeroTotal ? (
          <div className="pay-zero" data-testid="pay-zero">
            <h3>{t('pay.zeroTitle')}</h3>
            <p className="muted">{t('pay.zeroHint', { type: sale.decision.type })}</p>
            <div className="dialog-actions">
              <button
                type="button"
                className="btn btn--danger btn--lg"
                disabled={busy}
                data-testid="pay-zero-void"
                onClick={() => void voidSale()}
              >
                {t('pos.voidSale')}
              </button>
              <button
                type="button"
                className="btn btn--pay btn--lg"
                disabled={busy}
                data-testid="pay-zero-complete"
                onClick={() => void completeZero()}
              >
                {t('pay.zeroComplete', { type: sale.decision.type })}
              </button>
            </div>
          </div>
        ) : (
          <div className="pay-choose">
            <MoneyEntry
              label={t('pay.amountToCharge')}
              value={amount}
              onChange={setAmount}
              testId="pay-amount"
            />
            <p className="muted small">{t('pay.splitHint')}</p>
            {mbwayNote && (
              <p className="notice notice--warning" role="status" data-testid="mbway-outcome">
                {mbwayNote}
              </p>
            )}
            <div className="method-grid">
              {methods
                // The PayPay terminal is offered only once one is chosen (Gestão › Integrações › PayPay).
                .filter((m) => m.id !== TPA || m.available)
                .map((m) => (
                  <button
                    key={m.id}
                    type="button"
                    className={`method method--${m.id}`}
                    disabled={!canStart || !m.available}
                    title={m.unavailableReason ?? undefined}
                    onClick={() =>
                      m.id === 'cash-manual'
                        ? setTendered('')
                        : m.id === 'mbway'
                          ? setAskPhone(true)
                          : void start(m)
                    }
                  >
                    <span className="method-name">{m.name}</span>
                    <span className="method-note">
                      {m.available ? t(`pay.mechanism.${m.mechanism}`) : m.unavailableReason}
                    </span>
                  </button>
                ))}
            </div>
          </div>
        )}
      </section>
    </div>
  );
}
