import { sql } from 'kysely';
import type { Db } from '../db/open';
import { param, prepared, type Prepared } from '../db/prepared';
import { STATUS_FIELDS, type SealRow } from './seal-canonical';
import type { ChainHeads } from './seal-head';

/** Built and compiled on first use, then only run (the lookups below run for every document issued). */
function lazy<R>(make: () => Prepared<R>): () => Prepared<R> {
  let p: Prepared<R> | null = null;
  return () => (p ??= make());
}

/**
 * The seal's small lookups, shared by the sealer and `verify`. Those on the issuing path (the previous MAC, the
 * chain heads after each commit) are compiled once (`prepared`): compiling a Kysely query per document cost
 * more than running it (issue 15, profile of the issue path).
 */
export function createSealQueries(db: Db) {
  const k = db.k;
  const seriesIds = (): number[] =>
    db.all(k.selectFrom('fiscal_series').select('id').orderBy('id')).map((r) => r.id);
  const seriesHeadQ = lazy(() =>
    prepared(
      db,
      k
        .selectFrom('fiscal_document as d')
        .innerJoin('fiscal_seal as s', 's.document_id', 'd.id')
        .select(['d.number', 's.mac'])
        .where('d.series_id', '=', param<number>('seriesId'))
        .orderBy('d.number', 'desc')
        .limit(1),
    ),
  );
  const seriesHead = (seriesId: number) => seriesHeadQ().get({ seriesId });
  const macAtDocQ = lazy(() =>
    prepared(
      db,
      k
        .selectFrom('fiscal_document as d')
        .innerJoin('fiscal_seal as s', 's.document_id', 'd.id')
        .select('s.mac')
        .where('d.series_id', '=', param<number>('seriesId'))
        .where('d.number', '=', param<number>('number')),
    ),
  );
  const statusHeadQ = lazy(() =>
    prepared(
      db,
      k
        .selectFrom('fiscal_status_seal as s')
        .innerJoin('fiscal_status as t', 't.id', 's.status_id')
        .select(['s.status_id', 's.mac'])
        .orderBy('s.status_id', 'desc')
        .limit(1),
    ),
  );

  return {
    hasSeals: (): boolean =>
      !!db.get(k.selectFrom('fiscal_seal').select('document_id').limit(1)) ||
      !!db.get(k.selectFrom('fiscal_status_seal').select('status_id').limit(1)),
    seriesIds,
    macAt: {
      doc: (seriesId: number, number: number): string | null =>
        macAtDocQ().get({ seriesId, number })?.mac ?? null,
      status: (id: number): string | null =>
        db.get(
          k
            .selectFrom('fiscal_status_seal as s')
            .innerJoin('fiscal_status as t', 't.id', 's.status_id')
            .select('s.mac')
            .where('s.status_id', '=', id),
        )?.mac ?? null,
    },
    lastStatusMac: (): string | null =>
      db.get(k.selectFrom('fiscal_status_seal').select('mac').orderBy('status_id', 'desc').limit(1))?.mac ??
      null,
    /**
     * The database's chain heads, of every series or only of `seriesIds` (the post-commit path); the status
     * chain's head is read unless `withStatus` is false (a flush after documents only: reconcileHead does not
     * look at it then).
     */
    heads(only?: readonly number[], withStatus = true): ChainHeads {
      const series = new Map<number, readonly [number, string]>();
      for (const id of only ?? seriesIds()) {
        const r = seriesHead(id);
        if (r) series.set(id, [r.number, r.mac]);
      }
      if (!withStatus) return { series, status: null };
      const st = statusHeadQ().get();
      return { series, status: st ? [st.status_id, st.mac] : null };
    },
    backfillMarker: () =>
      db.get(
        k.selectFrom('fiscal_seal_backfill').select(['max_document_id', 'max_status_id']).where('id', '=', 1),
      ),
    clearBackfill: (): void => {
      db.run(k.deleteFrom('fiscal_seal_backfill'));
    },
    /** Status changes in id order with their seal (mac/tags null when unsealed); read at once, so writes may follow. */
    *statusesUpTo(maxId: number): Generator<{ row: SealRow; mac: string | null; tags: Buffer | null }> {
      const n = STATUS_FIELDS.length;
      const rows = db.rows(
        k
          .selectFrom('fiscal_status as t')
          .leftJoin('fiscal_status_seal as s', 's.status_id', 't.id')
          .select(STATUS_FIELDS.map((f) => sql.ref<unknown>(`t.${f}`).as(`t_${f}`)))
          .select(['s.mac', 's.tags'])
          .where('t.id', '<=', maxId)
          .orderBy('t.id'),
      );
      for (const r of rows) {
        yield { row: r.slice(0, n) as SealRow, mac: r[n] as string | null, tags: r[n + 1] as Buffer | null };
      }
    },
  };
}
