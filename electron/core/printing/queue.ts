import type { Db } from '../db/open';
import type { PrintJobTable } from '../db/schema';
import type { Selectable } from 'kysely';
import type { PrintJob, PrintJobState } from '../../../shared/api/printing';

export type PrintJobRow = Selectable<PrintJobTable>;

export interface NewJob {
  printerId: string;
  kind: 'document' | 'drawer' | 'report';
  documentId: number | null;
  docNo: string | null;
  copy: boolean;
  openDrawer: boolean;
  payload: string;
  operatorId: number | null;
}

/** The persistent print queue (table print_job). Synchronous SQLite writes: a job is on disk before we return. */
export function createQueue(db: Db, now: () => string) {
  return {
    add(j: NewJob): PrintJobRow {
      const t = now();
      return db.get(
        db.k
          .insertInto('print_job')
          .values({
            printer_id: j.printerId,
            kind: j.kind,
            document_id: j.documentId,
            doc_no: j.docNo,
            copy: j.copy ? 1 : 0,
            open_drawer: j.openDrawer ? 1 : 0,
            payload: j.payload,
            state: 'pending',
            attempts: 0,
            last_error: null,
            next_attempt_at: t,
            operator_id: j.operatorId,
            created_at: t,
            updated_at: t,
            printed_at: null,
          })
          .returningAll(),
      ) as PrintJobRow;
    },
    get: (id: number): PrintJobRow | undefined =>
      db.get(db.k.selectFrom('print_job').selectAll().where('id', '=', id)),
    setState(
      id: number,
      state: PrintJobState,
      patch: Partial<Pick<PrintJobRow, 'attempts' | 'last_error' | 'next_attempt_at' | 'printed_at'>> = {},
    ): void {
      db.run(
        db.k
          .updateTable('print_job')
          .set({ state, updated_at: now(), ...patch })
          .where('id', '=', id),
      );
    },
    /** After a crash, jobs caught mid-send go back to pending (a duplicate beats a lost receipt). */
    recoverInterrupted(): number {
      return db.run(
        db.k
          .updateTable('print_job')
          .set({ state: 'pending', updated_at: now() })
          .where('state', '=', 'printing'),
      ).changes;
    },
    list(limit: number, state?: PrintJobState): PrintJobRow[] {
      let q = db.k.selectFrom('print_job').selectAll().orderBy('id', 'desc').limit(limit);
      if (state) q = q.where('state', '=', state);
      return db.all(q);
    },
    pendingCount(printerId: string): number {
      const r = db.get(
        db.k
          .selectFrom('print_job')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('printer_id', '=', printerId)
          .where('state', 'in', ['pending', 'printing']),
      );
      return Number(r?.n ?? 0);
    },
    /** Has a report with this label ("Relatório Z n.º 3") been queued before? Then it prints as "2.ª via". */
    reportQueuedBefore(label: string): boolean {
      return !!db.get(
        db.k
          .selectFrom('print_job')
          .select('id')
          .where('kind', '=', 'report')
          .where('doc_no', '=', label)
          .limit(1),
      );
    },
    /** Has this document been queued before? Then the next print is a "2.ª via". */
    documentQueuedBefore(documentId: number): boolean {
      return !!db.get(
        db.k
          .selectFrom('print_job')
          .select('id')
          .where('document_id', '=', documentId)
          .where('kind', '=', 'document')
          .limit(1),
      );
    },
  };
}
export type PrintQueue = ReturnType<typeof createQueue>;

export function toJobView(r: PrintJobRow): PrintJob {
  return {
    id: r.id,
    printerId: r.printer_id,
    kind: r.kind,
    documentId: r.document_id,
    docNo: r.doc_no,
    copy: r.copy === 1,
    state: r.state,
    attempts: r.attempts,
    lastError: r.last_error,
    createdAt: r.created_at,
    printedAt: r.printed_at,
  };
}
