import { PosError } from '../../../../shared/errors';
import type { PaymentProvider } from './provider';

/** The payment providers of this terminal, by id (extension point: PayPay registers its own). */
export function createProviderRegistry() {
  const providers = new Map<string, PaymentProvider>();
  return {
    register(p: PaymentProvider): void {
      providers.set(p.id, p);
    },
    find(id: string): PaymentProvider | undefined {
      return providers.get(id);
    },
    get(id: string): PaymentProvider {
      const p = providers.get(id);
      if (!p) throw new PosError('VALIDATION', `Meio de pagamento desconhecido: ${id}.`, { method: id });
      return p;
    },
    list(): PaymentProvider[] {
      return [...providers.values()];
    },
  };
}
export type ProviderRegistry = ReturnType<typeof createProviderRegistry>;
