/** Balcão's code of the terminal payment of one sale payment: PayPay `code`, idempotency key, link back. */
export const terminalCode = (terminalId: string, saleId: number, paymentId: number): string =>
  `balcao-${terminalId}-tpa-${saleId}-${paymentId}`;
export const TERMINAL_CODE = /^balcao-[^-]+-tpa-(\d+)-(\d+)$/;
