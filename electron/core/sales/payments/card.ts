import { Dec, fixed, formatEuro } from '../../../../shared/money';
import type { PaymentProvider } from './provider';

/**
 * Card on an external (stand-alone) terminal: Balcão cannot see it, so the cashier keys the amount into the
 * terminal and then confirms here the amount it approved (sales/pay-confirm). Refunds are done on the
 * terminal too; the cashier is told so.
 */
export function createCardProvider(): PaymentProvider {
  return {
    id: 'card',
    name: 'Cartão (terminal externo)',
    fiscalMethod: 'card',
    mechanism: 'CC',
    givesChange: false,
    needsConfirmation: true,
    availability: () => ({ available: true, reason: null }),
    start(req) {
      const message = `Marque ${formatEuro(req.amount)} no terminal de pagamento e confirme quando for aprovado.`;
      req.progress({ inserted: '0.00', missing: fixed(req.amount), change: '0.00', message });
      return { wait: true, outcome: Promise.resolve({ status: 'awaiting-confirmation' as const, message }) };
    },
    confirm(_paymentId, approvedAmount, requested) {
      const approved = new Dec(approvedAmount);
      if (approved.gt(requested)) {
        return {
          status: 'failed',
          message: `O valor aprovado (${formatEuro(approved)}) é superior ao pedido (${formatEuro(requested)}). Anule no terminal e repita.`,
        };
      }
      return {
        status: 'settled',
        amount: fixed(approved),
        message: `Cartão aprovado: ${formatEuro(approved)}.`,
      };
    },
    cancel: () => undefined,
    async refund(req) {
      return {
        ok: true,
        amount: fixed(req.amount),
        message: `Faça a devolução de ${formatEuro(req.amount)} no terminal de pagamento (cartão do cliente).`,
      };
    },
    // An awaiting card payment survives a restart as is: the cashier confirms or cancels it.
    // No recover(): the external terminal cannot be asked; recovery marks a pending card payment failed with an
    // instruction to confirm with the customer (recover() → null means "ask again later", recovery.ts).
  };
}
