import { Dec, fixed, formatEuro } from '../../../../shared/money';
import type { PaymentProvider } from './provider';

export interface DrawerKick {
  /** Opens the cash drawer (printing's drawer kick); journaled by printing. */
  openDrawer(operatorId: number, reason: string): void;
}

/**
 * Cash in the drawer, when the CI-5 is off or absent: the cashier types what the customer handed over, the
 * change is computed, the drawer opens (printing's drawer kick, when a printer is configured).
 */
export function createCashManualProvider(drawer: () => DrawerKick | null): PaymentProvider {
  const kick = (operatorId: number, reason: string): string | null => {
    const d = drawer();
    if (!d) return 'Gaveta sem abertura automática: abra-a manualmente.';
    try {
      d.openDrawer(operatorId, reason);
      return null;
    } catch {
      return 'Não foi possível abrir a gaveta: abra-a manualmente.';
    }
  };
  return {
    id: 'cash-manual',
    name: 'Numerário (gaveta)',
    fiscalMethod: 'cash',
    mechanism: 'NU',
    givesChange: true,
    needsConfirmation: false,
    availability: () => ({ available: true, reason: null }),
    start(req) {
      const tendered = new Dec(req.tendered ?? req.amount);
      const amount = Dec.min(tendered, req.amount);
      const change = Dec.max(tendered.minus(req.amount), 0);
      const note = kick(req.operatorId, `Venda ${req.saleId}: pagamento em numerário`);
      const message = change.gt(0) ? `Troco: ${formatEuro(change)}` : 'Pago.';
      req.progress({
        inserted: fixed(tendered),
        missing: fixed(new Dec(req.amount).minus(amount)),
        change: fixed(change),
        message,
      });
      return {
        wait: true,
        outcome: Promise.resolve({
          status: 'settled' as const,
          amount: fixed(amount),
          tendered: fixed(tendered),
          change: fixed(change),
          message: note ? `${message} ${note}` : message,
        }),
      };
    },
    cancel: () => undefined,
    async refund(req) {
      const note = kick(req.operatorId, `Reembolso: ${req.reason}`);
      return {
        ok: true,
        amount: fixed(req.amount),
        message: `Entregue ${formatEuro(req.amount)} ao cliente.${note ? ` ${note}` : ''}`,
      };
    },
    // A cash-manual payment settles in one step; an intent left pending means the app died before the
    // cashier saw "pago". No recover(): nothing can tell, so recovery marks it failed with an instruction to
    // confirm with the customer (recover() → null now means "ask again later", recovery.ts).
  };
}
