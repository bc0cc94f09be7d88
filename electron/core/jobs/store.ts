import type { Selectable } from 'kysely';
import type { Db } from '../db/open';
import type { JobAttemptTable, JobPartnerTable, JobState, JobTable } from '../db/schema';

export type JobRow = Selectable<JobTable>;
export type JobAttemptRow = Selectable<JobAttemptTable>;
export type JobPartnerRow = Selectable<JobPartnerTable>;

const OPEN: JobState[] = ['queued', 'running'];

/** The runner's queries (tables job, job_attempt, job_partner; migration 0600). All synchronous. */
export function createJobStore(db: Db) {
  const k = db.k;
  return {
    insert(row: Omit<JobRow, 'attempts'>): void {
      db.run(k.insertInto('job').values(row));
    },
    get: (id: string): JobRow | undefined => db.get(k.selectFrom('job').selectAll().where('id', '=', id)),
    byKey: (key: string): JobRow | undefined =>
      db.get(k.selectFrom('job').selectAll().where('idempotency_key', '=', key)),
    /** Partners with queued work of these kinds, and one of their kinds (whose limits apply). */
    queuedPartners(kinds: string[]): { partner: string; kind: string }[] {
      if (!kinds.length) return [];
      return db.all(
        k
          .selectFrom('job')
          .select(['partner', (eb) => eb.fn.min('kind').as('kind')])
          .where('state', '=', 'queued')
          .where('kind', 'in', kinds)
          .groupBy('partner'),
      ) as { partner: string; kind: string }[];
    },
    /** Oldest open (queued or running) job of an ordered partner. */
    head: (partner: string): JobRow | undefined =>
      db.get(
        k
          .selectFrom('job')
          .selectAll()
          .where('partner', '=', partner)
          .where('state', 'in', OPEN)
          .orderBy('id')
          .limit(1),
      ),
    due(partner: string, kinds: string[], dueBy: string | null, limit: number): JobRow[] {
      let q = k
        .selectFrom('job')
        .selectAll()
        .where('partner', '=', partner)
        .where('state', '=', 'queued')
        .where('kind', 'in', kinds)
        .orderBy('next_attempt_at')
        .orderBy('id')
        .limit(limit);
      if (dueBy !== null) q = q.where('next_attempt_at', '<=', dueBy);
      return db.all(q);
    },
    earliestQueued(partner: string): string | null {
      const r = db.get(
        k
          .selectFrom('job')
          .select((eb) => eb.fn.min('next_attempt_at').as('t'))
          .where('partner', '=', partner)
          .where('state', '=', 'queued'),
      );
      return (r?.t as string | null | undefined) ?? null;
    },
    countRunning(partner: string): number {
      const r = db.get(
        k
          .selectFrom('job')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('partner', '=', partner)
          .where('state', '=', 'running'),
      );
      return Number(r?.n ?? 0);
    },
    /** Start times of the partner's attempts after `since` (exclusive), oldest first: the sliding window. */
    attemptStartsAfter(partner: string, since: string): string[] {
      return db
        .all(
          k
            .selectFrom('job_attempt')
            .select('started_at')
            .where('partner', '=', partner)
            .where('started_at', '>', since)
            .orderBy('started_at'),
        )
        .map((r) => r.started_at);
    },
    claim(id: string, owner: string, leaseUntil: string, now: string): boolean {
      return (
        db.run(
          k
            .updateTable('job')
            .set((eb) => ({
              state: 'running',
              lease_owner: owner,
              lease_until: leaseUntil,
              attempts: eb('attempts', '+', 1),
              updated_at: now,
            }))
            .where('id', '=', id)
            .where('state', '=', 'queued'),
        ).changes === 1
      );
    },
    renewLease(id: string, owner: string, leaseUntil: string): void {
      db.run(
        k
          .updateTable('job')
          .set({ lease_until: leaseUntil })
          .where('id', '=', id)
          .where('lease_owner', '=', owner)
          .where('state', '=', 'running'),
      );
    },
    running: (): JobRow[] => db.all(k.selectFrom('job').selectAll().where('state', '=', 'running')),
    insertAttempt(a: Omit<JobAttemptRow, 'id'>): number {
      const r = db.get(k.insertInto('job_attempt').values(a).returning('id'));
      return r!.id;
    },
    finishAttempt(id: number, patch: Partial<Omit<JobAttemptRow, 'id' | 'job_id'>>): void {
      db.run(k.updateTable('job_attempt').set(patch).where('id', '=', id));
    },
    /** Attempts left 'running' by a process that died: their outcome is unknown. */
    closeOpenAttempts(jobId: string, finishedAt: string, message: string): void {
      db.run(
        k
          .updateTable('job_attempt')
          .set({ outcome: 'unknown', finished_at: finishedAt, error_message: message })
          .where('job_id', '=', jobId)
          .where('outcome', '=', 'running'),
      );
    },
    update(id: string, patch: Partial<Omit<JobRow, 'id'>>): void {
      db.run(k.updateTable('job').set(patch).where('id', '=', id));
    },
    attempts: (jobId: string): JobAttemptRow[] =>
      db.all(k.selectFrom('job_attempt').selectAll().where('job_id', '=', jobId).orderBy('id')),
    partner: (partner: string): JobPartnerRow | undefined =>
      db.get(k.selectFrom('job_partner').selectAll().where('partner', '=', partner)),
    upsertPartner(row: JobPartnerRow): void {
      const { partner: _key, ...rest } = row;
      db.run(
        k
          .insertInto('job_partner')
          .values(row)
          .onConflict((oc) => oc.column('partner').doUpdateSet(rest)),
      );
    },
    /** Counts per partner and state (every partner that ever had a job of these kinds), for the status bar. */
    countsByPartner(kinds: string[]): { partner: string; state: JobState; n: number }[] {
      if (!kinds.length) return [];
      return db.all(
        k
          .selectFrom('job')
          .select(['partner', 'state', (eb) => eb.fn.countAll<number>().as('n')])
          .where('kind', 'in', kinds)
          .groupBy(['partner', 'state']),
      );
    },
  };
}
export type JobStore = ReturnType<typeof createJobStore>;
