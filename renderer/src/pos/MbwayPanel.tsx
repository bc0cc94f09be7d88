import { useState } from 'react';
import type { PaymentProgress, SalePaymentView } from '../../../shared/api/sales';
import { t } from '../../../shared/i18n';
import { formatEuro } from '../../../shared/money';
import { mbwayPhone } from '../../../shared/payments/mbway-phone';
import { useNow } from '../app/use-now';

/** FACT (PayPay §1.2): 5 minutes to confirm; used only when no progress carried PayPay's own end time. */
const WINDOW_MS = 5 * 60_000;

/** The customer's phone for MB WAY, checked as typed with the same function the core applies. */
export function MbwayPhoneForm({
  amount,
  busy,
  onSend,
  onBack,
}: {
  amount: string;
  busy: boolean;
  onSend: (phone: string) => void;
  onBack: () => void;
}) {
  const [phone, setPhone] = useState('');
  const [touched, setTouched] = useState(false);
  const valid = mbwayPhone(phone) !== null;
  const error = touched && phone.trim() && !valid ? t('mbway.phoneInvalid') : null;
  const send = (): void => {
    setTouched(true);
    if (valid) onSend(phone.trim());
  };
  return (
    <form
      className="mbway-phone"
      data-testid="mbway-form"
      onSubmit={(e) => {
        e.preventDefault();
        send();
      }}
    >
      <h3>{t('mbway.title')}</h3>
      <p className="muted">{t('mbway.phoneHint', { amount: formatEuro(amount) })}</p>
      <label className="field-label" htmlFor="mbway-phone">
        {t('mbway.phone')}
      </label>
      <input
        id="mbway-phone"
        className="input input--text input--lg"
        type="tel"
        inputMode="tel"
        autoComplete="off"
        autoFocus
        maxLength={30}
        value={phone}
        placeholder="912 345 678"
        aria-invalid={!!error}
        aria-describedby={error ? 'mbway-phone-error' : undefined}
        data-testid="mbway-phone"
        onChange={(e) => setPhone(e.target.value)}
        onBlur={() => setTouched(true)}
      />
      <p id="mbway-phone-error" className="field-error" role={error ? 'alert' : undefined}>
        {error ?? '\u00a0'}
      </p>
      <div className="dialog-actions">
        <button type="button" className="btn btn--ghost btn--lg" onClick={onBack}>
          {t('common.back')}
        </button>
        <button
          type="submit"
          className="btn btn--pay btn--lg"
          disabled={busy || !valid}
          data-testid="mbway-send"
        >
          {t('mbway.send')}
        </button>
      </div>
    </form>
  );
}

const mmss = (ms: number): string => {
  const s = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
};

/**
 * Waiting on the customer's phone. The outcome comes from the core's session events (sales/payment-progress,
 * sales/changed, sales/completed); the only timer here is the clock of the countdown on screen.
 */
export function MbwayWaiting({
  payment,
  progress,
  onCancel,
}: {
  payment: SalePaymentView;
  progress: PaymentProgress | null;
  onCancel: () => void;
}) {
  const now = useNow(1_000);
  const mine = progress && progress.paymentId === payment.id ? progress : null;
  const end = mine?.expiresAt ? Date.parse(mine.expiresAt) : Date.parse(payment.startedAt) + WINDOW_MS;
  const left = end - now.getTime();
  return (
    <div className="mbway-wait" data-testid="mbway-waiting">
      <h3>{t('mbway.title')}</h3>
      <p className="mbway-wait-amount">{formatEuro(payment.requested)}</p>
      <p role="status" data-testid="mbway-status">
        {mine?.message ?? t('mbway.waiting')}
      </p>
      <p className="mbway-wait-left" data-testid="mbway-left">
        {left > 0 ? t('mbway.left', { time: mmss(left) }) : t('mbway.windowOver')}
      </p>
      <button type="button" className="btn btn--danger btn--lg" data-testid="mbway-cancel" onClick={onCancel}>
        {t('mbway.cancel')}
      </button>
    </div>
  );
}
