import type { DomainHandlers } from '../rpc/dispatch';
import { handle, manager, reader } from '../rpc/policy';
import type { PurchasesService } from './service';

type PurchasesChannel =
  | 'purchases/list'
  | 'purchases/get'
  | 'purchases/accept'
  | 'purchases/reject'
  | 'purchases/import-xml'
  | 'purchases/create-manual'
  | 'purchases/update-manual'
  | 'purchases/discard-manual'
  | 'purchases/match-line'
  | 'purchases/create-article'
  | 'purchases/confirm'
  | 'purchases/return';

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
    // Issue 13 item 4: registering, matching, confirming into stock and returning are the manager's; the
    // contabilista reads (list/get) and writes nothing.
    'purchases/create-manual': manager(
      (input, hctx) => purchases.createManual(input, hctx.operator?.id ?? null),
      'purchases.create-manual',
    ),
    // Correcting or discarding a manual purchase before it enters stock: the manager's too (the core refuses a
    // confirmed or imported one whoever calls; the domain audit row says what changed).
    'purchases/update-manual': manager(
      (input, hctx) => purchases.updateManual(input, hctx.operator?.id ?? null),
      'purchases.update-manual',
    ),
    'purchases/discard-manual': manager(
      (input, hctx) => purchases.discardManual(input.id, hctx.operator?.id ?? null),
      'purchases.discard-manual',
    ),
    'purchases/match-line': manager(
      (input, hctx) =>
        purchases.matchLine(input.id, input.lineNo, input.articleId, hctx.operator?.id ?? null),
      'purchases.match-line',
    ),
    'purchases/create-article': manager(
      (input, hctx) =>
        purchases.createArticle(input.id, input.lineNo, input.article, hctx.operator?.id ?? null),
      'purchases.create-article',
    ),
    'purchases/confirm': manager(
      (input, hctx) => purchases.confirm(input.id, input.warehouseId, hctx.operator?.id ?? null),
      'purchases.confirm',
    ),
    'purchases/return': manager(
      (input, hctx) => purchases.returnGoods(input.id, input.reason, input.lines, hctx.operator?.id ?? null),
      'purchases.return',
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
