import { salesContract, type PaymentProgress, type SalePaymentView } from '../../../shared/api/sales';
import { t } from '../../../shared/i18n';
import { formatEuro } from '../../../shared/money';
import { Field, inputClass, useZodForm } from '../app/kit';
import { useNow } from '../app/use-now';

/** FACT (PayPay §1.2): 5 minutes to confirm; used only when no progress carried PayPay's own end time. */
const WINDOW_MS = 5 * 60_000;

/** The customer's phone for MB WAY, checked as typed with the contract's own `sales/pay-start` schema. */
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
  const form = useZodForm({
    schema: salesContract['sales/pay-start'].input,
    initial: { phone: '' },
    toInput: (v) => ({ method: 'mbway', phone: v.phone }),
    idPrefix: 'mbway',
  });
  const phone = form.bind('phone');
  const error = form.error('phone');
  const send = form.submit((input) => {
    if (input.phone) onSend(input.phone);
  });
  return (
    <form
      className="mbway-phone"
      data-testid="mbway-form"
      onSubmit={(e) => {
        e.preventDefault();
        void send();
      }}
    >
      <h3>{t('mbway.title')}</h3>
      <p className="muted">{t('mbway.phoneHint', { amount: formatEuro(amount) })}</p>
      <Field label={t('mbway.phone')} htmlFor={phone.id} error={error}>
        <input
          {...phone}
          className={inputClass(error, 'input--lg')}
          type="tel"
          inputMode="tel"
          autoComplete="off"
          autoFocus
          maxLength={30}
          placeholder="912 345 678"
          data-testid="mbway-phone"
        />
      </Field>
      <div className="dialog-actions">
        <button type="button" className="btn btn--ghost btn--lg" onClick={onBack}>
          {t('common.back')}
        </button>
        <button
          type="submit"
          className="btn btn--pay btn--lg"
          disabled={busy || !form.valid}
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
  // PayPay's window starts when it receives the request, a moment after this screen appears: never show > 5:00.
  const left = Math.min(end - now.getTime(), WINDOW_MS);
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
