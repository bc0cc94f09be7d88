import type { z } from 'zod';
import type { PaymentOutcome, PaymentProvider, PaymentRequest } from '../../sales/payments/provider';
import type { PaymentData } from './codec';
import type { PaypayRow } from './store';

/** What the provider needs of the payment journal (the sales side): a late "yes" goes to review. */
export interface CounterJournalPort {
  status(paymentId: number): string | null;
  record(paymentId: number, outcome: PaymentOutcome): void;
}

/** What start() writes for one request: the row's own fields, the job's payload and the first line on screen. */
export interface CounterRequest<P> {
  /** paypay_payment.entity (the terminal's uuid: refunds go to the same terminal). */
  readonly entity: string | null;
  readonly note: string;
  /** The creation job's payload for the row just written. */
  payload(paymentId: number): P;
  /** The cashier's line while the creation job is on its way. */
  readonly sending: string;
}

/**
 * What differs between the PayPay payments the customer completes away from the till (MB WAY on the phone, the
 * Cloud card terminal): PayPay's endpoint and body, how its answer fills the row, the table of row states →
 * checkout outcomes, and the pt-PT texts. Everything else — one transaction for row + outbox job + provider_ref,
 * the lookup by code before a retry, the waiting checkout, cancel, late "yes" → review, recovery after a crash —
 * is createCounterProvider's (counter-payment.ts), once.
 */
export interface CounterMethod<P extends { paymentId: number }> {
  /** paypay_payment.kind; the checks (service.ts) reach this provider through `paypay.onApplied`. */
  readonly kind: 'mbway' | 'terminal';
  /** The creation job's kind and payload (stored: their shapes outlive a version). */
  readonly jobKind: string;
  readonly payload: z.ZodType<P>;
  /** Retry soon, the customer is at the counter: the creation's back-off ceiling. */
  readonly backoffMaxMs: number;
  /** Balcão's code of the request of one sale payment (PayPay `code`, idempotency key, provider_ref). */
  code(terminalId: string, saleId: number, paymentId: number): string;
  /** The same code parsed back: group 2 is the sale payment's id. */
  readonly codePattern: RegExp;
  /** The customer's window, from when the request is written (the screen counts it down). */
  readonly windowMs: number;
  /** paypay.<audit>-requested / -cancelled / -late. */
  readonly audit: 'mbway' | 'terminal';
  /** The provider's fixed identity and what only this method does (availability, validate, refunds, …). */
  readonly provider: Pick<
    PaymentProvider,
    'id' | 'name' | 'fiscalMethod' | 'mechanism' | 'availability' | 'validate' | 'refund' | 'checkRefund'
  >;
  /** The request for this sale payment, or why it cannot be sent (a failed outcome, nothing written). */
  request(req: PaymentRequest): CounterRequest<P> | { readonly refusal: string };
  /** The creation call at PayPay: path, body, and the attempt's description. */
  send(
    row: PaypayRow,
    payload: P,
  ): { readonly path: string; readonly body: unknown; readonly request: string };
  /** What PayPay's answer to the creation sets on the row (the remote id and state are the core's). */
  adopted(
    p: PaymentData,
    cur: PaypayRow,
    now: Date,
  ): Pick<PaypayRow, 'reference' | 'valid_from' | 'valid_until'>;
  /** The row's final outcome for the checkout, or null while PayPay may still change it. */
  outcome(row: PaypayRow): PaymentOutcome | null;
  /** The cashier's line once PayPay has the request. */
  waiting(row: PaypayRow): string;
  /** Nobody waits any more and PayPay says "yes": late, for the manager (given the journal's status). */
  isLate(status: string | null, row: PaypayRow): boolean;
  /** Beyond a late "yes" and a wrong amount: row states that are the manager's to decide. */
  readonly reviewStates: readonly PaypayRow['state'][];
  /** The manager's review may complete the sale with it (absent: always). */
  canComplete?(row: PaypayRow): boolean;
  readonly texts: {
    /** The creation job's row is gone. */
    readonly unknownRequest: string;
    /** paypay_payment.note of a request PayPay refused (the customer, the card): its outcome says so. */
    readonly refusedNote: string;
    /** paypay_payment.flag of a late "yes" (also the start of its review message). */
    readonly lateFlag: string;
    /** The cashier cancelled while waiting. */
    readonly cancelled: string;
    /** recover(): no row, so nothing was sent. */
    readonly neverSent: string;
    /** recover(): still open at PayPay. */
    readonly checking: string;
  };
}
