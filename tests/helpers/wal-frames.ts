import fs from 'node:fs';
import type { Sqlite } from '../../electron/core/db/open';

/**
 * The page number of every frame in a WAL file, and which B-tree (table or index, from `dbstat`) each page
 * belongs to now: what the commits since the WAL was last reset wrote, one frame per page per commit.
 */
export function walFramesByBtree(
  sqlite: Sqlite,
  walFile: string,
): { frames: number; byBtree: Map<string, number> } {
  const pageSize = sqlite.pragma('page_size', { simple: true }) as number;
  const buf = fs.readFileSync(walFile);
  const owner = new Map<number, string>();
  for (const r of sqlite.prepare('select name, pageno from dbstat').all() as Array<{
    name: string;
    pageno: number;
  }>)
    owner.set(r.pageno, r.name);
  const byBtree = new Map<string, number>();
  let frames = 0;
  // WAL: a 32-byte header, then frames of a 24-byte header (page number first, big-endian) and one page.
  for (let off = 32; off + 24 + pageSize <= buf.length; off += 24 + pageSize) {
    const page = buf.readUInt32BE(off);
    const name = page === 1 ? '(header page 1)' : (owner.get(page) ?? '(free/other)');
    byBtree.set(name, (byBtree.get(name) ?? 0) + 1);
    frames++;
  }
  return { frames, byBtree };
}

/** Stops automatic checkpoints and empties the WAL, so it then holds every frame of the next commits. */
export function resetWal(sqlite: Sqlite): void {
  sqlite.pragma('wal_autocheckpoint = 0');
  sqlite.pragma('wal_checkpoint(TRUNCATE)');
}
