/**
 * `node --import tsx tests/bench/fiscal/commit-cost.ts [N]`: what the pages of a document's commit cost, against
 * what the rest of issuing costs (issue 15, fiscal.issue_ceiling_ratio). Two measurements on the same disk:
 *   - raw better-sqlite3 transactions (WAL, synchronous=FULL) inserting one row into each of 1, 5, 10 or 20
 *     tables: 20 tables write about as many WAL frames as one issued FS (tests/bench/fiscal/wal-pages.ts);
 *   - N FS documents issued on a test core with synchronous=FULL and N with synchronous=OFF (no fsync), in
 *     alternating rounds: the difference is the durable write's share; CPU per document is the code's.
 * Diagnostics for the README, not the benchmark (OFF is never used for documents).
 */
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { median } from '../harness';
import { createTestCore } from '../../helpers/core';
import { threeLineFs } from '../../helpers/fs-draft';
import { tempDir } from '../../helpers/tmp';

const n = Number(process.argv[2] ?? 2000);
/** Documents per round of one mode (issued). */
const ROUND = 100;

/** Per transaction, the whole process (user apart from system: an fsync's wait is neither). */
interface Figures {
  userMs: number;
  sysMs: number;
}
const cpu = (c: { user: number; system: number }): Figures => ({
  userMs: c.user / 1000 / n,
  sysMs: c.system / 1000 / n,
});

function rawCommits(dir: string, tables: number): Figures & { medianMs: number } {
  const file = path.join(dir, `raw-${tables}.sqlite`);
  const db = new BetterSqlite3(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    const inserts = Array.from({ length: tables }, (_, t) => {
      db.exec(`create table t${t} (id integer primary key, a text, b text)`);
      return db.prepare(`insert into t${t} (a, b) values (?, ?)`);
    });
    const tx = db.transaction((i: number) => {
      for (const s of inserts) s.run(`doc-${i}`, 'x'.repeat(200));
    });
    for (let i = 0; i < 200; i++) tx(i);
    const each: number[] = [];
    const c0 = process.cpuUsage();
    for (let i = 0; i < n; i++) {
      const a = performance.now();
      tx(i);
      each.push(performance.now() - a);
    }
    const c = process.cpuUsage(c0);
    return { medianMs: median(each), ...cpu(c) };
  } finally {
    db.close();
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
  }
}

/**
 * FS documents issued on one test core in alternating rounds with synchronous=FULL and OFF, so both modes see
 * the same warm code and the same machine load (measured one mode after the other, the second looked cheaper).
 */
async function issued(): Promise<Record<'FULL' | 'OFF', Figures & { wallMs: number }>> {
  const t = await createTestCore();
  try {
    const s = t.core.ctx.db.sqlite;
    const draft = threeLineFs(t.core);
    for (let i = 0; i < 200; i++) t.core.fiscal.issue(draft, 1);
    const sum = { FULL: { ms: 0, user: 0, system: 0 }, OFF: { ms: 0, user: 0, system: 0 } };
    for (let done = 0; done < n; done += ROUND) {
      for (const mode of ['FULL', 'OFF'] as const) {
        s.pragma(`synchronous = ${mode}`);
        const t0 = performance.now();
        const c0 = process.cpuUsage();
        for (let i = 0; i < ROUND; i++) t.core.fiscal.issue(draft, 1);
        const c = process.cpuUsage(c0);
        sum[mode].ms += performance.now() - t0;
        sum[mode].user += c.user;
        sum[mode].system += c.system;
      }
    }
    s.pragma('synchronous = FULL');
    const figures = (m: (typeof sum)['FULL']) => ({ wallMs: m.ms / n, ...cpu(m) });
    return { FULL: figures(sum.FULL), OFF: figures(sum.OFF) };
  } finally {
    await t.close();
  }
}

const tmp = tempDir('balcao-commit-cost-');
try {
  const out: Record<string, unknown> = {};
  for (const tables of [1, 5, 10, 20]) out[`raw_${tables}_tables`] = rawCommits(tmp.dir, tables);
  const issue = await issued();
  out.issue_full = issue.FULL;
  out.issue_off = issue.OFF;
  const r3 = (v: number): number => Number(v.toFixed(3));
  process.stdout.write(JSON.stringify(out, (_k, v: unknown) => (typeof v === 'number' ? r3(v) : v)) + '\n');
} finally {
  tmp.cleanup();
}
