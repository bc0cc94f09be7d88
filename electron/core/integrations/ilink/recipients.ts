import type { Db } from '../../db/open';

/**
 * Issue 12 item 3: a customer's "faturação eletrónica via iLink" (customer.einvoice, Gestão › Clientes) says
 * whether its documents go to iLink. Both must agree: the terminal's setting (`send` auto / manual / off,
 * config.ts) says whether and how this terminal sends at all, the customer's flag whether this buyer receives
 * e-invoices. ASSUMPTION (the reference is silent on the combination): the stricter wins — `off` sends nothing
 * even to flagged customers, and an unflagged customer's documents are never queued nor listed as waiting for a
 * manual send (iLink would deliver an e-invoice the buyer did not ask for). Flagging a customer later does not
 * reach back to its documents already issued; turning sending on (configure) queues the earlier documents of the
 * customers flagged at that moment, as it queued every eligible one before.
 */
export function customerTakesIlink(db: Db, customerId: number): boolean {
  const r = db.get(db.k.selectFrom('customer').select('einvoice').where('id', '=', customerId));
  return r?.einvoice === 1;
}
