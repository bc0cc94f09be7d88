import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Db } from '../../db/open';
import type { PaypayPaymentTable } from '../../db/schema';

export type PaypayRow = Selectable<PaypayPaymentTable>;
export type PaypayState = PaypayRow['state'];

/** The `paypay_payment` table (migration 0630), through Kysely. */
export function createPaypayStore(db: Db) {
  const t = 'paypay_payment' as const;
  return {
    insert(row: Insertable<PaypayPaymentTable>): number {
      return db.run(db.k.insertInto(t).values(row)).lastInsertRowid;
    },
    get(id: number): PaypayRow | undefined {
      return db.get(db.k.selectFrom(t).selectAll().where('id', '=', id));
    },
    referenceOf(documentId: number): PaypayRow | undefined {
      return db.get(
        db.k
          .selectFrom(t)
          .selectAll()
          .where('kind', '=', 'mb_reference')
          .where('document_id', '=', documentId),
      );
    },
    byCode(code: string): PaypayRow | undefined {
      return db.get(db.k.selectFrom(t).selectAll().where('code', '=', code));
    },
    byRemoteId(remoteId: string): PaypayRow | undefined {
      return db.get(db.k.selectFrom(t).selectAll().where('remote_id', '=', remoteId));
    },
    update(id: number, patch: Updateable<PaypayPaymentTable>): void {
      db.run(db.k.updateTable(t).set(patch).where('id', '=', id));
    },
    /** Payments PayPay may still change: pending, and expired/cancelled MB NORMAL (may be paid after expiry). */
    toCheck(): PaypayRow[] {
      return db.all(
        db.k
          .selectFrom(t)
          .selectAll()
          .where('remote_id', 'is not', null)
          .where((eb) =>
            eb.or([
              eb('state', '=', 'pending'),
              eb.and([eb('state', 'in', ['expired', 'cancelled']), eb('mb_type', '=', 'NORMAL')]),
              // An MB WAY request the cashier cancelled may still have been confirmed (watched briefly).
              eb.and([eb('state', '=', 'cancelled'), eb('kind', '=', 'mbway')]),
              // A terminal payment cancelled or timed out may still be authorised late (issue 11 item 4).
              eb.and([eb('state', 'in', ['cancelled', 'expired']), eb('kind', '=', 'terminal')]),
            ]),
          )
          .orderBy('id'),
      );
    },
    /**
     * Gestão de Referências (paypay-office): the rows with their document's customer, filtered by state, by when
     * they were created ([from, to) as ISO instants) and by customer (name or NIF contains; LIKE, so ASCII
     * case-insensitive and a `%` or `_` typed is a wildcard), in creation order.
     */
    listForOffice(o: {
      states?: PaypayState[];
      from?: string;
      to?: string;
      customer?: string;
    }): Array<PaypayRow & { customer_name: string | null; customer_nif: string | null }> {
      let q = db.k
        .selectFrom(`${t} as p`)
        .leftJoin('fiscal_document as d', 'd.id', 'p.document_id')
        .selectAll('p')
        .select(['d.customer_name', 'd.customer_nif'])
        .orderBy('p.id');
      if (o.states?.length) q = q.where('p.state', 'in', o.states);
      if (o.from) q = q.where('p.created_at', '>=', o.from);
      if (o.to) q = q.where('p.created_at', '<', o.to);
      if (o.customer?.trim()) {
        const like = `%${o.customer.trim()}%`;
        q = q.where((eb) => eb.or([eb('d.customer_name', 'like', like), eb('d.customer_nif', 'like', like)]));
      }
      return db.all(q);
    },
    list(o: { states?: PaypayState[] } = {}): PaypayRow[] {
      let q = db.k.selectFrom(t).selectAll().orderBy('id');
      if (o.states?.length) q = q.where('state', 'in', o.states);
      return db.all(q);
    },
  };
}
export type PaypayStore = ReturnType<typeof createPaypayStore>;
