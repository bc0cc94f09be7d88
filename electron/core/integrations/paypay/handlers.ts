import type { DomainHandlers } from '../../rpc/dispatch';
import { manager, reader } from '../../rpc/policy';
import type { PaypayService } from './service';

/** Channel handlers for `paypay/*` (contract: shared/api/paypay.ts). */
export function paypayHandlers(
  paypay: PaypayService,
): DomainHandlers<'paypay/references' | 'paypay/check-now'> {
  return {
    'paypay/references': reader((input) => paypay.references({ state: input.state })),
    'paypay/check-now': manager(() => paypay.pollOnce(), 'paypay.check-now'),
  };
}
