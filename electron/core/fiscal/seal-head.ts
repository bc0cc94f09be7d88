import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/**
 * Independent evidence of each chain's head, outside the database: `<dataDir>/fiscal-seal.head-a` and `-b`,
 * small JSON records MACed with the seal key, written alternately with a rising sequence number (the reader
 * takes the valid one with the highest). Each write overwrites the older slot in place through an open file
 * (no rename: a rename per document cost as much as a tenth of an issue), so a write torn by a crash damages
 * only that slot and the other still holds the previous head. A removed *last* document leaves a shorter chain that is valid in itself; only
 * something the database does not contain can tell. (The series table, Z reports, print jobs and the audit log
 * are all in the same file an attacker edits, so they prove nothing against that attacker.)
 *
 * The file is written after the issuing transaction commits (never before: a rolled-back document must not
 * appear in it), so it is a lower bound: a crash between commit and write loses only the protection of the
 * last document. Entries only move forward; when the database is found behind or different from the file,
 * the old entry is kept in `lost` forever, so reissuing over a removed number does not erase the evidence.
 */
export const SEAL_HEAD_FILE = 'fiscal-seal.head';
export const SEAL_HEAD_SLOTS = [`${SEAL_HEAD_FILE}-a`, `${SEAL_HEAD_FILE}-b`] as const;

const Mac = z.string().regex(/^[0-9a-f]{64}$/);
const Entry = z.tuple([z.number().int(), z.number().int(), Mac]);
const Lost = z.union([
  z.tuple([z.literal('D'), z.number().int(), z.number().int(), Mac]),
  z.tuple([z.literal('S'), z.number().int(), Mac]),
]);
const HeadFile = z
  .object({
    v: z.literal(1),
    seq: z.number().int().nonnegative(),
    /** [series id, last sealed number, its MAC], by series id. */
    series: z.array(Entry),
    /** [last sealed status id, its MAC]. */
    status: z.tuple([z.number().int(), Mac]).nullable(),
    lost: z.array(Lost),
    mac: Mac,
  })
  .strict();

export type SealHead = Omit<z.infer<typeof HeadFile>, 'v' | 'seq' | 'mac'>;
export type LostEntry = z.infer<typeof Lost>;

export const emptyHead = (): SealHead => ({ series: [], status: null, lost: [] });

const headMac = (key: Buffer, seq: number, h: SealHead): string =>
  crypto
    .createHmac('sha256', key)
    .update(`H1\n${seq}\n` + JSON.stringify([h.series, h.status, h.lost]))
    .digest('hex');

export type HeadRead =
  /** `complete`: both slots valid, one write apart (a missing or older newest slot would hide the last write). */
  { kind: 'ok'; head: SealHead; seq: number; complete: boolean } | { kind: 'missing' } | { kind: 'invalid' };

function readSlot(file: string, key: Buffer): HeadRead {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as { code?: string }).code === 'ENOENT') return { kind: 'missing' };
    return { kind: 'invalid' };
  }
  let parsed: z.infer<typeof HeadFile>;
  try {
    parsed = HeadFile.parse(JSON.parse(text));
  } catch {
    return { kind: 'invalid' };
  }
  const head: SealHead = { series: parsed.series, status: parsed.status, lost: parsed.lost };
  const expected = Buffer.from(headMac(key, parsed.seq, head), 'hex');
  if (!crypto.timingSafeEqual(expected, Buffer.from(parsed.mac, 'hex'))) return { kind: 'invalid' };
  return { kind: 'ok', head, seq: parsed.seq, complete: false };
}

/** The newest valid slot; 'invalid' when slots exist but none is valid; 'missing' when there are none. */
export function readHead(dataDir: string, key: Buffer): HeadRead {
  const slots = SEAL_HEAD_SLOTS.map((f) => readSlot(path.join(dataDir, f), key));
  let best: HeadRead = { kind: 'missing' };
  for (const r of slots) {
    if (r.kind === 'ok') {
      if (best.kind !== 'ok' || r.seq > best.seq) best = r;
    } else if (r.kind === 'invalid' && best.kind === 'missing') best = r;
  }
  if (best.kind !== 'ok') return best;
  const [a, b] = slots;
  const complete = a.kind === 'ok' && b.kind === 'ok' && Math.abs(a.seq - b.seq) === 1;
  return { ...best, complete };
}

export interface HeadWriter {
  /** Writes the head into the older slot; `both` also refreshes the other one (a first or repaired file). */
  write(head: SealHead, both?: boolean): void;
}

/**
 * Writes the next record into the older slot at offset 0, padded with spaces to that slot's length (JSON
 * ignores them): one open, pwrite and close, no truncate or rename per write.
 */
export function createHeadWriter(dataDir: string, key: Buffer, lastSeq: number): HeadWriter {
  let seq = lastSeq;
  const one = (head: SealHead): void => {
    seq++;
    const file = path.join(dataDir, SEAL_HEAD_SLOTS[seq % 2]);
    const fd = fs.openSync(file, fs.constants.O_RDWR | fs.constants.O_CREAT, 0o600);
    try {
      const body = JSON.stringify({ v: 1, seq, ...head, mac: headMac(key, seq, head) }) + '\n';
      const buf = Buffer.from(body.padEnd(Math.max(fs.fstatSync(fd).size, body.length), ' '), 'utf8');
      fs.writeSync(fd, buf, 0, buf.length, 0);
    } finally {
      fs.closeSync(fd);
    }
  };
  return {
    write(head, both = false) {
      one(head);
      if (both) one(head);
    },
  };
}

export interface ChainHeads {
  /** Last sealed [number, mac] per series id. */
  series: ReadonlyMap<number, readonly [number, string]>;
  status: readonly [number, string] | null;
}

/**
 * Moves the file's entries forward to the database's heads. An entry the database no longer reaches (or
 * reaches with another MAC) goes to `lost`. `macAt` reads the database's MAC at an older position, so moving
 * forward also proves the old head is still in the chain. Returns whether anything changed.
 */
export function reconcileHead(
  head: SealHead,
  db: ChainHeads,
  macAt: { doc(seriesId: number, number: number): string | null; status(id: number): string | null },
  only?: { series?: readonly number[]; status?: boolean },
): { changed: boolean; lost: LostEntry[] } {
  const lost: LostEntry[] = [];
  let changed = false;
  const bySeries = new Map(head.series.map((e) => [e[0], e]));
  const ids = only
    ? (only.series ?? [])
    : [...new Set([...bySeries.keys(), ...db.series.keys()])].sort((a, b) => a - b);
  for (const id of ids) {
    const h = bySeries.get(id);
    const d = db.series.get(id);
    if (h && d && d[0] === h[1] && d[1] === h[2]) continue;
    if (h && !(d && d[0] > h[1] && macAt.doc(id, h[1]) === h[2])) lost.push(['D', id, h[1], h[2]]);
    if (d) bySeries.set(id, [id, d[0], d[1]]);
    else bySeries.delete(id);
    changed = true;
  }
  head.series = [...bySeries.values()].sort((a, b) => a[0] - b[0]);
  if (!only || only.status) {
    const h = head.status;
    const d = db.status;
    if (!(h && d && h[0] === d[0] && h[1] === d[1]) && (h || d)) {
      if (h && !(d && d[0] > h[0] && macAt.status(h[0]) === h[1])) lost.push(['S', h[0], h[1]]);
      head.status = d ? [d[0], d[1]] : null;
      changed = true;
    }
  }
  head.lost.push(...lost);
  return { changed, lost };
}
