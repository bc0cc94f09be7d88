import type { DomainHandlers } from '../rpc/dispatch';
import type { CatalogService } from './service';

type CatalogChannels = 'catalog/search' | 'catalog/by-barcode' | 'catalog/get' | 'catalog/count';

export function catalogHandlers(catalog: CatalogService): DomainHandlers<CatalogChannels> {
  return {
    'catalog/search': ({ query, limit, favouritesOnly }) => catalog.search(query, limit, favouritesOnly),
    'catalog/by-barcode': ({ barcode }) => catalog.byBarcode(barcode),
    'catalog/get': ({ id }) => catalog.get(id),
    'catalog/count': () => catalog.count(),
  };
}
