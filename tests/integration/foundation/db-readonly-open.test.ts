import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/core/db/open';
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
  const snapshot = () =>
    fs
      .readdirSync(tmp.dir)
      .sort()
      .map((f) => {
        const p = path.join(tmp.dir, f);
        const st = fs.statSync(p);
        const hash = crypto.createHash('sha256').update(fs.readFileSync(p)).digest('hex');
        return `${f} ${st.size} ${st.mtimeMs} ${hash}`;
      });
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
