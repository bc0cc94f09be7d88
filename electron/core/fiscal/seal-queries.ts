import { sql } from 'kysely';
import type { Db } from '../db/open';
import { STATUS_FIELDS, type SealRow } from './seal-canonical';
import type { ChainHeads } from './seal-head';

/** The seal's small lookups (Kysely; statements cached by `db`), shared by the sealer and `verify`. */
export function createSealQueries(db: Db) {
  const k = db.k;
  const seriesIds = (): number[] =>
    db.all(k.selectFrom('fiscal_series').select('id').orderBy('id')).map((r) => r.id);
  const seriesHead = (seriesId: number) =>
    db.get(
      k
        .selectFrom('fiscal_document as d')
        .innerJoin('fiscal_seal as s', 's.document_id', 'd.id')
        .select(['d.number', 's.mac'])
        .where('d.series_id', '=', seriesId)
        .orderBy('d.number', 'desc')
        .limit(1),
    );

  return {
    hasSeals: (): boolean =>
      !!db.get(k.selectFrom('fiscal_seal').select('document_id').limit(1)) ||
      !!db.get(k.selectFrom('fiscal_status_seal').select('status_id').limit(1)),
    seriesIds,
    macAt: {
      doc: (seriesId: number, number: number): string | null =>
        db.get(
          k
            .selectFrom('fiscal_document as d')
            .innerJoin('fiscal_seal as s', 's.document_id', 'd.id')
            .select('s.mac')
            .where('d.series_id', '=', seriesId)
            .where('d.number', '=', number),
        )?.mac ?? null,
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
    /** The database's chain heads, of every series or only of `seriesIds` (the post-commit path). */
    heads(only?: readonly number[]): ChainHeads {
      const series = new Map<number, readonly [number, string]>();
      for (const id of only ?? seriesIds()) {
        const r = seriesHead(id);
        if (r) series.set(id, [r.number, r.mac]);
      }
      const st = db.get(
        k
          .selectFrom('fiscal_status_seal as s')
          .innerJoin('fiscal_status as t', 't.id', 's.status_id')
          .select(['s.status_id', 's.mac'])
          .orderBy('s.status_id', 'desc')
          .limit(1),
      );
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
