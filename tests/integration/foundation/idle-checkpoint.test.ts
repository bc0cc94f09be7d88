import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startIdleCheckpoints, WAL_BOUND_PAGES } from '../../../electron/core/db/checkpoint';
import { silentLogger } from '../../../electron/core/log/logger';
import { fixedClock } from '../../../electron/core/util/clock';
import { createTestCore, type TestCore } from '../../helpers/core';
import { fakeScheduler } from '../../helpers/fake-scheduler';
import { threeLineFs } from '../../helpers/fs-draft';

/**
 * Issue 15: the WAL is copied into the database file when the terminal idles, not inside the commit of the
 * document that happens to fill it (db/checkpoint.ts). Read from the WAL index (`-shm`, SQLite's documented
 * layout, host byte order): mxFrame (offset 16) = frames in the WAL, nBackfill (offset 96) = frames already
 * copied into the database file.
 */
describe('idle WAL checkpoints', () => {
  let t: TestCore;
  beforeAll(async () => {
    t = await createTestCore();
  });
  afterAll(async () => {
    await t.close();
  });
  const walIndex = () => {
    const b = fs.readFileSync(`${t.core.ctx.db.file}-shm`);
    return { frames: b.readUInt32LE(16), copied: b.readUInt32LE(96) };
  };

  it('the core bounds the WAL higher than SQLite default, the commit no longer copies it every 1000 pages', () => {
    expect(t.core.ctx.db.sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(WAL_BOUND_PAGES);
    const s = t.core.ctx.db.sqlite;
    s.pragma('wal_checkpoint(TRUNCATE)');
    const draft = threeLineFs(t.core);
    // About 20 pages per document: past SQLite's default bound of 1000 pages, under this one.
    for (let i = 0; i < 80; i++) t.core.fiscal.issue(draft, 1);
    const w = walIndex();
    expect(w.frames).toBeGreaterThan(1000);
    expect(w.copied).toBe(0);
  });

  it('checkpoints once a whole tick passed without a write, and only then', () => {
    const clock = fixedClock(new Date('2026-12-01T10:00:00'));
    const scheduler = fakeScheduler(clock);
    const cp = startIdleCheckpoints(t.core.ctx.db, { scheduler, log: silentLogger, tickMs: 500 });
    try {
      const draft = threeLineFs(t.core);
      t.core.fiscal.issue(draft, 1);
      scheduler.advance(500); // a write in this tick: busy
      expect(walIndex().copied).toBe(0);
      t.core.fiscal.issue(draft, 1);
      scheduler.advance(500); // busy again
      expect(walIndex().copied).toBe(0);
      scheduler.advance(500); // a tick without a write: idle, copied
      const w = walIndex();
      expect(w.frames).toBeGreaterThan(0);
      expect(w.copied).toBe(w.frames);
      // The next write restarts the WAL from its beginning (it was wholly copied): the file stays bounded.
      t.core.fiscal.issue(draft, 1);
      expect(walIndex().frames).toBeLessThan(40);
    } finally {
      cp.stop();
    }
    expect(scheduler.pending()).toBe(0);
  });
});
