import { EodRecord, type EodDaySummary } from '../../../../shared/api/eod';
import type { Db } from '../../db/open';
import { ulidFactory } from '../../jobs/ids';
import type { Clock } from '../../util/clock';
import type { EodDraft } from './compute';
import { diffRecords } from './diff';

const ulid = ulidFactory();
const parse = (json: string): EodRecord => EodRecord.parse(JSON.parse(json));

/** The EOD records (table eod_record, migration 0650): written once per version, never updated (triggers). */
export function createEodStore(db: Db) {
  const { k } = db;
  function latest(terminalId: string, day: string): EodRecord | null {
    const r = db.get(
      k
        .selectFrom('eod_record')
        .select('record')
        .where('terminal_id', '=', terminalId)
        .where('day', '=', day)
        .orderBy('version', 'desc')
        .limit(1),
    );
    return r ? parse(r.record) : null;
  }
  return {
    latest,
    version(terminalId: string, day: string, version: number): EodRecord | null {
      const r = db.get(
        k
          .selectFrom('eod_record')
          .select('record')
          .where('terminal_id', '=', terminalId)
          .where('day', '=', day)
          .where('version', '=', version),
      );
      return r ? parse(r.record) : null;
    },
    /** The newest record of the terminal (any day): where the incremental chain check resumes. */
    newest(terminalId: string): EodRecord | null {
      const r = db.get(
        k
          .selectFrom('eod_record')
          .select('record')
          .where('terminal_id', '=', terminalId)
          .orderBy('created_at', 'desc')
          .orderBy('id', 'desc')
          .limit(1),
      );
      return r ? parse(r.record) : null;
    },
    list(terminalId: string, days: number): EodDaySummary[] {
      const rows = db.all(
        k
          .selectFrom('eod_record as e')
          .select(['e.id', 'e.day', 'e.version', 'e.light', 'e.verdict'])
          .where('e.terminal_id', '=', terminalId)
          .where((eb) =>
            eb(
              'e.version',
              '=',
              eb
                .selectFrom('eod_record as x')
                .select((x) => x.fn.max('x.version').as('v'))
                .whereRef('x.terminal_id', '=', 'e.terminal_id')
                .whereRef('x.day', '=', 'e.day'),
            ),
          )
          .orderBy('e.day', 'desc')
          .limit(days),
      );
      return rows;
    },
    /**
     * Stores the draft as the day's next version, unless it says exactly what the latest one says (then that one
     * is returned, `created: false`). One transaction: two runs at once cannot both write version n (the unique
     * (terminal, day, version) refuses the second).
     */
    save(
      draft: EodDraft,
      trigger: EodRecord['trigger'],
      clock: Clock,
    ): { record: EodRecord; created: boolean } {
      return db.tx(() => {
        const prev = latest(draft.terminalId, draft.day);
        const changes = prev ? diffRecords(prev, draft) : [];
        if (prev && !changes.length) return { record: prev, created: false };
        const now = clock.now();
        const record: EodRecord = EodRecord.parse({
          ...draft,
          id: `${draft.terminalId}-${ulid(now.getTime())}`,
          version: (prev?.version ?? 0) + 1,
          createdAt: now.toISOString(),
          trigger,
          changes,
          previousId: prev?.id ?? null,
        });
        db.run(
          k.insertInto('eod_record').values({
            id: record.id,
            terminal_id: record.terminalId,
            day: record.day,
            version: record.version,
            light: record.light,
            verdict: record.verdict,
            trigger,
            record: JSON.stringify(record),
            created_at: record.createdAt,
          }),
        );
        return { record, created: true };
      });
    },
  };
}
export type EodStore = ReturnType<typeof createEodStore>;
