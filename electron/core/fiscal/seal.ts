import type { CoreContext } from '../context';
import { param, prepared, type Prepared } from '../db/prepared';
import {
  DOC_FIELDS,
  INFO_FIELDS,
  LINE_FIELDS,
  PAY_FIELDS,
  STATUS_FIELDS,
  TAX_FIELDS,
  canonicalDocument,
  canonicalStatus,
  chainMac,
  contentRows,
  fieldTags,
  rowOf,
  shapeOf,
  type SealContent,
  type SealRow,
} from './seal-canonical';
import {
  createHeadWriter,
  emptyHead,
  readHead,
  reconcileHead,
  type ChainHeads,
  type HeadWriter,
  type SealHead,
} from './seal-head';
import { openSealKey } from './seal-key';
import { createDocumentReader } from './seal-reader';
import { createSealQueries } from './seal-queries';
import type { WrittenDocument } from './store';

export interface StatusRecord {
  id: number;
  document_id: number;
  status: string;
  at: string;
  operator_id: number | null;
  reason: string;
}

export interface Sealer {
  /** Seals a document just inserted, from the rows in memory, inside the issuing transaction. */
  sealDocument(w: WrittenDocument): void;
  /** Seals a status change (cancellation) just inserted, inside its transaction. */
  sealStatus(s: StatusRecord): void;
  /**
   * Says that the transaction which sealed `w` has committed (called by the issuer once its outermost
   * transaction returned): the flush after it and the next document of the series then take that head from
   * memory instead of reading it back from the database.
   */
  committed(w: WrittenDocument): void;
}

/**
 * The issuing side of the seal (seal-canonical.ts): MACs written inside the transaction that numbers and signs,
 * the head file (seal-head.ts) moved forward after that transaction commits. On the first start after the
 * 0500 migration it seals the documents that existed before (the backfill marker).
 */
export function createSealer(ctx: CoreContext): Sealer {
  const { db, dataDir, log } = ctx;
  const q = createSealQueries(db);
  const key = openSealKey(dataDir, q.hasSeals());

  // Compiled once: it runs inside every issuing transaction (issue 15, profile of the issue path).
  let insSeal: Prepared<unknown> | null = null;
  const sealContent = (c: SealContent, seriesId: number, number: number, prev: string): string => {
    const mac = chainMac(key, 'D', prev, canonicalDocument(c));
    insSeal ??= prepared(
      db,
      db.k.insertInto('fiscal_seal').values({
        document_id: param<number>('document_id'),
        series_id: param<number>('series_id'),
        number: param<number>('number'),
        mac: param('mac'),
        shape: param('shape'),
        tags: param<Buffer>('tags'),
      }),
    );
    insSeal.run({
      document_id: c.doc[0] as number,
      series_id: seriesId,
      number,
      mac,
      shape: shapeOf(c),
      tags: fieldTags(contentRows(c)),
    });
    return mac;
  };
  const sealStatusRow = (row: SealRow, prev: string): string => {
    const mac = chainMac(key, 'S', prev, canonicalStatus(row));
    db.run(
      db.k.insertInto('fiscal_status_seal').values({
        status_id: row[0] as number,
        document_id: row[1] as number,
        mac,
        tags: fieldTags([row]),
      }),
    );
    return mac;
  };

  // The head as this process last wrote it: entries are lower bounds, so a stale copy (another process issued
  // meanwhile) only writes a weaker bound, never a false one.
  let current: SealHead | null = null;
  let writer: HeadWriter | null = null;
  const write = (head: SealHead, both = false): void => {
    writer!.write(head, both);
    current = head;
  };

  backfill();
  startupHead();

  // Post-commit head updates: series touched since the last flush.
  const touched = new Set<number>();
  let statusTouched = false;
  let queued = false;
  // The MACs sealed since the last flush and the previous MAC each one chained to, per series: `last` is the
  // newest written, `known` maps number → MAC. Trusted after the commit only when the database's head of the
  // series is exactly `last` (then that transaction committed, and what it read and wrote is the database's
  // state); they spare the flush the look-up of the old head's MAC (reconcileHead's proof that the chain grew
  // from it). Anything else (a rollback, another process issuing) falls back to reading the database.
  const sealed = new Map<number, { last: readonly [number, string]; known: Map<number, string> }>();
  // Heads known committed by this process ([number, MAC] per series, from `committed`). A lower bound like the
  // head file: another process issuing after it makes it stale, never false, and every use checks the number.
  const confirmed = new Map<number, readonly [number, string]>();
  const remember = (seriesId: number, number: number, mac: string, prev: string): void => {
    let s = sealed.get(seriesId);
    if (!s) sealed.set(seriesId, (s = { last: [number, mac], known: new Map() }));
    s.last = [number, mac];
    s.known.set(number, mac);
    if (number > 1 && prev) s.known.set(number - 1, prev);
  };
  const flush = (): void => {
    queued = false;
    const series = [...touched];
    const status = statusTouched;
    const mine = new Map(sealed);
    touched.clear();
    sealed.clear();
    statusTouched = false;
    try {
      const r = current ? ({ kind: 'ok', head: current } as const) : readHead(dataDir, key);
      const head: SealHead =
        r.kind === 'ok'
          ? { series: r.head.series, status: r.head.status, lost: [...r.head.lost] }
          : emptyHead();
      const only = r.kind === 'ok' ? { series, status } : undefined;
      const dbHeads = headsAfterCommit(only, mine);
      const macAt = {
        doc: (seriesId: number, number: number): string | null => {
          const m = mine.get(seriesId);
          const d = dbHeads.series.get(seriesId);
          const ours = m && d && d[0] === m.last[0] && d[1] === m.last[1] ? m.known.get(number) : undefined;
          return ours ?? q.macAt.doc(seriesId, number);
        },
        status: q.macAt.status,
      };
      const res = reconcileHead(head, dbHeads, macAt, only);
      if (res.lost.length) lostFound(res.lost.length);
      if (res.changed || r.kind !== 'ok') write(head, r.kind !== 'ok');
    } catch (e) {
      // The document is committed; the head file is only a lower bound. Logged, retried on the next issue.
      log.error('seal head not written', { error: e instanceof Error ? e.message : String(e) });
    }
  };
  /**
   * The database's heads for the flush. A series whose newest seal in this flush is the head `committed`
   * confirmed is that head (its transaction committed, under the write lock that numbered it), so no read
   * transaction follows each commit on the issue path; anything else (a rollback, another process, a status
   * change, the first flush) is read from the database as before.
   */
  const headsAfterCommit = (
    only: { series: readonly number[]; status: boolean } | undefined,
    mine: ReadonlyMap<number, { last: readonly [number, string] }>,
  ): ChainHeads => {
    if (!only || only.status) return q.heads(only?.series, true);
    const known = new Map<number, readonly [number, string]>();
    const unknown: number[] = [];
    for (const id of only.series) {
      const c = confirmed.get(id);
      const m = mine.get(id);
      if (c && m && c[0] === m.last[0] && c[1] === m.last[1]) known.set(id, c);
      else unknown.push(id);
    }
    if (!unknown.length) return { series: known, status: null };
    const read = q.heads(unknown, false);
    for (const [id, h] of read.series) known.set(id, h);
    return { series: known, status: null };
  };
  const touch = (seriesId: number | null): void => {
    if (seriesId === null) statusTouched = true;
    else touched.add(seriesId);
    if (!queued) {
      queued = true;
      db.afterCommit(flush);
    }
  };

  function lostFound(n: number): void {
    log.error('fiscal seal: the database is behind or differs from the seal head file', { entries: n });
    ctx.audit('fiscal.seal-head-diverged', null, { entries: n });
  }

  function backfill(): void {
    const marker = q.backfillMarker();
    if (!marker) return;
    if (readHead(dataDir, key).kind !== 'missing') {
      // Backfill happens once, before the first head file: a marker found later was not written by 0500.
      log.error('fiscal seal: backfill marker ignored (the seal head file already exists)');
      return;
    }
    let docs = 0;
    let statuses = 0;
    db.tx(() => {
      const reader = createDocumentReader(db, { maxId: marker.max_document_id });
      for (const ser of q.seriesIds()) {
        let prev = '';
        for (const d of reader.series(ser)) {
          if (d.seal) prev = d.seal.mac;
          else {
            prev = sealContent(d.content, d.seriesId, d.number, prev);
            docs++;
          }
        }
      }
      let prev = '';
      for (const st of q.statusesUpTo(marker.max_status_id)) {
        if (st.mac) prev = st.mac;
        else {
          prev = sealStatusRow(st.row, prev);
          statuses++;
        }
      }
      q.clearBackfill();
    });
    if (docs || statuses) {
      ctx.audit('fiscal.seal-backfill', null, { documents: docs, statuses });
      log.info('fiscal seal: existing documents sealed', { documents: docs, statuses });
    }
  }

  function startupHead(): void {
    const r = readHead(dataDir, key);
    writer = createHeadWriter(dataDir, key, r.kind === 'ok' ? r.seq : 0);
    let head: SealHead;
    if (r.kind === 'ok') head = r.head;
    else {
      head = emptyHead();
      if (q.hasSeals()) {
        // Recreated from the database (which is all there is now); the gap in evidence is audited.
        log.error(`fiscal seal: head file ${r.kind}, recreated from the database`);
        ctx.audit(`fiscal.seal-head-${r.kind}`, null, {});
      }
    }
    const res = reconcileHead(head, q.heads(), q.macAt);
    if (res.lost.length) lostFound(res.lost.length);
    const complete = r.kind === 'ok' && r.complete;
    if (r.kind === 'ok' && !complete && q.hasSeals()) {
      log.error('fiscal seal: head file incomplete (a slot missing or stale), repaired');
      ctx.audit('fiscal.seal-head-incomplete', null, {});
    }
    if (res.changed || !complete) write(head, !complete);
    else current = head;
  }

  return {
    sealDocument(w) {
      const c: SealContent = {
        doc: rowOf(DOC_FIELDS, w.doc),
        lines: w.lines.map((l) => rowOf(LINE_FIELDS, l)),
        taxes: w.taxes.map((t) => rowOf(TAX_FIELDS, t)),
        payments: w.payments.map((p) => rowOf(PAY_FIELDS, p)),
        info: w.info.map((i) => rowOf(INFO_FIELDS, i)),
      };
      const head = confirmed.get(w.doc.series_id);
      // The previous MAC: the committed head this process remembers when it is exactly number − 1 (inside this
      // transaction nobody else can have written since), else read from the database.
      const prev =
        w.doc.number <= 1
          ? ''
          : head && head[0] === w.doc.number - 1
            ? head[1]
            : (q.macAt.doc(w.doc.series_id, w.doc.number - 1) ?? '');
      const mac = sealContent(c, w.doc.series_id, w.doc.number, prev);
      remember(w.doc.series_id, w.doc.number, mac, prev);
      touch(w.doc.series_id);
    },
    sealStatus(st) {
      sealStatusRow(rowOf(STATUS_FIELDS, st), q.lastStatusMac() ?? '');
      touch(null);
    },
    committed(w) {
      const m = sealed.get(w.doc.series_id);
      if (m && m.last[0] === w.doc.number) confirmed.set(w.doc.series_id, m.last);
      else confirmed.delete(w.doc.series_id);
    },
  };
}
