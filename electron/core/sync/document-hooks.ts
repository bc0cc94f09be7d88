import type { Db } from '../db/open';
import type { WrittenDocument } from '../fiscal/store';

/**
 * The transaction a hook runs in: the one that numbers, signs and seals the document (or records its
 * cancellation). Whatever a listener writes through `db` commits with the document or not at all.
 */
export interface FiscalTx {
  readonly db: Db;
  readonly at: Date;
}

export interface CancelledDocument {
  readonly documentId: number;
  readonly docNo: string;
  readonly docType: string;
  readonly reason: string;
  readonly operatorId: number | null;
}

type Issued = (doc: WrittenDocument, tx: FiscalTx) => void;
type Cancelled = (doc: CancelledDocument, tx: FiscalTx) => void;

/** What the fiscal service calls, inside its transaction. */
export interface DocumentHookEmitter {
  issued(doc: WrittenDocument, tx: FiscalTx): void;
  cancelled(doc: CancelledDocument, tx: FiscalTx): void;
}

/** What domains (iLink, PayPay…) register with: typed listeners, no special case in the fiscal code. */
export interface DocumentHooks extends DocumentHookEmitter {
  onIssued(l: Issued): () => void;
  onCancelled(l: Cancelled): () => void;
}

/**
 * A listener that throws rolls the whole document back: the outbox guarantee (a document whose message could
 * not be written is not issued) is worth more than a sale that silently never reaches its partner. Listeners
 * therefore only write rows (an outbox job); the network is the job runner's business, after the commit.
 */
export function createDocumentHooks(): DocumentHooks {
  const issued = new Set<Issued>();
  const cancelled = new Set<Cancelled>();
  const assertTx = (tx: FiscalTx): void => {
    if (!tx.db.sqlite.inTransaction) throw new Error('document hooks run inside the fiscal transaction');
  };
  return {
    onIssued(l) {
      issued.add(l);
      return () => issued.delete(l);
    },
    onCancelled(l) {
      cancelled.add(l);
      return () => cancelled.delete(l);
    },
    issued(doc, tx) {
      assertTx(tx);
      for (const l of issued) l(doc, tx);
    },
    cancelled(doc, tx) {
      assertTx(tx);
      for (const l of cancelled) l(doc, tx);
    },
  };
}
