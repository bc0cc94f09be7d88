import crypto from 'node:crypto';

/**
 * The simulated PayPay account: payments (Multibanco references, MB WAY, Cloud-terminal payments), their states
 * and the webhook events they raise. Pure state; the HTTP wire is server.ts. Shapes follow
 * paypay-ilink-ciuspt.md §1.2/§6.1 (FACT) and, where PayPay's schemas are OPEN, the ASSUMPTIONs marked here.
 */
export type MbType = 'NORMAL' | 'REALTIME';
export type SimState = 'pending' | 'pending_confirmation' | 'authorised' | 'confirmed';
export type WebhookAction =
  | 'payment_confirmed'
  | 'payment_expired'
  | 'payment_cancelled'
  | 'payment_refunded'
  | 'payment_method_error'
  | 'payment_authorized';

export interface SimPayment {
  id: string;
  type: 'payment' | 'refund' | 'reversal';
  method: 'MB' | 'MW' | 'CC';
  methodType: MbType | 'DEFAULT' | 'TPA';
  entity: string | null;
  reference: string;
  amount: number;
  /** ASSUMPTION: the amount actually paid is reported as `paidAmount` (SOAP's paymentAmount); REST schema OPEN. */
  paidAmount: number | null;
  state: SimState;
  cancelled: boolean;
  cancelReason: 'expired' | 'merchant_cancelled' | 'user_refused' | 'declined' | null;
  code: string | null;
  summary: string | null;
  phone: string | null;
  terminalUuid: string | null;
  initialPaymentId: string | null;
  result: { code: string; message: string; createdAt: string } | null;
  refunded: number;
  createdAt: string;
  updatedAt: string;
  paidAt: string | null;
  validStart: string;
  validEnd: string;
}

export interface SimTerminal {
  uuid: string;
  terminalId: string;
  name: string;
  cloud: boolean;
}

export const MB_ENTITY = '12797';
export const MBWAY_WINDOW_MS = 5 * 60_000;
export const TERMINAL_WINDOW_MS = 60_000;

const iso = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, '+00:00');

export interface SimEvent {
  action: WebhookAction;
  payment: SimPayment;
}

export class PaypayAccount {
  readonly payments = new Map<string, SimPayment>();
  private readonly byKey = new Map<string, string>();
  private seq = 50_000;
  private refSeq = 2_492_617;
  private mwSeq = 585;
  readonly terminals: SimTerminal[] = [
    { uuid: 'b1f0c7a2-3d4e-4f50-9a61-7b8c9d0e1f20', terminalId: '806030356', name: 'Balcão 1', cloud: true },
    {
      uuid: 'c2a1d8b3-4e5f-4061-8b72-8c9d0e1f2031',
      terminalId: '806030357',
      name: 'Standalone',
      cloud: false,
    },
  ];

  constructor(
    private readonly now: () => number,
    private readonly emit: (e: SimEvent) => void,
  ) {}

  /** Same Idempotency-Key → the same payment (ASSUMPTION: PayPay honours such a header; OPEN). */
  private once(key: string | undefined, make: () => SimPayment): { payment: SimPayment; created: boolean } {
    const known = key ? this.byKey.get(key) : undefined;
    if (known) return { payment: this.payments.get(known)!, created: false };
    const payment = make();
    this.payments.set(payment.id, payment);
    if (key) this.byKey.set(key, payment.id);
    return { payment, created: true };
  }

  /** The payment a key created, if any (the server answers a repeated request with it). */
  keyed(key: string): string | undefined {
    return this.byKey.get(key);
  }

  private base(amount: number, o: Partial<SimPayment>): SimPayment {
    const t = this.now();
    return {
      id: String(++this.seq),
      type: 'payment',
      method: 'MB',
      methodType: 'NORMAL',
      entity: null,
      reference: '',
      amount,
      paidAmount: null,
      state: 'pending',
      cancelled: false,
      cancelReason: null,
      code: null,
      summary: null,
      phone: null,
      terminalUuid: null,
      initialPaymentId: null,
      result: null,
      refunded: 0,
      createdAt: iso(t),
      updatedAt: iso(t),
      paidAt: null,
      validStart: iso(t),
      validEnd: iso(t + 30 * 86_400_000),
      ...o,
    };
  }

  createReference(
    b: { amount: number; code?: string; mbType: MbType; validStart?: string; validEnd?: string },
    key?: string,
  ) {
    return this.once(key, () =>
      this.base(b.amount, {
        method: 'MB',
        methodType: b.mbType,
        entity: MB_ENTITY,
        reference: String(++this.refSeq).padStart(9, '0'),
        code: b.code ?? null,
        ...(b.validStart ? { validStart: b.validStart } : {}),
        ...(b.validEnd ? { validEnd: b.validEnd } : {}),
      }),
    );
  }

  createMbway(b: { amount: number; code?: string; phone: string }, key?: string) {
    const t = this.now();
    return this.once(key, () =>
      this.base(b.amount, {
        method: 'MW',
        methodType: 'DEFAULT',
        reference: `A${String(++this.mwSeq).padStart(4, '0')}A585`,
        phone: b.phone,
        code: b.code ?? null,
        state: 'pending_confirmation',
        validEnd: iso(t + MBWAY_WINDOW_MS),
      }),
    );
  }

  createTerminalPayment(uuid: string, b: { amount: number; code?: string; summary?: string }, key?: string) {
    const t = this.now();
    return this.once(key, () =>
      this.base(b.amount, {
        method: 'CC',
        methodType: 'TPA',
        reference: crypto.randomUUID(),
        terminalUuid: uuid,
        code: b.code ?? null,
        summary: b.summary ?? null,
        state: 'pending_confirmation',
        validEnd: iso(t + TERMINAL_WINDOW_MS),
      }),
    );
  }

  find(q: { paymentId?: string; reference?: string }): SimPayment | undefined {
    if (q.paymentId) return this.payments.get(q.paymentId);
    const ref = q.reference?.replace(/\s+/g, '');
    return [...this.payments.values()].find((p) => p.reference === ref && p.type === 'payment');
  }

  /** Validity over: pending payments become cancelled (expired), lazily when looked at. */
  sweep(): void {
    const t = iso(this.now());
    for (const p of this.payments.values()) {
      if (!p.cancelled && (p.state === 'pending' || p.state === 'pending_confirmation') && p.validEnd < t) {
        if (p.type === 'refund') this.resolveRefund(p, 'timeout');
        else this.cancel(p, 'expired');
      }
    }
  }

  cancel(p: SimPayment, reason: NonNullable<SimPayment['cancelReason']>): void {
    p.cancelled = true;
    p.cancelReason = reason;
    p.updatedAt = iso(this.now());
    const action: WebhookAction =
      reason === 'expired'
        ? 'payment_expired'
        : reason === 'user_refused' || reason === 'declined'
          ? 'payment_method_error'
          : 'payment_cancelled';
    if (reason === 'user_refused' || reason === 'declined') {
      p.result = {
        code: 'e02433',
        message: 'Transação rejeitada pelo banco ou emissor do cartão',
        createdAt: p.updatedAt,
      };
    }
    this.emit({ action, payment: p });
  }

  /**
   * The customer paid (ATM/homebanking/app). FACT §1.2: an MB NORMAL reference is not blocked by the network,
   * so it can be confirmed after it expired or was cancelled; a REALTIME one cannot.
   */
  pay(p: SimPayment, amount?: number): string | null {
    this.sweep();
    if (p.state === 'confirmed') return 'Pagamento já confirmado.';
    if (p.cancelled && !(p.method === 'MB' && p.methodType === 'NORMAL'))
      return 'Pagamento cancelado ou expirado.';
    p.state = 'confirmed';
    p.paidAmount = amount ?? p.amount;
    p.paidAt = iso(this.now());
    p.updatedAt = p.paidAt;
    this.emit({ action: 'payment_confirmed', payment: p });
    return null;
  }

  authorise(p: SimPayment): void {
    p.state = 'authorised';
    p.paidAmount = p.amount;
    p.paidAt = iso(this.now());
    p.updatedAt = p.paidAt;
    this.emit({ action: 'payment_authorized', payment: p });
  }

  /**
   * A refund sent to the terminal (FACT §6.1: `pending_confirmation` while the terminal waits a minute for the
   * same card). Its amount is reserved on the payment at once (a second request cannot exceed the original) and
   * released if the terminal declines it or times out. Same Idempotency-Key → the same refund.
   */
  refund(p: SimPayment, amount: number, uuid: string | null, key?: string) {
    const t = this.now();
    return this.once(key ? `refund:${key}` : undefined, () => {
      p.refunded += amount;
      p.updatedAt = iso(t);
      return this.base(amount, {
        type: 'refund',
        method: p.method,
        methodType: p.methodType,
        reference: p.reference,
        initialPaymentId: p.id,
        terminalUuid: uuid,
        state: 'pending_confirmation',
        validEnd: iso(t + TERMINAL_WINDOW_MS),
      });
    });
  }

  /** The terminal's answer to a pending refund: approved (state `confirmed`, ASSUMPTION) or declined/expired. */
  resolveRefund(r: SimPayment, outcome: 'approve' | 'decline' | 'timeout'): void {
    const origin = r.initialPaymentId ? this.payments.get(r.initialPaymentId) : undefined;
    if (outcome === 'approve') {
      r.state = 'confirmed';
      r.paidAmount = r.amount;
      r.paidAt = iso(this.now());
      r.updatedAt = r.paidAt;
      if (origin) this.emit({ action: 'payment_refunded', payment: origin });
      this.emit({ action: 'payment_refunded', payment: r });
      return;
    }
    if (origin) origin.refunded -= r.amount;
    this.cancel(r, outcome === 'decline' ? 'declined' : 'expired');
  }

  /**
   * Reversal (FACT §6.1): synchronous, no card, whole amount, only while authorised and not yet settled. The
   * payment becomes cancelled (reason merchant_cancelled); the answer is a `reversal` record.
   */
  reverse(p: SimPayment, key?: string) {
    return this.once(key ? `reversal:${key}` : undefined, () => {
      this.cancel(p, 'merchant_cancelled');
      return this.base(p.amount, {
        type: 'reversal',
        method: p.method,
        methodType: p.methodType,
        reference: p.reference,
        initialPaymentId: p.id,
        terminalUuid: p.terminalUuid,
        state: p.state,
        cancelled: true,
        cancelReason: 'merchant_cancelled',
      });
    });
  }

  /** The acquirer's daily settlement (FACT §6.1): an authorised terminal payment becomes confirmed. */
  settle(p: SimPayment): string | null {
    if (p.method !== 'CC' || p.state !== 'authorised' || p.cancelled)
      return 'Só um pagamento de terminal autorizado é liquidado.';
    p.state = 'confirmed';
    p.updatedAt = iso(this.now());
    this.emit({ action: 'payment_confirmed', payment: p });
    return null;
  }

  json(p: SimPayment): Record<string, unknown> {
    const methodName = { MB: 'Multibanco', MW: 'MB WAY', CC: 'Cartão de crédito/débito' }[p.method];
    return {
      id: p.id,
      type: p.type,
      ...(p.entity || p.method !== 'CC'
        ? { referenceDetails: { ...(p.entity ? { entity: p.entity } : {}), reference: p.reference } }
        : {}),
      stateDetails: { state: p.state, ...(p.cancelled ? { cancelled: true } : {}) },
      ...(p.cancelled
        ? { cancellation: { cancelled: true, cancelledAt: p.updatedAt, reason: p.cancelReason } }
        : {}),
      ...(p.method === 'MW'
        ? {
            paymentMethod: {
              code: 'MW',
              type: 'DEFAULT',
              details: {
                phoneNumber: p.phone,
                countryCode: p.phone?.split('#')[0],
                last3Digits: p.phone?.slice(-3),
              },
              ...(p.result ? { result: p.result } : {}),
            },
          }
        : p.method === 'CC'
          ? {
              paymentMethod: {
                code: 'CC',
                type: 'TPA',
                details: { transactionIdentifier: p.reference, brand: 'VISA', last4Digits: '4242' },
                ...(p.result ? { result: p.result } : {}),
              },
            }
          : {}),
      amount: p.amount,
      ...(p.paidAmount !== null ? { paidAmount: p.paidAmount, paidAt: p.paidAt } : {}),
      ...(p.refunded ? { refundedAmount: p.refunded } : {}),
      ...(p.initialPaymentId ? { initialPaymentId: p.initialPaymentId } : {}),
      ...(p.code ? { code: p.code } : {}),
      ...(p.summary ? { summary: p.summary } : {}),
      ...(p.state === 'confirmed'
        ? { paymentFee: { netAmount: '0.27750000', taxAmount: '0.04995000' } }
        : {}),
      createdAt: p.createdAt,
      updatedAt: p.updatedAt,
      validDate: { start: p.validStart, end: p.validEnd },
      availableMethods: [{ code: p.method, type: p.methodType, name: methodName }],
    };
  }
}
