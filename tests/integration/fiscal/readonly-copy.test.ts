import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../../../electron/core/core';
import { createLogger } from '../../../electron/core/log/logger';
import { tempDir } from '../../helpers/tmp';
import { articleOf } from './fiscal-helpers';
import { folderSnapshot } from '../../helpers/folder-snapshot';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const BIN = path.join(ROOT, 'electron/cli/balcao.mjs');
const SETPRIV = '/usr/bin/setpriv';
const NOBODY = 65534;

/**
 * Issue 9, D.10: an accountant's copy of the data folder on a read-only medium. Tests run as root, for whom
 * chmod stops nothing, so the CLI runs as `nobody` (setpriv) on a copy owned by nobody with every write bit
 * removed: any write, migration or file created in the folder really fails. Besides, the folder is compared
 * byte for byte (listing, size, mtime, content hash) before and after.
 */
describe.runIf(fs.existsSync(SETPRIV) && process.getuid?.() === 0)(
  'verify and saft on a read-only copy',
  () => {
    const tmp = tempDir('balcao-ro-copy-');
    const source = path.join(tmp.dir, 'source');
    const out = path.join(tmp.dir, 'out');
    afterAll(() => {
      fs.chmodSync(tmp.dir, 0o755);
      for (const d of fs.readdirSync(tmp.dir)) {
        const p = path.join(tmp.dir, d);
        if (fs.statSync(p).isDirectory()) fs.chmodSync(p, 0o755);
      }
      tmp.cleanup();
    });

    const asNobody = (...args: string[]) =>
      spawnSync(
        SETPRIV,
        ['--reuid=nobody', '--regid=nogroup', '--clear-groups', process.execPath, BIN, ...args],
        { cwd: ROOT, encoding: 'utf8', timeout: 120_000, env: { ...process.env, HOME: out } },
      );

    /** A copy owned by nobody, files and folder without any write bit. */
    function readOnlyCopy(name: string, files: readonly string[]): string {
      const dir = path.join(tmp.dir, name);
      fs.mkdirSync(dir);
      for (const f of files) fs.copyFileSync(path.join(source, f), path.join(dir, f));
      for (const f of fs.readdirSync(dir)) {
        fs.chownSync(path.join(dir, f), NOBODY, NOBODY);
        fs.chmodSync(path.join(dir, f), 0o444);
      }
      fs.chownSync(dir, NOBODY, NOBODY);
      fs.chmodSync(dir, 0o555);
      return dir;
    }
    const snapshot = (dir: string) => folderSnapshot(dir, { mode: true });

    let core: Awaited<ReturnType<typeof createCore>>;
    beforeAll(async () => {
      fs.chmodSync(tmp.dir, 0o755); // mkdtemp is 0700: let nobody in
      fs.mkdirSync(out, { mode: 0o777 });
      fs.chmodSync(out, 0o777);
      // A running terminal: its WAL holds the last documents (not yet checkpointed into balcao.sqlite).
      core = await createCore({ dataDir: source, log: createLogger('test', () => {}) });
      const nor = articleOf(core, 'NOR');
      for (let i = 0; i < 12; i++) {
        core.fiscal.issue({ type: 'FT', lines: [{ articleId: nor.id, quantity: String(1 + i) }] }, 1);
      }
      expect(fs.statSync(path.join(source, 'balcao.sqlite-wal')).size).toBeGreaterThan(0);
    }, 60_000);

    const BASE = [
      'balcao.sqlite',
      'fiscal-seal.key',
      'fiscal-seal.head-a',
      'fiscal-seal.head-b',
      'fiscal-secret.key',
    ];

    it.each([
      ['with its pending WAL and -shm', [...BASE, 'balcao.sqlite-wal', 'balcao.sqlite-shm']],
      ['with its pending WAL but no -shm', [...BASE, 'balcao.sqlite-wal']],
    ])(
      'a copy of a live terminal %s: verify and saft work and change nothing',
      (name, files) => {
        const dir = readOnlyCopy(name.replace(/\W+/g, '-'), files);
        const before = snapshot(dir);
        const v = asNobody('verify', '--data-dir', dir);
        expect(v.stderr).not.toMatch(/Não é possível escrever/);
        expect(v.status, v.stderr).toBe(0);
        expect(v.stdout).toMatch(/^OK: 12 documentos/);
        const file = path.join(out, `${name.length}-${files.length}.xml`);
        const s = asNobody(
          'saft',
          '--from',
          '2000-01-01',
          '--to',
          '2099-12-31',
          '--out',
          file,
          '--data-dir',
          dir,
        );
        expect(s.status, s.stderr).toBe(0);
        expect(fs.readFileSync(file, 'latin1')).toMatch(/<NumberOfEntries>12<\/NumberOfEntries>/);
        expect(snapshot(dir)).toEqual(before);
      },
      120_000,
    );

    it('a stopped terminal copied (no WAL left): verify works and changes nothing', async () => {
      await core.stop('test');
      const files = BASE.filter((f) => fs.existsSync(path.join(source, f)));
      // The WAL of a cleanly stopped terminal is gone or empty.
      expect(fs.statSync(path.join(source, 'balcao.sqlite-wal'), { throwIfNoEntry: false })?.size ?? 0).toBe(
        0,
      );
      const dir = readOnlyCopy('stopped', files);
      const before = snapshot(dir);
      const v = asNobody('verify', '--data-dir', dir);
      expect(v.status, v.stderr).toBe(0);
      expect(v.stdout).toMatch(/^OK: 12 documentos/);
      expect(snapshot(dir)).toEqual(before);
    }, 120_000);
  },
);
