import type { DomainHandlers } from '../rpc/dispatch';
import { handle, manager, reader } from '../rpc/policy';
import type { PurchasesService } from './service';

type PurchasesChannel =
  'purchases/list' | 'purchases/get' | 'purchases/accept' | 'purchases/reject' | 'purchases/import-xml';

/**
 * Channel handlers for `purchases/*` (contract: shared/api/purchases.ts). Supplier documents and the decision
 * sent to the supplier are the manager's business. `import-xml` stands in for iLink in training only (the way
 * a trainer, or the e2e test, puts a supplier's XML into the history without a partner).
 */
export function purchasesHandlers(
  purchases: PurchasesService,
  now: () => Date,
): DomainHandlers<PurchasesChannel> {
  let seq = 0;
  return {
    'purchases/list': reader((input) => purchases.list(input)),
    'purchases/get': reader((input) => purchases.get(input.id)),
    'purchases/accept': manager(
      (input, hctx) => purchases.accept(input.id, hctx.operator?.id ?? null),
      'purchases.accept',
    ),
    'purchases/reject': manager(
      (input, hctx) => purchases.reject(input.id, input.reason, hctx.operator?.id ?? null),
      'purchases.reject',
    ),
    'purchases/import-xml': handle(
      { who: 'manager', trainingOnly: true, audit: 'purchases.import-training' },
      (input) => {
        const at = now();
        return purchases.importUbl(input.xml, {
          ilinkId: input.ilinkId ?? `TREINO-${at.getTime()}-${++seq}`,
          receivedAt: at.toISOString(),
        });
      },
    ),
  };
}
