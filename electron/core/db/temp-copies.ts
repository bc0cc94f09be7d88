import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * Temporary folders for the read-only copies of a database (`verify`, `saft`), named after the process that
 * made them: `balcao-ro-<pid>-XXXXXX`. A copy is removed at close, but a process killed mid-export cannot, and
 * each leftover is a whole database (~100 MB for 100 000 documents): the next read-only open removes the
 * folders whose process no longer exists.
 */
const PREFIX = 'balcao-ro-';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it exists, under another user.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes what dead processes left; never fails (another user's folder, a race with its owner). */
export function sweepStaleCopyFolders(root = os.tmpdir()): void {
  let names: string[];
  try {
    names = fs.readdirSync(root);
  } catch {
    return;
  }
  for (const name of names) {
    const m = /^balcao-ro-(\d+)-/.exec(name);
    if (!m) continue;
    const pid = Number(m[1]);
    if (pid === process.pid || alive(pid)) continue;
    try {
      fs.rmSync(path.join(root, name), { recursive: true, force: true });
    } catch {
      // Not ours to remove.
    }
  }
}

/** A new folder for one copy, after sweeping the stale ones. */
export function newCopyFolder(): string {
  const root = os.tmpdir();
  sweepStaleCopyFolders(root);
  return fs.mkdtempSync(path.join(root, `${PREFIX}${process.pid}-`));
}
