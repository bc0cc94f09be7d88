import type { AccountEntry, CustomerAccount } from '../../../../shared/api/customers';
import { Dec } from '../../../../shared/money';
import type { Db } from '../../db/open';
import type { CustomerService } from './service';

type DocType = AccountEntry['type'];

/** Adds `days` to a YYYY-MM-DD date (calendar arithmetic in UTC: no time zone can move the day). */
function plusDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * Conta corrente (issue 12 item 3): a customer's fiscal documents, read-only from the fiscal tables. What the
 * customer owes comes from FT/ND (and from FR/FS, paid on the spot: debit and credit at once); NC and RG
 * settle it (an NC against an FR/FS was refunded at once: debit and credit too). An FT/ND is open while its gross total minus its NCs and RG settlements (all not cancelled) is
 * above zero, as the fiscal read model computes `outstanding`. Cancelled documents are listed, not counted.
 */
export function customerAccount(db: Db, customers: CustomerService, id: number): CustomerAccount {
  const { customer } = customers.get(id);
  const k = db.k;
  const docs = db.all(
    k
      .selectFrom('fiscal_document as d')
      .leftJoin('fiscal_status as s', 's.document_id', 'd.id')
      .leftJoin('fiscal_document as o', 'o.id', 'd.origin_document_id')
      .select([
        'd.id',
        'd.doc_no',
        'd.doc_type',
        'd.doc_date',
        'd.gross_total',
        's.status',
        'o.doc_type as origin_type',
      ])
      .where('d.customer_id', '=', id)
      .orderBy('d.doc_date')
      .orderBy('d.id'),
  );
  const ids = docs.filter((d) => d.doc_type === 'FT' || d.doc_type === 'ND').map((d) => d.id);
  const settled = new Map<number, Dec>();
  const add = (docId: number | null, amount: string): void => {
    if (docId === null) return;
    settled.set(docId, (settled.get(docId) ?? new Dec(0)).plus(amount));
  };
  if (ids.length) {
    // NCs against them (an NC corrects its origin; it need not be this customer's row, it always is).
    for (const r of db.all(
      k
        .selectFrom('fiscal_document as c')
        .leftJoin('fiscal_status as s', 's.document_id', 'c.id')
        .select(['c.origin_document_id', 'c.gross_total'])
        .where('c.origin_document_id', 'in', ids)
        .where('c.doc_type', '=', 'NC')
        .where('s.status', 'is', null),
    ))
      add(r.origin_document_id, r.gross_total);
    // RG lines that settle them.
    for (const r of db.all(
      k
        .selectFrom('fiscal_line as l')
        .innerJoin('fiscal_document as rg', 'rg.id', 'l.document_id')
        .leftJoin('fiscal_status as s', 's.document_id', 'rg.id')
        .select(['l.origin_document_id', 'l.gross'])
        .where('l.origin_document_id', 'in', ids)
        .where('rg.doc_type', '=', 'RG')
        .where('s.status', 'is', null),
    ))
      add(r.origin_document_id, r.gross);
  }

  let balance = new Dec(0);
  const entries: AccountEntry[] = docs.map((d) => {
    const type = d.doc_type as DocType;
    const gross = new Dec(d.gross_total);
    const cancelled = d.status === 'A';
    const zero = new Dec(0);
    // An NC against an FR/FS was refunded at the till (its debit and credit at once, like the FR itself).
    const paidAtOnce =
      type === 'FR' || type === 'FS' || (type === 'NC' && d.origin_type !== 'FT' && d.origin_type !== 'ND');
    const [debit, credit] =
      type === 'FT' || type === 'ND'
        ? [gross, zero]
        : paidAtOnce
          ? [gross, gross]
          : type === 'NC' || type === 'RG'
            ? [zero, gross]
            : [zero, zero];
    if (!cancelled) balance = balance.plus(debit).minus(credit);
    const invoice = type === 'FT' || type === 'ND';
    const left = cancelled ? zero : Dec.max(gross.minus(settled.get(d.id) ?? 0), 0);
    return {
      documentId: d.id,
      docNo: d.doc_no,
      type,
      date: d.doc_date,
      status: cancelled ? 'A' : 'N',
      debit: debit.toFixed(2),
      credit: credit.toFixed(2),
      outstanding: invoice ? left.toFixed(2) : null,
      dueDate: invoice ? plusDays(d.doc_date, customer.paymentTermsDays) : null,
    };
  });
  return {
    customer,
    entries,
    openInvoices: entries.filter(
      (e) => e.status === 'N' && e.outstanding !== null && e.outstanding !== '0.00',
    ),
    receipts: entries.filter((e) => e.type === 'RG'),
    balance: balance.toFixed(2),
  };
}
