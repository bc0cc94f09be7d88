import { salesContract, type PaymentProgress, type SalePaymentView } from '../../../shared/api/sales';
import { t } from '../../../shared/i18n';
import { formatEuro } from '../../../shared/money';
import { Field, inputClass, useZodForm } from '../app/kit';
import { RemotePaymentWaiting } from './RemotePaymentWaiting';

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

/** Waiting on the customer's phone (MB WAY, 5 minutes). */
export function MbwayWaiting(props: {
  payment: SalePaymentView;
  progress: PaymentProgress | null;
  onCancel: () => void;
}) {
  return (
    <RemotePaymentWaiting
      {...props}
      windowMs={WINDOW_MS}
      testPrefix="mbway"
      texts={{
        title: t('mbway.title'),
        waiting: t('mbway.waiting'),
        left: (ms) => t('mbway.left', { time: mmss(ms) }),
        windowOver: t('mbway.windowOver'),
        cancel: t('mbway.cancel'),
      }}
    />
  );
}
