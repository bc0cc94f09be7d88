import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Each file of a folder as one line: name, size, mtime (and with `mode`, its permission bits) and SHA-256 —
 * what "leaves the data folder as it was" means in the read-only tests.
 */
export function folderSnapshot(dir: string, opts: { mode?: boolean } = {}): string[] {
  return fs
    .readdirSync(dir)
    .sort()
    .map((f) => {
      const p = path.join(dir, f);
      const st = fs.statSync(p);
      const hash = crypto.createHash('sha256').update(fs.readFileSync(p)).digest('hex');
      return `${f} ${st.size} ${st.mtimeMs}${opts.mode ? ` ${st.mode.toString(8)}` : ''} ${hash}`;
    });
}
