import { PosError } from '../../../shared/errors';
import { t } from '../../../shared/i18n';
import type { Db } from '../db/open';
import { writeSetting } from '../system/settings';
import { prepared } from '../db/prepared';

export interface Warehouse {
  id: number;
  code: string;
  name: string;
  active: boolean;
}

/** The shop floor, created by migration 0660: every terminal sells from it until told otherwise. */
export const SHOP_FLOOR_ID = 1;

/** One setting per terminal, so terminals sharing one database can sell from different warehouses. */
export const defaultWarehouseKey = (terminalId: string): string => `stock.default-warehouse.${terminalId}`;

export interface Warehouses {
  list(): Warehouse[];
  /** By id or by code (case-insensitive). */
  find(idOrCode: number | string): Warehouse;
  create(input: { code: string; name: string }, at: Date): Warehouse;
  update(id: number, input: { name?: string; active?: boolean }): Warehouse;
  /** The warehouse this terminal sells from. */
  defaultId(): number;
  setDefault(id: number): void;
}

export function createWarehouses(db: Db, terminalId: string): Warehouses {
  const { k } = db;
  const toView = (r: { id: number; code: string; name: string; active: 0 | 1 }): Warehouse => ({
    id: r.id,
    code: r.code,
    name: r.name,
    active: r.active === 1,
  });
  const cols = ['id', 'code', 'name', 'active'] as const;
  const find = (idOrCode: number | string): Warehouse => {
    const row =
      typeof idOrCode === 'number'
        ? db.get(k.selectFrom('warehouse').select(cols).where('id', '=', idOrCode))
        : db.get(
            k
              .selectFrom('warehouse')
              .select(cols)
              .where((e) => e(e.fn('upper', ['code']), '=', idOrCode.trim().toUpperCase())),
          );
    if (!row) throw new PosError('NOT_FOUND', t('stock.warehouseNotFound', { warehouse: String(idOrCode) }));
    return toView(row);
  };
  // Prepared once: read for every sale, inside the fiscal transaction.
  const selDefault = prepared(
    db,
    k
      .selectFrom('setting as s')
      .innerJoin('warehouse as w', (j) =>
        j.on((e) => e(e.fn('json_extract', ['s.value', e.val('$')]), '=', e.ref('w.id'))),
      )
      .select('w.id')
      .where('s.key', '=', defaultWarehouseKey(terminalId)),
  );
  // A default that no longer exists (edited database) falls back to the shop floor rather than stop sales.
  const defaultId = (): number => selDefault.get()?.id ?? SHOP_FLOOR_ID;
  return {
    list: () => db.all(k.selectFrom('warehouse').select(cols).orderBy('id')).map(toView),
    find,
    create(input, at) {
      const code = input.code.trim().toUpperCase();
      const taken = db.get(
        k
          .selectFrom('warehouse')
          .select('id')
          .where((e) => e(e.fn('upper', ['code']), '=', code)),
      );
      if (taken) throw new PosError('CONFLICT', t('stock.warehouseCodeTaken', { code }));
      const r = db.run(
        k
          .insertInto('warehouse')
          .values({ code, name: input.name.trim(), active: 1, created_at: at.toISOString() }),
      );
      return find(r.lastInsertRowid);
    },
    update(id, input) {
      const w = find(id);
      if (input.active === false && w.id === defaultId()) {
        throw new PosError('CONFLICT', t('stock.warehouseIsDefault', { warehouse: w.code }));
      }
      const set: { name?: string; active?: 0 | 1 } = {};
      if (input.name !== undefined) set.name = input.name.trim();
      if (input.active !== undefined) set.active = input.active ? 1 : 0;
      if (Object.keys(set).length) db.run(k.updateTable('warehouse').set(set).where('id', '=', id));
      return find(id);
    },
    defaultId,
    setDefault(id) {
      const w = find(id);
      if (!w.active) throw new PosError('CONFLICT', t('stock.warehouseInactive', { warehouse: w.code }));
      writeSetting(db, defaultWarehouseKey(terminalId), w.id);
    },
  };
}
