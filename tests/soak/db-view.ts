import { openReadOnly } from '../../electron/core/fiscal/open-readonly';
import type { Db } from '../../electron/core/db/open';
import { CashJournal } from '../../electron/core/cash/journal';
import { systemClock } from '../../electron/core/util/clock';

/**
 * Read-only looks at the SQLite file (the server may be running: WAL readers do not disturb it). Used to
 * resolve unknown outcomes after a restart and for the final figures; never writes.
 */
export interface SaleFacts {
  id: number;
  status: string;
  documentId: number | null;
  docNo: string | null;
  gross: string | null;
  payments: {
    id: number;
    method: string;
    status: string;
    amount: string;
    requested: string;
    message: string | null;
  }[];
}

export function withDb<T>(dataDir: string, fn: (db: Db) => T): T {
  const db = openReadOnly(dataDir);
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

export function saleFacts(db: Db, saleId: number): SaleFacts | null {
  const s = db.get(db.k.selectFrom('sale').select(['id', 'status', 'document_id']).where('id', '=', saleId));
  if (!s) return null;
  const doc =
    s.document_id === null
      ? undefined
      : db.get(
          db.k
            .selectFrom('fiscal_document')
            .select(['doc_no', 'gross_total'])
            .where('id', '=', s.document_id),
        );
  const payments = db.all(
    db.k
      .selectFrom('sale_payment')
      .select(['id', 'method', 'status', 'amount', 'requested', 'message'])
      .where('sale_id', '=', saleId)
      .orderBy('id'),
  );
  return {
    id: s.id,
    status: s.status,
    documentId: s.document_id,
    docNo: doc?.doc_no ?? null,
    gross: doc?.gross_total ?? null,
    payments,
  };
}

export function allSales(db: Db): SaleFacts[] {
  const ids = db.all(db.k.selectFrom('sale').select('id').orderBy('id'));
  return ids.map((r) => saleFacts(db, r.id)!);
}

export interface DocFacts {
  id: number;
  docType: string;
  docNo: string;
  number: number;
  seriesId: number;
  gross: string;
}

export function allDocuments(db: Db): DocFacts[] {
  return db
    .all(
      db.k
        .selectFrom('fiscal_document')
        .select(['id', 'doc_type', 'doc_no', 'number', 'series_id', 'gross_total'])
        .orderBy('id'),
    )
    .map((d) => ({
      id: d.id,
      docType: d.doc_type,
      docNo: d.doc_no,
      number: d.number,
      seriesId: d.series_id,
      gross: d.gross_total,
    }));
}

/** Documents referenced by a sale (a sale holds exactly one document id). */
export function saleDocumentIds(db: Db): Set<number> {
  return new Set(
    db
      .all(db.k.selectFrom('sale').select('document_id').where('document_id', 'is not', null))
      .map((r) => r.document_id!),
  );
}

/** Credit notes issued by returns (their refunds are money leaving the till for a reason). */
export function returnDocumentIds(db: Db): Set<number> {
  return new Set(
    db
      .all(db.k.selectFrom('sale_return').select('document_id').where('document_id', 'is not', null))
      .map((r) => r.document_id!),
  );
}

export function pendingReview(db: Db): number {
  const r = db.get(
    db.k
      .selectFrom('cash_journal')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('needs_ack', '=', 1)
      .where('acked_at', 'is', null),
  );
  return r?.n ?? 0;
}

/**
 * What the POS's cash journal says the recyclers hold (cents), with the core's own rule (last baseline count +
 * every finished entry; pending intents excluded) — the number `cash/inventory` compares with the machine, read
 * from the file so that it is known even when the POS cannot reach the machine at the end.
 */
export function journalExpectedCents(db: Db, device = 'glory'): number {
  let total = 0;
  for (const p of new CashJournal(db, systemClock).expected(device).values()) total += p.fv * p.piece;
  return total;
}

export function pendingJournal(
  db: Db,
): { id: number; kind: string; reference: string | null; requestedCents: number }[] {
  return db
    .all(
      db.k
        .selectFrom('cash_journal')
        .select(['id', 'kind', 'reference', 'requested_cents'])
        .where('status', '=', 'pending'),
    )
    .map((r) => ({ id: r.id, kind: r.kind, reference: r.reference, requestedCents: r.requested_cents }));
}
