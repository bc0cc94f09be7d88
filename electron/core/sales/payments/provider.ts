import type { PaymentMethod, SaftMechanism } from '../../../../shared/fiscal/payments';

/**
 * The payment-method extension point. A provider collects money for a sale (or gives it back) and reports
 * live progress; the checkout journals an intent row before calling it and the outcome after, and issues the
 * fiscal document only once the sale is fully settled.
 *
 * Providers today: `cash-machine` (Glory CI-5 through the cash service), `cash-manual` (drawer), `card`
 * (external terminal, the cashier confirms the approved amount).
 *
 * PayPay slot (later issue): register providers `mb-reference` (fiscalMethod 'mb_reference', mechanism MB:
 * start() creates the reference and returns `awaiting-confirmation` with the entity/reference in `message`
 * and `ref`; the partner's callback resolves it by calling `SalesService.confirmPayment(paymentId, amount)`)
 * and `mbway` (fiscalMethod 'mbway': start() pushes the request to the phone and resolves when the partner
 * answers; cancel() withdraws it; recover() asks the partner for the status by `ref`).
 * Register with `SalesService.registerProvider(provider)`.
 */

export interface PaymentProgressUpdate {
  /** Inserted so far, still missing, change to give (decimal strings, €). */
  inserted: string;
  missing: string;
  change: string;
  /** pt-PT line for the cashier/customer ("Falta 2,50 €", "Retire o troco"). */
  message: string;
  /** When the customer's window ends (MB WAY's 5 minutes, the PayPay terminal's minute): the screen counts down. */
  expiresAt?: string;
}

export interface PaymentRequest {
  saleId: number;
  paymentId: number;
  /** Amount to collect towards the sale. */
  amount: string;
  /** Cash handed over (cash-manual), when more than the amount: the difference is change. */
  tendered?: string;
  /** The customer's phone (MB WAY), as typed; the provider's validate() has accepted it. */
  phone?: string;
  operatorId: number;
  /** Live progress, forwarded to the UI as `sales/payment-progress`. */
  progress(update: PaymentProgressUpdate): void;
  /** Persists the provider's reference (e.g. the cash journal SeqNo) as soon as it is known. */
  setRef(ref: string): void;
}

export type PaymentOutcome =
  | {
      status: 'settled';
      /** Counts towards the sale (never more than requested). */
      amount: string;
      tendered?: string | null;
      change?: string | null;
      ref?: string | null;
      message?: string | null;
    }
  | { status: 'awaiting-confirmation'; message: string; ref?: string | null }
  /**
   * Outcome not known (issue 9 A): money may have been taken, so the payment must never be treated as failed. It
   * holds the sale (no second payment) until the provider settles it from its own record, or a manager decides
   * (CI-5: the cash review list — return the cash or complete the sale). Later providers (PayPay) use it too.
   */
  | {
      status: 'unknown';
      message: string;
      ref?: string | null;
      /** true: only a person can resolve it (manager review); false/absent: recovery keeps asking recover(). */
      review?: boolean;
    }
  | { status: 'failed' | 'cancelled'; message: string; ref?: string | null };

export interface RefundRequest {
  amount: string;
  reason: string;
  operatorId: number;
  /** The payment being reversed, when there is one (null for returns against a past document). */
  paymentRef?: string | null;
  /** A return against a past document: the document (a card refund goes to that sale's own card payment). */
  originDocumentId?: number;
  /** The return (sale_return) this refund pays out, when it is one. */
  returnId?: number;
}

export interface RefundOutcome {
  ok: boolean;
  /** Amount actually given back. */
  amount: string;
  message: string | null;
  ref?: string | null;
  /** The provider has not heard back yet (PayPay terminal: the card is awaited): neither given back nor failed. */
  pending?: boolean;
}

export interface PaymentProvider {
  /** Stable id, the payment method in the contract ('cash-machine', 'card', …). */
  readonly id: string;
  /** pt-PT name shown on the buttons. */
  readonly name: string;
  /** How the fiscal core records it (its SAF-T mechanism comes from this: cash → NU, card → CC…). */
  readonly fiscalMethod: PaymentMethod;
  readonly mechanism: SaftMechanism;
  /** Can take more than due and give change (cash). */
  readonly givesChange: boolean;
  /** The cashier confirms the approved amount (card on an external terminal). */
  readonly needsConfirmation: boolean;
  availability(): { available: boolean; reason: string | null };
  /** Checks the method's own input before anything is journaled (MB WAY: the phone); pt-PT reason, or null. */
  validate?(input: { phone?: string }): string | null;
  /**
   * Starts collecting. `outcome` resolves when done (a cash machine may take minutes); `wait` tells the
   * checkout whether to answer the call with the outcome (fast providers) or at once with a pending payment.
   */
  start(req: PaymentRequest): { outcome: Promise<PaymentOutcome>; wait: boolean };
  /** Confirms an `awaiting-confirmation` payment (card: the amount the terminal approved). */
  confirm?(paymentId: number, approvedAmount: string, requested: string): PaymentOutcome;
  /** Asks a running start() to stop; its outcome then resolves as 'cancelled' (the CI-5 returns the cash). */
  cancel(paymentId: number): Promise<void> | void;
  /**
   * Asks the provider to stop, on its side, a payment of unknown outcome that may still be running there (CI-5:
   * ChangeCancel of the sale a dead process started; the cash comes back). Recovery then settles it from the
   * provider's record as usual. false when there is nothing to stop.
   */
  abandon?(payment: { id: number; saleId: number }): Promise<boolean>;
  /**
   * A payment in 'unknown' that only a person can decide (MB WAY confirmed after the cashier gave up): it is then
   * on the manager's payment review (sales/payment-review.ts; the CI-5's own are on the cash review list).
   */
  needsReview?(payment: { id: number; saleId: number }): boolean;
  /**
   * The manager's review may "complete" the sale with this payment (default: yes). PayPay terminal: only when the
   * terminal really authorised it (a timed-out one with nothing authorised can only be closed as returned).
   */
  canComplete?(payment: { id: number; saleId: number }): boolean;
  /** Before a return's credit note is issued: why this refund cannot go this way (pt-PT), or null. */
  checkRefund?(req: { originDocumentId: number; amount: string }): string | null;
  /** Gives money back (cancelled settled payment, return of goods). */
  refund(req: RefundRequest): Promise<RefundOutcome>;
  /**
   * After a crash: what became of a payment journaled as pending (intent without outcome) or left 'unknown'.
   * null = cannot tell yet (e.g. the machine is not reachable or still busy): the payment stays 'unknown' and
   * recovery asks again later; an 'unknown' outcome with `review` = known to need a person, not asked again.
   * A provider without recover() cannot tell at all: its pending payment is marked failed with an instruction.
   */
  recover?(payment: {
    id: number;
    saleId: number;
    requested: string;
    ref: string | null;
    startedAt: string;
  }): Promise<PaymentOutcome | null>;
}
