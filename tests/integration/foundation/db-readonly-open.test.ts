import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/core/db/open';
import { readDataDir } from '../../../electron/core/fiscal/open-readonly';
import { folderSnapshot } from '../../helpers/folder-snapshot';
import { tempDir } from '../../helpers/tmp';

const MB = 1024 * 1024;
const BLOBS = 48;

/**
 * Issue 15 (SAF-T peak RSS ≤ 300 MB): `verify` and `saft` open the data folder read-only. With no pending WAL
 * the database used to be read into memory and deserialized: the process then held it twice (the read
 * Buffer and SQLite's copy), ~350 MB for 100 000 documents. It now opens a copy in a temporary folder.
 */
describe('a read-only open of a database without pending WAL', () => {
  const tmp = tempDir('balcao-ro-open-');
  const file = path.join(tmp.dir, 'balcao.sqlite');
  const snapshot = () => folderSnapshot(tmp.dir);
  // Its own temporary folder (TMPDIR), so other tests' temporary folders cannot be mistaken for its copy.
  const scratch = tempDir('balcao-ro-scratch-');
  const withTmpDir = <T>(dir: string, fn: () => T): T => {
    const saved = process.env.TMPDIR;
    process.env.TMPDIR = dir;
    try {
      return fn();
    } finally {
      if (saved === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = saved;
    }
  };
  let expectedBytes = 0;

  beforeAll(() => {
    const db = openDatabase(file);
    db.sqlite.exec('create table blob_probe (b blob not null)');
    const insert = db.sqlite.prepare('insert into blob_probe (b) values (randomblob(?))');
    db.tx(() => {
      for (let i = 0; i < BLOBS; i++) insert.run(MB);
    });
    db.close();
    expectedBytes = BLOBS * MB;
    expect(fs.existsSync(`${file}-wal`)).toBe(false);
    expect(fs.statSync(file).size).toBeGreaterThan(expectedBytes);
  });
  afterAll(() => {
    tmp.cleanup();
    scratch.cleanup();
  });

  it('does not hold the database in memory, reads all of it, leaves the folder and no temporary copy behind', () => {
    const before = snapshot();
    const { row, grew, main, copiesOpen } = withTmpDir(scratch.dir, () => {
      const rss0 = process.memoryUsage().rss;
      const db = openDatabase(file, { readonly: true });
      const row = db.sqlite.prepare('select sum(length(b)) as n from blob_probe').get() as {
        n: number;
      };
      const grew = process.memoryUsage().rss - rss0;
      const main = (db.sqlite.pragma('database_list') as { name: string; file: string }[]).find(
        (d) => d.name === 'main',
      );
      const copiesOpen = fs.readdirSync(scratch.dir);
      db.close();
      return { row, grew, main, copiesOpen };
    });

    expect(row.n).toBe(expectedBytes);
    // In memory it grew by at least the file (48 MB), twice while the read Buffer lived.
    expect(grew).toBeLessThan(16 * MB);
    expect(copiesOpen).toHaveLength(1);
    expect(main?.file).toBe(path.join(scratch.dir, copiesOpen[0]!, 'balcao.sqlite'));
    expect(fs.readdirSync(scratch.dir)).toEqual([]);
    expect(snapshot()).toEqual(before);
  });

  it('falls back to reading into memory when the temporary folder cannot be written', () => {
    const before = snapshot();
    // A file where the temporary folder should be: mkdtemp under it fails.
    const notADir = path.join(scratch.dir, 'not-a-dir');
    fs.writeFileSync(notADir, '');
    withTmpDir(notADir, () => {
      const db = openDatabase(file, { readonly: true });
      const row = db.sqlite.prepare('select sum(length(b)) as n from blob_probe').get() as {
        n: number;
      };
      const main = (db.sqlite.pragma('database_list') as { name: string; file: string }[]).find(
        (d) => d.name === 'main',
      );
      db.close();
      expect(row.n).toBe(expectedBytes);
      expect(main?.file).toBe('');
    });
    expect(fs.readdirSync(scratch.dir)).toEqual(['not-a-dir']);
    fs.rmSync(notADir);
    expect(snapshot()).toEqual(before);
  });

  it('removes the copies that killed processes left behind, and only those', () => {
    // A pid that existed and is gone: a child that has exited.
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
      encoding: 'utf8',
    });
    const deadPid = Number(dead.stdout);
    expect(deadPid).toBeGreaterThan(0);
    const stale = path.join(scratch.dir, `balcao-ro-${deadPid}-AbC123`);
    fs.mkdirSync(stale);
    fs.writeFileSync(path.join(stale, 'balcao.sqlite'), 'left by a killed export');
    // A live process's copy (pid 1 is always there) and an unrelated folder stay.
    const live = path.join(scratch.dir, 'balcao-ro-1-XyZ789');
    fs.mkdirSync(live);
    const other = path.join(scratch.dir, 'balcao-rollout');
    fs.mkdirSync(other);

    withTmpDir(scratch.dir, () => openDatabase(file, { readonly: true }).close());

    expect(fs.readdirSync(scratch.dir).sort()).toEqual(['balcao-ro-1-XyZ789', 'balcao-rollout']);
    fs.rmSync(live, { recursive: true });
    fs.rmSync(other, { recursive: true });
  });
});

/**
 * Issue 15 (fiscal.verify_100k_s): copying the whole database before reading it was 0.1–0.2 s of every `verify`
 * and `saft` on 100 000 documents. A closed database is now read through a hard link in the temporary folder
 * (a view of the file itself), and the reader is told if the file changed meanwhile; readDataDir then reads a
 * copy instead.
 */
describe('a read-only view of a closed database', () => {
  const tmp = tempDir('balcao-ro-view-');
  const file = path.join(tmp.dir, 'balcao.sqlite');
  const scratch = tempDir('balcao-ro-view-scratch-');
  const folder = () => folderSnapshot(tmp.dir);
  const saved = process.env.TMPDIR;
  const rows = (db: ReturnType<typeof openDatabase>): number =>
    (db.sqlite.prepare('select count(*) as n from probe').get() as { n: number }).n;
  const mainFile = (db: ReturnType<typeof openDatabase>): string | undefined =>
    (db.sqlite.pragma('database_list') as { name: string; file: string }[]).find((d) => d.name === 'main')
      ?.file;
  /** A terminal opening the folder and writing one row (its WAL is checkpointed into the file at close). */
  const terminalWrites = (): void => {
    const w = openDatabase(file);
    w.sqlite.prepare('insert into probe (v) values (?)').run('escrito');
    w.close();
  };

  beforeAll(() => {
    process.env.TMPDIR = scratch.dir;
    const db = openDatabase(file);
    db.sqlite.exec('create table probe (v text not null)');
    db.sqlite.prepare('insert into probe (v) values (?)').run('primeiro');
    db.close();
    expect(fs.readdirSync(tmp.dir)).toEqual(['balcao.sqlite']);
  });
  afterAll(() => {
    if (saved === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = saved;
    tmp.cleanup();
    scratch.cleanup();
  });

  it('reads the file itself through a link in the temporary folder, and leaves the data folder as it was', () => {
    const before = folder();
    const db = openDatabase(file, { readonly: true, view: true });
    const main = mainFile(db);
    expect(main && path.dirname(path.dirname(main))).toBe(scratch.dir);
    // The same inode: nothing was copied.
    expect(fs.statSync(main!).ino).toBe(fs.statSync(file).ino);
    expect(rows(db)).toBe(1);
    expect(db.unchangedSinceOpen()).toBe(true);
    // SQLite's -wal and -shm for the view are beside the link, not in the data folder.
    expect(fs.readdirSync(tmp.dir)).toEqual(['balcao.sqlite']);
    db.close();
    expect(fs.readdirSync(scratch.dir)).toEqual([]);
    expect(folder()).toEqual(before);
    expect(fs.statSync(file).nlink).toBe(1);
  });

  it('links the file itself when the data folder holds a relative symbolic link to it', () => {
    const elsewhere = path.join(tmp.dir, 'pasta-com-link');
    fs.mkdirSync(elsewhere);
    const viaLink = path.join(elsewhere, 'balcao.sqlite');
    fs.symlinkSync(path.join('..', 'balcao.sqlite'), viaLink);
    try {
      const db = openDatabase(viaLink, { readonly: true, view: true });
      expect(fs.statSync(mainFile(db)!).ino).toBe(fs.statSync(file).ino);
      expect(rows(db)).toBe(1);
      expect(db.unchangedSinceOpen()).toBe(true);
      db.close();
      expect(fs.readdirSync(elsewhere)).toEqual(['balcao.sqlite']);
    } finally {
      fs.rmSync(elsewhere, { recursive: true });
    }
  });

  it('says when the file changed while it was open (a terminal started on the folder)', () => {
    const db = openDatabase(file, { readonly: true, view: true });
    expect(rows(db)).toBe(1);
    terminalWrites();
    expect(db.unchangedSinceOpen()).toBe(false);
    db.close();
    expect(fs.readdirSync(scratch.dir)).toEqual([]);
  });

  it("is not used while a terminal has the database open: reads in place, under SQLite's own isolation", () => {
    const live = openDatabase(file);
    live.sqlite.prepare('insert into probe (v) values (?)').run('vivo');
    try {
      const db = openDatabase(file, { readonly: true, view: true });
      expect(mainFile(db)).toBe(file);
      expect(db.unchangedSinceOpen()).toBe(true);
      db.close();
    } finally {
      live.close();
    }
  });

  it('readDataDir reads again from a copy when the file changed during the first reading, and says so', () => {
    const ro = openDatabase(file, { readonly: true });
    const start = rows(ro);
    ro.close();
    const seen: Array<{ n: number; linked: boolean }> = [];
    let changed = 0;
    const n = readDataDir(
      tmp.dir,
      (db) => {
        const linked = fs.statSync(mainFile(db)!).ino === fs.statSync(file).ino;
        const first = rows(db);
        seen.push({ n: first, linked });
        if (seen.length === 1) terminalWrites();
        return first;
      },
      { onChanged: () => changed++ },
    );
    expect(seen).toEqual([
      { n: start, linked: true },
      { n: start + 1, linked: false },
    ]);
    expect({ n, changed }).toEqual({ n: start + 1, changed: 1 });
    // Unchanged: one reading, through the view.
    expect(readDataDir(tmp.dir, (db) => rows(db), { onChanged: () => changed++ })).toBe(start + 1);
    expect(changed).toBe(1);
    expect(fs.readdirSync(scratch.dir)).toEqual([]);
  });
});
