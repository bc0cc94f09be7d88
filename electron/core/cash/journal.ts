import type { Db } from '../db/open';
import type { CashJournalKind, CashJournalStatus } from '../db/schema';
import type { Clock } from '../util/clock';

/**
 * The cash journal (table cash_journal, migration 0200). Every money-moving call is preceded by an intent row
 * (status 'pending', with its SeqNo) and followed by its outcome, so a crash or a lost link leaves a trace that
 * start-up reconciliation can resolve from the machine's count (glory-ci5.md §5 notes: the FCC keeps no
 * transaction history we could query). Synchronous better-sqlite3 writes: the row is on disk before the call.
 */
export interface Piece {
  fv: number;
  devid: 1 | 2;
  piece: number;
}

export interface JournalRow {
  id: number;
  seq_no: string;
  kind: CashJournalKind;
  status: CashJournalStatus;
  device: string;
  requested_cents: number;
  in_cents: number;
  out_cents: number;
  cash_in: string;
  cash_out: string;
  result_code: number | null;
  outcome: string | null;
  reference: string | null;
  note: string | null;
  operator_id: number | null;
  needs_ack: 0 | 1;
  acked_at: string | null;
  acked_by: number | null;
  created_at: string;
  finished_at: string | null;
}

export interface Outcome {
  status: Exclude<CashJournalStatus, 'pending'>;
  cashIn?: Piece[];
  cashOut?: Piece[];
  inCents?: number;
  outCents?: number;
  resultCode?: number | null;
  outcome: string;
  note?: string;
  needsAck?: boolean;
}

export const sumPieces = (ps: readonly Piece[]): number => ps.reduce((t, p) => t + p.fv * p.piece, 0);
export const parsePieces = (json: string): Piece[] => JSON.parse(json) as Piece[];

export class CashJournal {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  intent(e: {
    kind: CashJournalKind;
    seqNo: string;
    device: string;
    requestedCents: number;
    reference?: string;
    operatorId?: number | null;
  }): number {
    const r = this.db.run(
      this.db.k.insertInto('cash_journal').values({
        seq_no: e.seqNo,
        kind: e.kind,
        status: 'pending',
        device: e.device,
        requested_cents: e.requestedCents,
        reference: e.reference ?? null,
        operator_id: e.operatorId ?? null,
        result_code: null,
        outcome: null,
        note: null,
        acked_at: null,
        acked_by: null,
        created_at: this.clock.now().toISOString(),
        finished_at: null,
      }),
    );
    return r.lastInsertRowid;
  }

  complete(id: number, o: Outcome): void {
    const cashIn = o.cashIn ?? [];
    const cashOut = o.cashOut ?? [];
    this.db.run(
      this.db.k
        .updateTable('cash_journal')
        .set({
          status: o.status,
          cash_in: JSON.stringify(cashIn),
          cash_out: JSON.stringify(cashOut),
          in_cents: o.inCents ?? sumPieces(cashIn),
          out_cents: o.outCents ?? sumPieces(cashOut),
          result_code: o.resultCode ?? null,
          outcome: o.outcome,
          note: o.note ?? null,
          needs_ack: o.needsAck ? 1 : 0,
          finished_at: this.clock.now().toISOString(),
        })
        .where('id', '=', id)
        .where('status', '=', 'pending'),
    );
  }

  /** A completed row in one statement (baseline counts, adjustments, manual drawer). */
  record(
    e: {
      kind: CashJournalKind;
      seqNo: string;
      device: string;
      requestedCents?: number;
      operatorId?: number | null;
      reference?: string;
    },
    o: Outcome,
  ): number {
    return this.db.tx(() => {
      const id = this.intent({ ...e, requestedCents: e.requestedCents ?? 0 });
      this.complete(id, o);
      return id;
    });
  }

  get(id: number): JournalRow | undefined {
    return this.db.get(this.db.k.selectFrom('cash_journal').selectAll().where('id', '=', id)) as
      JournalRow | undefined;
  }

  /** The newest entry carrying this reference (e.g. a sale payment's "venda 12 pagamento 30"), of one kind. */
  byReference(reference: string, kind?: CashJournalKind): JournalRow | undefined {
    let q = this.db.k
      .selectFrom('cash_journal')
      .selectAll()
      .where('reference', '=', reference)
      .orderBy('id', 'desc')
      .limit(1);
    if (kind) q = q.where('kind', '=', kind);
    return this.db.get(q) as JournalRow | undefined;
  }

  pending(): JournalRow[] {
    return this.db.all(
      this.db.k.selectFrom('cash_journal').selectAll().where('status', '=', 'pending').orderBy('id'),
    ) as JournalRow[];
  }

  list(limit: number): JournalRow[] {
    return this.db.all(
      this.db.k.selectFrom('cash_journal').selectAll().orderBy('id', 'desc').limit(limit),
    ) as JournalRow[];
  }

  reviewList(): JournalRow[] {
    return this.db.all(
      this.db.k
        .selectFrom('cash_journal')
        .selectAll()
        .where('needs_ack', '=', 1)
        .where('acked_at', 'is', null)
        .orderBy('id'),
    ) as JournalRow[];
  }

  acknowledge(id: number, operatorId: number | null, note?: string): boolean {
    const row = this.get(id);
    if (!row || row.needs_ack !== 1 || row.acked_at) return false;
    this.db.run(
      this.db.k
        .updateTable('cash_journal')
        .set({
          acked_at: this.clock.now().toISOString(),
          acked_by: operatorId,
          ...(note ? { note: `${row.note ?? ''}${row.note ? ' — ' : ''}Revisto: ${note}` } : {}),
        })
        .where('id', '=', id),
    );
    return true;
  }

  hasBaseline(device: string): boolean {
    return !!this.#lastBaseline(device);
  }

  #lastBaseline(device: string): JournalRow | undefined {
    return this.db.get(
      this.db.k
        .selectFrom('cash_journal')
        .selectAll()
        .where('kind', '=', 'baseline')
        .where('device', '=', device)
        .orderBy('id', 'desc')
        .limit(1),
    ) as JournalRow | undefined;
  }

  /**
   * What the recyclers should hold per face value: the last baseline count plus every finished entry after it
   * (in − out). Pending intents are excluded — they are exactly what reconciliation resolves.
   */
  expected(device: string): Map<number, Piece> {
    const base = this.#lastBaseline(device);
    const m = new Map<number, Piece>();
    const add = (ps: Piece[], sign: 1 | -1): void => {
      for (const p of ps) {
        const cur = m.get(p.fv) ?? { fv: p.fv, devid: p.devid, piece: 0 };
        cur.piece += sign * p.piece;
        m.set(p.fv, cur);
      }
    };
    if (!base) return m;
    add(parsePieces(base.cash_in), 1);
    const rows = this.db.all(
      this.db.k
        .selectFrom('cash_journal')
        .select(['cash_in', 'cash_out'])
        .where('id', '>', base.id)
        .where('device', '=', device)
        .where('status', 'in', ['done', 'reconciled', 'failed']),
    );
    for (const r of rows) {
      add(parsePieces(r.cash_in), 1);
      add(parsePieces(r.cash_out), -1);
    }
    return m;
  }
}
