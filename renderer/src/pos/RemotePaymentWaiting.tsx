import type { PaymentProgress, SalePaymentView } from '../../../shared/api/sales';
import { formatEuro } from '../../../shared/money';
import { useNow } from '../app/use-now';

/**
 * Waiting on a payment the customer completes elsewhere (MB WAY on the phone, the PayPay Cloud terminal): the
 * amount, the core's latest word, the time left of the partner's window, and cancel. The outcome comes from the
 * core's session events (sales/payment-progress, sales/changed, sales/completed); the only timer here is the
 * clock of the countdown on screen.
 */
export function RemotePaymentWaiting({
  payment,
  progress,
  onCancel,
  windowMs,
  testPrefix,
  texts,
}: {
  payment: SalePaymentView;
  progress: PaymentProgress | null;
  onCancel: () => void;
  /** The partner's window, from when it received the request (the screen never shows more). */
  windowMs: number;
  testPrefix: string;
  texts: { title: string; waiting: string; left: (ms: number) => string; windowOver: string; cancel: string };
}) {
  const now = useNow(1_000);
  const mine = progress && progress.paymentId === payment.id ? progress : null;
  const end = mine?.expiresAt ? Date.parse(mine.expiresAt) : Date.parse(payment.startedAt) + windowMs;
  // The partner's window starts when it receives the request, a moment after this screen appears.
  const left = Math.min(end - now.getTime(), windowMs);
  return (
    <div className="mbway-wait" data-testid={`${testPrefix}-waiting`}>
      <h3>{texts.title}</h3>
      <p className="mbway-wait-amount">{formatEuro(payment.requested)}</p>
      <p role="status" data-testid={`${testPrefix}-status`}>
        {mine?.message ?? texts.waiting}
      </p>
      <p className="mbway-wait-left" data-testid={`${testPrefix}-left`}>
        {left > 0 ? texts.left(left) : texts.windowOver}
      </p>
      <button
        type="button"
        className="btn btn--danger btn--lg"
        data-testid={`${testPrefix}-cancel`}
        onClick={onCancel}
      >
        {texts.cancel}
      </button>
    </div>
  );
}
