import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/**
 * Independent evidence of each chain's head, outside the database: `<dataDir>/fiscal-seal.head`, a small JSON
 * file MACed with the seal key. A removed *last* document leaves a shorter chain that is valid in itself; only
 * something the database does not contain can tell. (The series table, Z reports, print jobs and the audit log
 * are all in the same file an attacker edits, so they prove nothing against that attacker.)
 *
 * The file is written after the issuing transaction commits (never before: a rolled-back document must not
 * appear in it), so it is a lower bound: a crash between commit and write loses only the protection of the
 * last document. Entries only move forward; when the database is found behind or different from the file,
 * the old entry is kept in `lost` forever, so reissuing over a removed number does not erase the evidence.
 */
export const SEAL_HEAD_FILE = 'fiscal-seal.head';

const Mac = z.string().regex(/^[0-9a-f]{64}$/);
const Entry = z.tuple([z.number().int(), z.number().int(), Mac]);
const Lost = z.union([
  z.tuple([z.literal('D'), z.number().int(), z.number().int(), Mac]),
  z.tuple([z.literal('S'), z.number().int(), Mac]),
]);
const HeadFile = z
  .object({
    v: z.literal(1),
    /** [series id, last sealed number, its MAC], by series id. */
    series: z.array(Entry),
    /** [last sealed status id, its MAC]. */
    status: z.tuple([z.number().int(), Mac]).nullable(),
    lost: z.array(Lost),
    mac: Mac,
  })
  .strict();

export type SealHead = Omit<z.infer<typeof HeadFile>, 'v' | 'mac'>;
export type LostEntry = z.infer<typeof Lost>;

export const emptyHead = (): SealHead => ({ series: [], status: null, lost: [] });

const headMac = (key: Buffer, h: SealHead): string =>
  crypto
    .createHmac('sha256', key)
    .update('H1\n' + JSON.stringify([h.series, h.status, h.lost]))
    .digest('hex');

export type HeadRead = { kind: 'ok'; head: SealHead } | { kind: 'missing' } | { kind: 'invalid' };

export function readHead(dataDir: string, key: Buffer): HeadRead {
  const file = path.join(dataDir, SEAL_HEAD_FILE);
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
  const expected = Buffer.from(headMac(key, head), 'hex');
  if (!crypto.timingSafeEqual(expected, Buffer.from(parsed.mac, 'hex'))) return { kind: 'invalid' };
  return { kind: 'ok', head };
}

/** Atomic replace (write + rename): a reader sees the old file or the new one, never half of one. */
export function writeHead(dataDir: string, key: Buffer, head: SealHead): void {
  const file = path.join(dataDir, SEAL_HEAD_FILE);
  const tmp = `${file}.tmp`;
  const body = { v: 1, ...head, mac: headMac(key, head) };
  fs.writeFileSync(tmp, JSON.stringify(body) + '\n', { mode: 0o600 });
  fs.renameSync(tmp, file);
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
