import { PosError } from '../../../shared/errors';
import type { DomainHandlers, HandlerContext } from '../rpc/dispatch';
import { manager, reader, session } from '../rpc/policy';
import type { Actor, CatalogAdmin } from './admin';
import type { CoreContext } from '../context';
import { exportArticlesCsv, importArticlesCsv } from './csv-io';
import type { CatalogService } from './service';

type CatalogChannels =
  | 'catalog/search'
  | 'catalog/by-barcode'
  | 'catalog/get'
  | 'catalog/count'
  | 'catalog/detail'
  | 'catalog/save'
  | 'catalog/set-active'
  | 'catalog/delete'
  | 'catalog/price-history'
  | 'catalog/families'
  | 'catalog/family-save'
  | 'catalog/family-delete'
  | 'catalog/import-csv'
  | 'catalog/export-csv';

const actor = (h: HandlerContext): Actor => {
  if (!h.operator) throw new PosError('UNAUTHENTICATED', 'Inicie sessão.');
  return { operatorId: h.operator.id, via: h.transport === 'cli' ? 'cli' : 'backoffice' };
};

export function catalogHandlers(
  ctx: CoreContext,
  catalog: CatalogService,
  admin: CatalogAdmin,
): DomainHandlers<CatalogChannels> {
  return {
    'catalog/search': session(({ query, limit, favouritesOnly, includeInactive }) =>
      catalog.search(query, limit, favouritesOnly, includeInactive),
    ),
    'catalog/by-barcode': session(({ barcode }) => catalog.byBarcode(barcode)),
    'catalog/get': session(({ id }) => catalog.get(id)),
    'catalog/count': session(() => catalog.count()),
    // Gestão › Artigos (issue 12): the manager's; every write is audited by the admin service itself.
    'catalog/detail': reader(({ id }) => admin.detail(id)),
    'catalog/save': manager(({ id, article }, h) => admin.detail(admin.save(actor(h), id, article).id)),
    'catalog/set-active': manager(({ id, active }, h) => admin.setActive(actor(h), id, active)),
    'catalog/delete': manager(({ id }, h) => {
      admin.remove(actor(h), id);
      return { deleted: true as const };
    }),
    'catalog/price-history': reader(({ id }) => admin.priceHistory(id)),
    'catalog/families': session(() => admin.families()),
    'catalog/family-save': manager(({ id, name }, h) => admin.saveFamily(actor(h), id, name)),
    'catalog/family-delete': manager(({ id }, h) => {
      admin.deleteFamily(actor(h), id);
      return { deleted: true as const };
    }),
    'catalog/import-csv': manager(({ csv, skipInvalid, dryRun }, h) =>
      importArticlesCsv(ctx, admin, { ...actor(h), via: 'csv' }, csv, { skipInvalid, dryRun }),
    ),
    'catalog/export-csv': reader(() => exportArticlesCsv(ctx)),
  };
}
