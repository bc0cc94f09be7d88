import type { Selectable } from 'kysely';
import { SaleCustomer } from '../../../shared/api/sales';
import type { Db } from '../db/open';
import type { SaleLineTable, SalePaymentTable, SaleTable } from '../db/schema';

export type SaleRow = Selectable<SaleTable>;
export type SaleLineRow = Selectable<SaleLineTable>;
export type SalePaymentRow = Selectable<SalePaymentTable>;

/** Payments that still hold the sale (money collected or being collected, or not known yet). */
export const ACTIVE_PAYMENT = ['pending', 'awaiting-confirmation', 'unknown', 'settled'] as const;
/** Payments without a final outcome: while one exists the sale can neither be paid again nor issued. */
export const OPEN_PAYMENT = ['pending', 'awaiting-confirmation', 'unknown'] as const;

/** Plain reads and writes of the persisted cart (sale, sale_line, sale_payment). */
export function createSaleStore(db: Db, terminalId: string) {
  const k = db.k;
  return {
    current(): SaleRow | undefined {
      return db.get(
        k
          .selectFrom('sale')
          .selectAll()
          .where('terminal_id', '=', terminalId)
          .where('status', 'in', ['open', 'paying', 'paid'])
          .orderBy('id', 'desc')
          .limit(1),
      );
    },
    get(id: number): SaleRow | undefined {
      return db.get(k.selectFrom('sale').selectAll().where('id', '=', id));
    },
    lines(saleId: number): SaleLineRow[] {
      return db.all(k.selectFrom('sale_line').selectAll().where('sale_id', '=', saleId).orderBy('id'));
    },
    line(id: number): SaleLineRow | undefined {
      return db.get(k.selectFrom('sale_line').selectAll().where('id', '=', id));
    },
    payments(saleId: number): SalePaymentRow[] {
      return db.all(k.selectFrom('sale_payment').selectAll().where('sale_id', '=', saleId).orderBy('id'));
    },
    payment(id: number): SalePaymentRow | undefined {
      return db.get(k.selectFrom('sale_payment').selectAll().where('id', '=', id));
    },
    suspended(): SaleRow[] {
      return db.all(
        k
          .selectFrom('sale')
          .selectAll()
          .where('terminal_id', '=', terminalId)
          .where('status', '=', 'suspended')
          .orderBy('updated_at', 'desc'),
      );
    },
    update(id: number, set: Partial<Omit<SaleRow, 'id'>>, now: string): void {
      db.run(
        k
          .updateTable('sale')
          .set({ ...set, updated_at: now })
          .where('id', '=', id),
      );
    },
    customerOf(row: SaleRow): SaleCustomer | null {
      return row.customer ? SaleCustomer.parse(JSON.parse(row.customer)) : null;
    },
  };
}
export type SaleStore = ReturnType<typeof createSaleStore>;
