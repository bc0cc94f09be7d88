import { isPosError } from '../../../../shared/errors';
import type { DomainHandlers } from '../../rpc/dispatch';
import { manager, reader } from '../../rpc/policy';
import type { PaypayService } from './service';

/** Channel handlers for `paypay/*` (contract: shared/api/paypay.ts). */
export function paypayHandlers(
  paypay: PaypayService,
): DomainHandlers<
  | 'paypay/references'
  | 'paypay/check-now'
  | 'paypay/config'
  | 'paypay/configure'
  | 'paypay/test-connection'
  | 'paypay/terminals'
> {
  return {
    'paypay/references': reader((input) => paypay.references(input)),
    'paypay/check-now': manager(() => paypay.pollOnce(), 'paypay.check-now'),
    // paypay-office (issue 11 item 6): Gestão › Integrações › PayPay.
    'paypay/config': manager(() => paypay.configView()),
    'paypay/configure': manager((input, h) => paypay.saveConfig(input, h.operator?.id ?? null)),
    'paypay/test-connection': manager(async () => {
      try {
        const e = await paypay.testConnection();
        return { ok: true, message: `Ligação testada: ${e.name}${e.state ? ` (${e.state})` : ''}.` };
      } catch (e) {
        if (!isPosError(e)) throw e;
        return { ok: false, message: e.message };
      }
    }),
    'paypay/terminals': manager(async () => {
      const all = await paypay.terminals();
      return {
        terminals: all
          .filter((x) => x.remote)
          .map(({ uuid, terminalId, name }) => ({ uuid, terminalId, name })),
        standalone: all.filter((x) => !x.remote).length,
      };
    }),
  };
}
