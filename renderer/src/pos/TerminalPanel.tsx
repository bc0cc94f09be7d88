import type { PaymentProgress, SalePaymentView } from '../../../shared/api/sales';
import { t } from '../../../shared/i18n';
import { RemotePaymentWaiting } from './RemotePaymentWaiting';

/** FACT (PayPay §6.1): the terminal shows the amount and waits 1 minute for the card. */
const WINDOW_MS = 60_000;

const seconds = (ms: number): number => Math.max(0, Math.ceil(ms / 1000));

/** Waiting on the PayPay Cloud terminal (issue 11 item 4). */
export function TerminalWaiting(props: {
  payment: SalePaymentView;
  progress: PaymentProgress | null;
  onCancel: () => void;
}) {
  return (
    <RemotePaymentWaiting
      {...props}
      windowMs={WINDOW_MS}
      testPrefix="tpa"
      texts={{
        title: t('tpa.title'),
        waiting: t('tpa.waiting'),
        left: (ms) => t('tpa.left', { seconds: seconds(ms) }),
        windowOver: t('tpa.windowOver'),
        cancel: t('tpa.cancel'),
      }}
    />
  );
}
