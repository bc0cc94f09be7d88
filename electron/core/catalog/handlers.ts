import type { DomainHandlers } from '../rpc/dispatch';
import { operator } from '../rpc/policy';
import type { CatalogService } from './service';

type CatalogChannels = 'catalog/search' | 'catalog/by-barcode' | 'catalog/get' | 'catalog/count';

export function catalogHandlers(catalog: CatalogService): DomainHandlers<CatalogChannels> {
  return {
    'catalog/search': operator(({ query, limit, favouritesOnly }) =>
      catalog.search(query, limit, favouritesOnly),
    ),
    'catalog/by-barcode': operator(({ barcode }) => catalog.byBarcode(barcode)),
    'catalog/get': operator(({ id }) => catalog.get(id)),
    'catalog/count': operator(() => catalog.count()),
  };
}
