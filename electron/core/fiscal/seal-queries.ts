import type { Sqlite } from '../db/open';
import { STATUS_FIELDS, type SealRow } from './seal-canonical';
import type { ChainHeads } from './seal-head';

/** The seal's small lookups (prepared once), shared by the sealer and `verify`. */
export function createSealQueries(s: Sqlite) {
  const selHasSeals = s.prepare(
    'select exists (select 1 from fiscal_seal) or exists (select 1 from fiscal_status_seal) as x',
  );
  const selSeries = s.prepare('select id from fiscal_series order by id').pluck();
  const selDocMac = s
    .prepare(
      `select s.mac from fiscal_document d join fiscal_seal s on s.document_id = d.id
       where d.series_id = ? and d.number = ?`,
    )
    .pluck();
  const selSeriesHead = s
    .prepare(
      `select d.number, s.mac from fiscal_document d join fiscal_seal s on s.document_id = d.id
       where d.series_id = ? order by d.number desc limit 1`,
    )
    .raw(true);
  const selStatusMac = s
    .prepare(
      `select s.mac from fiscal_status_seal s join fiscal_status t on t.id = s.status_id where s.status_id = ?`,
    )
    .pluck();
  const selStatusHead = s
    .prepare(
      `select s.status_id, s.mac from fiscal_status_seal s join fiscal_status t on t.id = s.status_id
       order by s.status_id desc limit 1`,
    )
    .raw(true);
  const selLastStatusMac = s
    .prepare('select mac from fiscal_status_seal order by status_id desc limit 1')
    .pluck();
  const selMarker = s.prepare('select max_document_id, max_status_id from fiscal_seal_backfill where id = 1');
  const delMarker = s.prepare('delete from fiscal_seal_backfill');
  const selStatuses = s
    .prepare(
      `select ${STATUS_FIELDS.map((f) => `t.${f}`).join(', ')}, s.mac, s.tags
       from fiscal_status t left join fiscal_status_seal s on s.status_id = t.id
       where t.id <= ? order by t.id`,
    )
    .raw(true);

  return {
    hasSeals: (): boolean => (selHasSeals.get() as { x: number }).x === 1,
    seriesIds: (): number[] => selSeries.all() as number[],
    macAt: {
      doc: (seriesId: number, number: number): string | null =>
        (selDocMac.get(seriesId, number) as string | undefined) ?? null,
      status: (id: number): string | null => (selStatusMac.get(id) as string | undefined) ?? null,
    },
    lastStatusMac: (): string | null => (selLastStatusMac.get() as string | undefined) ?? null,
    /** The database's chain heads, of every series or only of `seriesIds` (the post-commit path). */
    heads(seriesIds?: readonly number[]): ChainHeads {
      const series = new Map<number, readonly [number, string]>();
      for (const id of seriesIds ?? (selSeries.all() as number[])) {
        const r = selSeriesHead.get(id) as [number, string] | undefined;
        if (r) series.set(id, r);
      }
      const st = selStatusHead.get() as [number, string] | undefined;
      return { series, status: st ?? null };
    },
    backfillMarker: () => selMarker.get() as { max_document_id: number; max_status_id: number } | undefined,
    clearBackfill: (): void => {
      delMarker.run();
    },
    /** Status changes in id order with their seal (mac/tags null when unsealed); `all()`, so writes may follow. */
    *statusesUpTo(maxId: number): Generator<{ row: SealRow; mac: string | null; tags: Buffer | null }> {
      const n = STATUS_FIELDS.length;
      for (const r of selStatuses.all(maxId) as unknown[][]) {
        yield { row: r.slice(0, n) as SealRow, mac: r[n] as string | null, tags: r[n + 1] as Buffer | null };
      }
    },
  };
}
