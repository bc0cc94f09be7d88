import type { DomainHandlers } from '../rpc/dispatch';
import { manager, operator, session } from '../rpc/policy';
import type { StockService } from './service';

type StockChannel =
  | 'stock/warehouses'
  | 'stock/warehouse-save'
  | 'stock/settings-save'
  | 'stock/levels'
  | 'stock/levels-page'
  | 'stock/movements'
  | 'stock/valuation'
  | 'stock/availability'
  | 'stock/reorder-rules'
  | 'stock/reorder-save'
  | 'stock/to-order'
  | 'stock/transfer'
  | 'stock/adjust'
  | 'stock/count-start'
  | 'stock/count-list'
  | 'stock/count-view'
  | 'stock/count-record'
  | 'stock/count-confirm'
  | 'stock/count-cancel';

/**
 * Channel handlers for `stock/*` (contract: shared/api/stock.ts): operators read (and type counted quantities);
 * every change to the ledger or the warehouses is the manager's, and audited.
 */
export function stockHandlers(stock: StockService, now: () => Date): DomainHandlers<StockChannel> {
  return {
    'stock/warehouses': session(() => ({
      warehouses: stock.warehouses.list(),
      defaultWarehouseId: stock.warehouses.defaultId(),
      belowZero: stock.belowZero(),
    })),
    'stock/warehouse-save': manager(
      (i) =>
        i.id === undefined
          ? stock.warehouses.create({ code: i.code, name: i.name }, now())
          : stock.warehouses.update(i.id, { name: i.name, active: i.active }),
      'stock.warehouse-save',
    ),
    'stock/settings-save': manager((i) => {
      if (i.defaultWarehouseId !== undefined) stock.warehouses.setDefault(i.defaultWarehouseId);
      if (i.belowZero !== undefined) stock.setBelowZero(i.belowZero);
      return { ok: true as const };
    }, 'stock.settings'),
    'stock/levels': session((i) => stock.stock(i)),
    'stock/levels-page': session((i) => stock.stockPage(i)),
    'stock/movements': session((i) => stock.movements(i)),
    'stock/valuation': session((i) => stock.valuation(i)),
    'stock/availability': operator((i) => stock.availability(i.lines)),
    'stock/reorder-rules': session((i) => stock.reorder.rules(i)),
    'stock/reorder-save': manager((i) => {
      stock.warehouses.find(i.warehouseId);
      return stock.reorder.save(i, now());
    }, 'stock.reorder-save'),
    'stock/to-order': session((i) => stock.reorder.toOrder(i)),
    'stock/transfer': manager((i, ctx) => {
      stock.warehouses.find(i.fromWarehouseId);
      stock.warehouses.find(i.toWarehouseId);
      return stock.transfer({ ...i, operatorId: ctx.operator?.id ?? null });
    }, 'stock.transfer'),
    'stock/adjust': manager((i, ctx) => {
      stock.warehouses.find(i.warehouseId);
      return stock.adjust({ ...i, operatorId: ctx.operator?.id ?? null });
    }, 'stock.adjust'),
    'stock/count-start': manager((i, ctx) => {
      stock.warehouses.find(i.warehouseId);
      return stock.counts.start({ ...i, operatorId: ctx.operator?.id ?? null }, now());
    }, 'stock.count-start'),
    'stock/count-list': operator(() => stock.counts.list()),
    'stock/count-view': operator((i) => stock.counts.view(i.id)),
    'stock/count-record': operator((i) => stock.counts.record(i.id, i.articleId, i.counted, now())),
    'stock/count-confirm': manager(
      (i, ctx) => ({ movements: stock.counts.confirm(i.id, ctx.operator?.id ?? null, now()) }),
      'stock.count-confirm',
    ),
    'stock/count-cancel': manager((i, ctx) => {
      stock.counts.cancel(i.id, ctx.operator?.id ?? null, now());
      return { ok: true as const };
    }, 'stock.count-cancel'),
  };
}
