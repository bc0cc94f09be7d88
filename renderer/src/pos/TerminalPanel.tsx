import type { PaymentProgress, SalePaymentView } from '../../../shared/api/sales';
import { t } from '../../../shared/i18n';
import { formatEuro } from '../../../shared/money';
import { useNow } from '../app/use-now';

/** FACT (PayPay §6.1): the terminal shows the amount and waits 1 minute for the card. */
const WINDOW_MS = 60_000;

const seconds = (ms: number): number => Math.max(0, Math.ceil(ms / 1000));

/**
 * Waiting on the PayPay Cloud terminal (issue 11 item 4). The outcome comes from the core's session events
 * (sales/payment-progress, sales/changed, sales/completed); the only timer here is the countdown on screen.
 */
export function TerminalWaiting({
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
  const left = Math.min(end - now.getTime(), WINDOW_MS);
  return (
    <div className="mbway-wait" data-testid="tpa-waiting">
      <h3>{t('tpa.title')}</h3>
      <p className="mbway-wait-amount">{formatEuro(payment.requested)}</p>
      <p role="status" data-testid="tpa-status">
        {mine?.message ?? t('tpa.waiting')}
      </p>
      <p className="mbway-wait-left" data-testid="tpa-left">
        {left > 0 ? t('tpa.left', { seconds: seconds(left) }) : t('tpa.windowOver')}
      </p>
      <button type="button" className="btn btn--danger btn--lg" data-testid="tpa-cancel" onClick={onCancel}>
        {t('tpa.cancel')}
      </button>
    </div>
  );
}
