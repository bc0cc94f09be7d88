import { t, type MessageKey } from '../i18n';

/** The CI-5's `Status/Code` numbers that have a pt-PT name (glory-ci5.md §2.3; catalogue keys glory.state.N). */
const KNOWN = new Set([...Array.from({ length: 28 }, (_, i) => i), 30, 40, 41]);

/**
 * "à espera do dinheiro" for 3, "livre" for 1: what the machine is doing, for people (issue 15 item 7: the cash
 * machine screen showed a raw "estado 1"; the core's messages showed "COUNTING").
 */
export function machineStateLabel(code: number): string {
  return KNOWN.has(code) ? t(`glory.state.${code}` as MessageKey) : t('glory.state.unknown', { code });
}

/**
 * A cash-journal reference for people. The core keys a sale payment's journal entry by "venda 3 pagamento 4"
 * (electron/core/sales/payments/cash-machine.ts cashReference: how a restart finds its own operation, so it is
 * never rewritten); shown as "Venda n.º 3 — pagamento n.º 4" (issue 15 item 7), also inside longer references
 * ("Devolução ao cliente da operação 9 (venda 3 pagamento 4)").
 */
export function referenceLabel(reference: string): string {
  const s = reference.replace(/\bvenda (\d+) pagamento (\d+)\b/g, (_m, sale: string, payment: string) =>
    t('cashj.salePayment', { sale, payment }),
  );
  return s.charAt(0).toUpperCase() + s.slice(1);
}
